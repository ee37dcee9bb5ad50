/**
 * `rename-public-secrets`: takes secrets out of the client bundle, where `no-public-env-secret` finds them.
 *
 * - Source files: `process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY` → `process.env.STRIPE_SECRET_KEY` (the rule's
 *   suggestion, for every client prefix it knows). In a `'use client'` module the rename is made too (the secret
 *   must leave the bundle), with a review note: the value is `undefined` there from now on.
 * - `.env*` files: the same key renamed (the rule's suggestion), and the same rename for template entries the rule
 *   does not report because their value is a placeholder (`.env.example`'s `NEXT_PUBLIC_STRIPE_SECRET_KEY=sk_test_...`),
 *   by the shared name classifier (`src/core/secrets.ts`), so that the template keeps documenting the name the code
 *   reads. A rename onto a key the file already has is made only when both hold the same value (the public line goes).
 * - next.config `env`: an entry that only copies the server environment (`STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY`)
 *   is removed: server code reads `process.env` without it. Any other value, `publicRuntimeConfig`, a spread of
 *   `process.env`, a t3-env `client` schema entry and a secret value in a public variable are left for review.
 */
import { basename } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import noPublicEnvSecret from '../rules/no-public-env-secret.js';
import { unwrap } from '../src/core/ast.js';
import { isDotenvFileName, type DotenvEntry } from '../src/core/dotenv.js';
import { envMemberRead, envObjectOf, programDirective } from '../src/core/env-reads.js';
import { classifyEnvName, clientEnvPrefix, isPlaceholderValue, serverEnvName } from '../src/core/secrets.js';
import { readSettings } from '../src/core/settings.js';
import { lintDotenvForTargets, lintForTargets, type DotenvReport, type RuleReport } from '../src/codemod-targets.js';
import { defineCodemod, type CodemodInput, type CodemodPlan, type Review, type Rewrite } from './lib/codemod.js';
import type { TextEdit } from './lib/edits.js';
import { planReviews, reviewCommentEdits, staleReviewEdits, type NodeReview } from './lib/reviews.js';
import { REVIEW_MARKER } from './lib/source.js';
import { removeListItems } from './lib/unused.js';

type Node = TSESTree.Node;

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

function run(input: CodemodInput): CodemodPlan {
  return isDotenvFileName(basename(input.filename)) ? runDotenv(input) : runSource(input);
}

// Source files ------------------------------------------------------------------------------------------------------

