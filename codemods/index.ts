/**
 * The jscodeshift transforms of tenant-guard, by name: one file per transform in this folder, each finding its
 * targets through `src/codemod-targets.ts` (the rule that reports the problem, run by ESLint's `Linter`; never a
 * second copy of the detection logic), built with `defineCodemod` (lib/codemod.ts), tested with input/output
 * fixtures under `tests/codemods/__fixtures__/<name>/` and documented in `docs/codemods/<name>.md`.
 * `tests/codemods/registry.test.ts` holds every entry to those conventions; `tenant-guard migrate <name>` runs them.
 */
import type { CodemodTransform } from './lib/codemod.js';

export interface CodemodEntry {
  /** Module path of the transform, relative to this folder (`./scope-queries.js`). */
  module: string;
  description: string;
  /** Loads the transform (its default export is a jscodeshift transform). */
  load: () => Promise<{ default: CodemodTransform }>;
}

export const codemods: Record<string, CodemodEntry> = {
  'scope-queries': {
    module: './scope-queries.js',
    description: 'Add the session\'s tenant to every query require-tenant-scope reports as unscoped',
    load: () => import('./scope-queries.js'),
  },
  'session-scope': {
    module: './session-scope.js',
    description: 'Replace the browser\'s tenant value no-client-tenant-id reports with the session\'s, and drop the read left unused',
    load: () => import('./session-scope.js'),
  },
  'stripe-customer-by-id': {
    module: './stripe-customer-by-id.js',
    description: 'Read the Stripe customer id stored on the account instead of finding the customer by email',
    load: () => import('./stripe-customer-by-id.js'),
  },
  'rename-public-secrets': {
    module: './rename-public-secrets.js',
    description: 'Rename NEXT_PUBLIC_ secrets to their server names in code and .env files, and take them out of next.config env',
    load: () => import('./rename-public-secrets.js'),
  },
  'add-server-only': {
    module: './add-server-only.js',
    description: "Add import 'server-only' to modules that read server secrets or construct privileged clients",
    load: () => import('./add-server-only.js'),
  },
};
