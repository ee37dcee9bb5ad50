/**
 * `add-server-only`: adds `import 'server-only'` to the modules that hold server secrets, so that importing one from
 * client code fails the build instead of shipping the secret (or the SDK that needs it) to the browser.
 *
 * A module is a target when its text shows server-only code, by the core's recognisers: it constructs a database
 * client, the Stripe server SDK or a Supabase service-role client (`serverModuleReasonOfText`), or it reads a
 * secret environment variable (the shared classifier of `src/core/secrets.ts`). It gets the import (after its
 * directives, before its first statement) only when that is certain not to break anything: every module that imports
 * it, through the project's import graph, is App Router server code (a route handler, page, layout, server action,
 * or a library module only those import). `server-only` throws when it is loaded anywhere else, so a module that
 * `'use client'` code, the Pages Router (`pages/`), a script, a seed or a config file imports is left for review,
 * and so is one that `no-secret-in-client` reports as running in the browser (only client modules import it):
 * there the import would fail the build until the secret use moves to the server.
 *
 * Never in a `'use client'` or `'use server'` module, an entry file itself, or a module that already imports it.
 */
import { basename, dirname, relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import noSecretInClient from '../rules/no-secret-in-client.js';
import { walk } from '../src/core/ast.js';
import { importersOf, moduleDirective, serverModuleReasonOfText, type ServerModuleReason } from '../src/core/client-graph.js';
import { envDestructuredReads, envMemberRead, programDirective } from '../src/core/env-reads.js';
import { nearestDirWith } from '../src/core/file-cache.js';
import { classifyEnvName, clientEnvPrefix } from '../src/core/secrets.js';
import { readSettings } from '../src/core/settings.js';
import { lintForTargets } from '../src/codemod-targets.js';
import { defineCodemod, type CodemodInput, type CodemodPlan } from './lib/codemod.js';
import type { TextEdit } from './lib/edits.js';
import { dependencyMajor } from './lib/packages.js';
import { planReviews, reviewCommentEdits, type NodeReview } from './lib/reviews.js';
import { quoteStyle, usesSemicolons } from './lib/source.js';

type SourceCode = TSESLint.SourceCode;

/** App Router files Next.js serves itself: never imported, so never a target, and server code when they import one. */
const APP_ENTRY = /(?:^|\/)app\/(?:.*\/)?(?:route|page|layout|template|default|loading|error|not-found|opengraph-image|twitter-image|icon|apple-icon|sitemap|robots|manifest)\.[cm]?[jt]sx?$/;
const PAGES = /(?:^|\/)pages\//;
/** Code that runs outside a Next.js server bundle, where `server-only` throws when it is loaded. */
const OUTSIDE_NEXT =
  /(?:^|\/)(?:scripts?|bin|cli|prisma|seeds?|jobs|workers?|cron|trigger|inngest|migrations?|e2e)\/|(?:^|\/)(?:seed|worker)\.[cm]?[jt]s$|\.config\.[cm]?[jt]s$|(?:^|\/)(?:next|drizzle|vite|vitest|jest|playwright|tailwind|postcss)\.config\./;
/** Middleware and instrumentation run in their own bundles; whether `server-only` resolves there is not certain. */
const SPECIAL_ENTRY = /(?:^|\/)(?:src\/)?(?:middleware|instrumentation|proxy)\.[cm]?[jt]s$/;

/** Tests, stories and fixtures: not app code. */
const NOT_APP_CODE = /\.(?:test|spec|stories|story)\.[cm]?[jt]sx?$|(?:^|\/)(?:__tests__|__mocks__|__fixtures__|tests?|e2e|cypress|playwright)\//;

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

const REASON: Record<Exclude<ServerModuleReason, 'server-only'> | 'secret-env', string> = {
  'database-client': 'it constructs a database client',
  'stripe-sdk': 'it creates the Stripe server SDK client',
  'service-role-client': 'it creates a Supabase service-role client',
  'secret-env': 'it reads a server secret',
};

function run({ source, filename, cwd, options }: CodemodInput): CodemodPlan {
  const none: CodemodPlan = { edits: [], rewrites: [], reviews: [] };
  const root = nearestDirWith(dirname(filename), 'package.json') ?? cwd;
  const path = relative(root, filename).split('\\').join('/');
  if (APP_ENTRY.test(path) || PAGES.test(path) || OUTSIDE_NEXT.test(path) || SPECIAL_ENTRY.test(path) || NOT_APP_CODE.test(path)) return none;
  const evidence = serverModuleReasonOfText(source);
  if (evidence === 'server-only') return none; // already there
  const { sourceCode, reports } = lintForTargets('no-secret-in-client', noSecretInClient, source, {
    filename,
    cwd,
    settings: options.settings,
    ruleOptions: [{ checkImportedModules: true }],
  });
  const program = sourceCode.ast;
  if (programDirective(program) !== null) return none; // 'use client': never; 'use server': a boundary already
  const settings = readSettings(options.settings ? { 'tenant-guard': options.settings } : undefined);
  const secret = evidence ? null : secretRead(program, { secretNames: settings.secretEnvNames, publicNames: settings.publicEnvNames });
  const why = evidence ? REASON[evidence] : secret ? `${REASON['secret-env']} (\`${secret}\`)` : null;
  if (!why) return none;
  const first = firstStatement(program);
  if (!first) return none;

  const reviews: NodeReview[] = [];
  // The rule's own finding: only client modules import this one, so it runs in the browser.
  const inBrowser = reports.filter((r) => r.suggestions.some((s) => s.messageId === 'addServerOnly'));
  if (inBrowser.length > 0) {
    for (const report of inBrowser) {
      reviews.push({
        kind: report.messageId,
        at: report.node.range[0],
        node: report.node,
        reason: `only client modules import this module, and ${why}: move that to the server first, then add \`import 'server-only'\` (now it would fail the build)`,
      });
    }
    return plan(sourceCode, [], reviews);
  }
  // Anywhere `server-only` would throw or is not certain to resolve, the module is left as it is: there is nothing
  // to fix by hand there (the Pages Router and scripts cannot use it), so no comment either.
  if (importVerdict(filename, root) !== 'server') return none;
  const quote = quoteStyle(sourceCode);
  const semi = usesSemicolons(sourceCode) ? ';' : '';
  // With the imports, or in a paragraph of its own before the code.
  const gap = first.type === AST_NODE_TYPES.ImportDeclaration ? '\n' : '\n\n';
  const edit: TextEdit = { range: [first.range[0], first.range[0]], text: `import ${quote}server-only${quote}${semi}${gap}` };
  // Next.js resolves `server-only` itself; tests and tools that load this module need the package.
  const installed = dependencyMajor([filename], ['server-only']) !== null;
  const kind = installed ? 'server-only: import added' : 'server-only: import added (install the package for tests and tools: npm install server-only)';
  return { edits: [edit], rewrites: [{ kind, at: first.range[0] }], reviews: [] };
}

function plan(sourceCode: SourceCode, edits: TextEdit[], reviews: NodeReview[]): CodemodPlan {
  return { edits: [...edits, ...reviewCommentEdits(sourceCode, reviews)], rewrites: [], reviews: planReviews(reviews) };
}

/** The first statement after the directives: where the import goes (a file's leading comment stays above it). */
function firstStatement(program: TSESTree.Program): TSESTree.ProgramStatement | null {
  return program.body.find((s) => !(s.type === AST_NODE_TYPES.ExpressionStatement && s.directive !== undefined)) ?? null;
}

/** The first secret environment variable the module reads (`process.env.STRIPE_SECRET_KEY`), by the shared classifier. */
function secretRead(program: TSESTree.Program, names: { secretNames: readonly string[]; publicNames: readonly string[] }): string | null {
  let found: string | null = null;
  walk(program, (node) => {
    const reads =
      node.type === AST_NODE_TYPES.MemberExpression
        ? [envMemberRead(node)].filter((r) => r !== null)
        : node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init
          ? envDestructuredReads(node.id, node.init)
          : [];
    for (const read of reads) {
      if (read.via === 'process.env' && !clientEnvPrefix(read.name) && classifyEnvName(read.name, names).secret) {
        found = read.name;
        return true;
      }
    }
    return false;
  });
  return found;
}

/**
 * Who imports the module, transitively, up to App Router entries and server actions: `server` when every importer
 * is App Router server code and one of them is reached; `elsewhere` as soon as one is a `'use client'` module, a
 * Pages Router file, a script, job, seed, worker or config file (by its path), middleware or instrumentation, or the
 * chain cannot be followed; `unused` when nothing Next.js serves imports it (dead code, or tests and tools only).
 */
function importVerdict(file: string, root: string): 'server' | 'elsewhere' | 'unused' {
  const seen = new Set<string>([file]);
  let queue = [file];
  let served = false;
  for (let depth = 0; depth < 8 && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const current of queue) {
      const importers = importersOf(current);
      if (importers === null) return 'elsewhere';
      for (const importer of importers) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        const path = relative(root, importer).split('\\').join('/');
        const directive = moduleDirective(importer);
        if (directive === 'use client') return 'elsewhere';
        // An App Router entry is served by Next.js wherever it sits (`app/api/cron/…/route.ts` too).
        if (directive === 'use server' || APP_ENTRY.test(path)) {
          served = true;
          continue;
        }
        if (PAGES.test(path) || OUTSIDE_NEXT.test(path) || SPECIAL_ENTRY.test(path)) return 'elsewhere';
        next.push(importer);
      }
    }
    queue = next;
  }
  if (queue.length > 0) return 'elsewhere'; // a chain too long to follow
  return served ? 'server' : 'unused';
}

export const codemod = {
  name: 'add-server-only',
  run,
  accepts: (filename: string) => SOURCE_FILE.test(basename(filename)) && !DECLARATION_FILE.test(basename(filename)),
  unit: { one: 'module', many: 'modules' },
};
export default defineCodemod(codemod);
/** jscodeshift picks the parser from here when run as `jscodeshift -t …/add-server-only.js`. */
export const parser = 'tsx';