function runSource({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const { sourceCode, reports } = lintForTargets('no-public-env-secret', noPublicEnvSecret, source, { filename, cwd, settings: options.settings });
  if (reports.length === 0) return { edits: [], rewrites: [], reviews: [] };
  const inClient = programDirective(sourceCode.ast) === 'use client';
  const edits: TextEdit[] = [];
  const rewrites: Rewrite[] = [];
  const reviews: NodeReview[] = [];
  const rewritten: Node[] = [];
  const review = (report: RuleReport, reason: string, kind = report.messageId) => reviews.push({ kind, at: report.node.range[0], reason, node: report.node });
  /** next.config `env` entries to remove, by the object holding them. */
  const removals = new Map<TSESTree.ObjectExpression, Set<Node>>();

  // A name declared in a t3-env `client` schema is renamed with that schema, by hand: renaming only its reads would
  // leave the schema validating a variable the browser no longer has.
  const t3Client = new Set(reports.filter((r) => r.messageId === 't3ClientSecret').map((r) => r.data.name));
  for (const report of reports) {
    const { data } = report;
    switch (report.messageId) {
      case 'publicSecret': {
        if (t3Client.has(data.name)) {
          review(report, `\`${data.name}\` is declared in the \`client\` schema of createEnv here: rename it there and here together`);
          break;
        }
        const suggestion = report.suggestions.find((s) => s.messageId === 'renameToServer');
        if (!suggestion) {
          review(report, report.message);
          break;
        }
        // Vite (and Astro, SvelteKit) expose only prefixed variables on `import.meta.env`, on the server too: there
        // the renamed read would be undefined everywhere.
        if (readVia(report.node) === 'import.meta.env') {
          review(report, `\`import.meta.env\` has only the public \`${data.prefix}\` variables, on the server too: read \`process.env.${data.serverName}\` in server code instead, and rename ${data.name} in your environment`);
          break;
        }
        edits.push({ range: suggestion.fix.range, text: suggestion.fix.text });
        rewrites.push({ kind: 'env: renamed to the server name', at: report.node.range[0] });
        rewritten.push(report.node);
        if (inClient) {
          review(
            report,
            `\`${data.serverName}\` is read in a 'use client' module, where Next.js leaves it undefined (it is no longer inlined, as a secret must not be): move what needs it to a Route Handler or Server Action`,
            'client-module',
          );
        }
        break;
      }
      case 'nextConfigEnv': {
        const prop = report.node.parent;
        const object = prop?.parent;
        if (prop?.type !== AST_NODE_TYPES.Property || object?.type !== AST_NODE_TYPES.ObjectExpression) {
          review(report, report.message);
          break;
        }
        const value = unwrap(prop.value);
        const read = value.type === AST_NODE_TYPES.MemberExpression ? envMemberRead(value) : null;
        if (!read || read.name !== data.key || read.via !== 'process.env') {
          review(
            report,
            `\`env.${data.key}\` is \`${sourceCode.getText(prop.value).replace(/\s+/g, ' ').slice(0, 60)}\`, not \`process.env.${data.key}\`, so server code that reads \`process.env.${data.key}\` gets its value from here: set ${data.key} in the server environment, then remove the entry`,
          );
          break;
        }
        const set = removals.get(object) ?? new Set<Node>();
        set.add(prop);
        removals.set(object, set);
        rewrites.push({ kind: 'next.config: secret removed from env', at: report.node.range[0] });
        rewritten.push(report.node);
        break;
      }
      case 'publicRuntimeConfig':
        review(report, `\`publicRuntimeConfig.${data.key}\` reaches every browser: move it to \`serverRuntimeConfig\` and change how the server code reads it (\`getConfig().serverRuntimeConfig\`), or read \`process.env\` on the server`);
        break;
      case 'nextConfigEnvSpread':
        review(report, `\`${data.spread}\` sends every variable to the browser: list the public ones by name (which ones the client needs is yours to say)`);
        break;
      case 't3ClientSecret':
        review(report, `\`${data.name}\` is in the \`client\` schema of createEnv: declare it under \`server\` as \`${data.serverName}\` and update \`runtimeEnv\` and its readers (\`env.${data.name}\`)`);
        break;
      default:
        review(report, report.message);
    }
  }
  for (const [object, gone] of removals) {
    if (gone.size === object.properties.length) edits.push({ range: object.range, text: '{}' });
    else edits.push(...removeListItems(object.properties, gone));
  }
  edits.push(...reviewCommentEdits(sourceCode, reviews), ...staleReviewEdits(sourceCode, rewritten, reviews));
  return { edits, rewrites, reviews: planReviews(reviews) };
}

/** Whether the reported name is read from `process.env` or `import.meta.env` (a member read or a destructuring). */
function readVia(nameNode: Node): 'process.env' | 'import.meta.env' | null {
  const parent = nameNode.parent;
  if (parent?.type === AST_NODE_TYPES.MemberExpression) return envObjectOf(parent.object);
  for (let current: Node | undefined = parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.VariableDeclarator) return current.init ? envObjectOf(current.init) : null;
    if (current.type === AST_NODE_TYPES.AssignmentExpression) return envObjectOf(current.right);
  }
  return null;
}

// .env files --------------------------------------------------------------------------------------------------------

function runDotenv({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const { document, text, reports } = lintDotenvForTargets('no-public-env-secret', noPublicEnvSecret, source, { filename, cwd, settings: options.settings });
  const settings = readSettings(options.settings ? { 'tenant-guard': options.settings } : undefined);
  const names = { secretNames: settings.secretEnvNames, publicNames: settings.publicEnvNames };
  const edits: TextEdit[] = [];
  const rewrites: Rewrite[] = [];
  const reviews: Review[] = [];
  const reviewed = new Set<DotenvEntry>();
  const byName = new Map<string, DotenvEntry[]>();
  for (const entry of document.body) byName.set(entry.key.name, [...(byName.get(entry.key.name) ?? []), entry]);

  const lineStart = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const review = (entry: DotenvEntry, kind: string, reason: string) => {
    reviews.push({ kind, at: entry.range[0], reason });
    if (reviewed.has(entry)) return;
    reviewed.add(entry);
    const above = document.comments.find((c) => c.loc.end.line === entry.loc.start.line - 1);
    if (above && above.value.trim().startsWith(REVIEW_MARKER)) return; // an earlier run left it
    const at = lineStart(entry.range[0]);
    edits.push({ range: [at, at], text: `# ${REVIEW_MARKER}: ${reason.replace(/\s+/g, ' ')}\n` });
  };
  /** Renames `entry`'s key to `serverName`, or drops it onto an entry of that name holding the same value. */
  const rename = (entry: DotenvEntry, serverName: string, kind: string) => {
    const existing = byName.get(serverName) ?? [];
    if (existing.length === 0) {
      edits.push({ range: entry.key.range, text: serverName });
      rewrites.push({ kind, at: entry.range[0] });
      return;
    }
    if (existing.every((e) => (e.value?.value ?? '') === (entry.value?.value ?? ''))) {
      const start = lineStart(entry.range[0]);
      const newline = text.indexOf('\n', entry.range[1]);
      edits.push({ range: [start, newline === -1 ? text.length : newline + 1], text: '' });
      rewrites.push({ kind: 'env: public duplicate of a server variable removed', at: entry.range[0] });
      return;
    }
    review(entry, 'publicSecretInEnvFile', `\`${serverName}\` is also set in this file, with another value: keep the right value under ${serverName} and delete ${entry.key.name}`);
  };

  const handled = new Set<DotenvEntry>();
  for (const report of reports) {
    const entry = report.entry;
    if (!entry) continue;
    handled.add(entry);
    if (report.messageId === 'publicSecretInEnvFile' && report.suggestions.some((s) => s.messageId === 'renameToServer')) {
      rename(entry, report.data.serverName, 'env: renamed to the server name');
    } else {
      review(entry, report.messageId, dotenvReason(report));
    }
  }
  // Template entries (`sk_test_...`, empty): not a leak, but they document the name the code reads.
  for (const entry of document.body) {
    if (handled.has(entry) || !clientEnvPrefix(entry.key.name)) continue;
    if (!classifyEnvName(entry.key.name, names).secret || !isPlaceholderValue(entry.value?.value ?? '')) continue;
    rename(entry, serverEnvName(entry.key.name), 'env: template entry renamed to the server name');
  }
  return { edits, rewrites, reviews };
}

function dotenvReason(report: DotenvReport): string {
  if (report.messageId === 'secretValueInPublicEnv') {
    return `\`${report.data.name}\` holds ${report.data.what}: put the ${report.data.publicKind} here and the secret in a server-only variable (which key is which is yours to say), then rotate the secret`;
  }
  return report.message;
}

export const codemod = {
  name: 'rename-public-secrets',
  run,
  accepts: (filename: string) => {
    const name = basename(filename);
    return (SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name)) || isDotenvFileName(name);
  },
  unit: { one: 'reference', many: 'references' },
};
export default defineCodemod(codemod);
/** jscodeshift picks the parser from here when run as `jscodeshift -t …/rename-public-secrets.js`. */
export const parser = 'tsx';

