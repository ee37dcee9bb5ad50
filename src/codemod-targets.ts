/**
 * How the codemods find their targets: by running the rule that reports them, never by a second copy of its logic.
 *
 * `lintForTargets` lints one source text with ESLint's `Linter` (flat config, `@typescript-eslint/parser`, the same
 * parser options as the plugin's configs) and one real rule of the plugin, wrapped so that every `context.report()`
 * descriptor is kept: the node, the messageId and the raw message data. Only the reports ESLint keeps are returned,
 * so `// eslint-disable-next-line tenant-guard/<rule>` makes a codemod leave a line alone exactly as it silences
 * `tenant-guard check`. The codemod then rewrites on the same TSESTree the rule saw (the `SourceCode` is returned with
 * the reports), asking `src/core/` for whatever structure it needs at the reported node.
 *
 * `tenantScopeTargets` does that for `require-tenant-scope` and adds, per report, the core's own view of the query:
 * the Prisma query (`matchPrismaQuery`) or the data layer's finding with its proposed insertion (`DATA_LAYERS`).
 */
import { Linter, type Rule } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import noClientTenantId from '../rules/no-client-tenant-id.js';
import requireTenantScope from '../rules/require-tenant-scope.js';
import { walk, type Node } from './core/ast.js';
import { SOURCE_LABELS, type ClientSourceKind } from './core/client-input.js';
import { DATA_LAYERS, type LayerContext, type LayerFinding } from './core/data-layers.js';
import { createLayerContext } from './core/layer-context.js';
import { DEFAULT_AUTH_PATHS, matchesAnyGlob } from './core/paths.js';
import { matchPrismaQuery, type ClientContext, type PrismaQuery } from './core/prisma-client.js';
import { getTenantModel, type TenantModel } from './core/tenant-model.js';
import { tenantPositions, type SpreadPosition, type TenantPosition } from './core/tenant-positions.js';
import { parseDotenv, type DotenvDocument, type DotenvEntry } from './core/dotenv.js';
import { DOTENV_FILES, DOTENV_IGNORES, dotenvLanguage } from './dotenv.js';

export type SourceCode = TSESLint.SourceCode;

/** One `context.report()` of the rule that ESLint kept (not disabled by a directive). */
export interface RuleReport {
  messageId: string;
  /** The message data exactly as the rule passed it (`{ call, model, field, … }`). */
  data: Record<string, string>;
  node: TSESTree.Node;
  /** The message as ESLint words it. */
  message: string;
  /** The rule's suggestions, as ESLint computed them: text edits on the linted source. */
  suggestions: { messageId?: string; desc: string; fix: { range: [number, number]; text: string } }[];
}

export interface LintedSource {
  sourceCode: SourceCode;
  reports: RuleReport[];
  /** The rule context ESLint created for the file (for core helpers that take one, such as `createLayerContext`). */
  context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>> | null;
}

/** The file does not parse: a codemod leaves it alone and says where. */
export class UnparsableSourceError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'UnparsableSourceError';
  }
}

export interface LintOptions {
  /** Absolute path of the file the source is (or will be) at: globs, schema discovery and imports go by it. */
  filename: string;
  /** The project directory, as ESLint's cwd: `allowPaths` and settings paths are relative to it. */
  cwd: string;
  /** `settings['tenant-guard']`, validated by the rule like any ESLint config's. */
  settings?: Record<string, unknown>;
  /** The rule's options (its defaults when absent, as in the `recommended` config). */
  ruleOptions?: unknown[];
}

const PLUGIN = 'tenant-guard';

type AnyRule = { meta?: unknown; create: (context: never) => unknown };

/** The rule, wrapped so that each `context.report()` descriptor is handed to `record` before ESLint sees it. */
function recordingRule(rule: AnyRule, record: (descriptor: Rule.ReportDescriptor) => void, onContext: (context: Rule.RuleContext) => void): Rule.RuleModule {
  return {
    meta: rule.meta as Rule.RuleMetaData,
    create(context) {
      onContext(context);
      const recording = Object.create(context, {
        report: {
          value(descriptor: Rule.ReportDescriptor) {
            record(descriptor);
            context.report(descriptor);
          },
        },
      }) as Rule.RuleContext;
      return (rule.create as unknown as (c: Rule.RuleContext) => Rule.RuleListener)(recording);
    },
  };
}

/** Lints `source` with one rule and returns what it reported, with the nodes. Throws UnparsableSourceError. */
export function lintForTargets(ruleName: string, rule: AnyRule, source: string, options: LintOptions): LintedSource {
  const descriptors: { messageId: string; data: Record<string, string>; node: TSESTree.Node }[] = [];
  let ruleContext: LintedSource['context'] = null;
  const wrapped = recordingRule(
    rule,
    (descriptor) => {
      if ('node' in descriptor && descriptor.node && 'messageId' in descriptor && descriptor.messageId) {
        descriptors.push({
          messageId: descriptor.messageId,
          data: (descriptor.data ?? {}) as Record<string, string>,
          node: descriptor.node as unknown as TSESTree.Node,
        });
      }
    },
    (context) => (ruleContext = context as unknown as LintedSource['context']),
  );
  const linter = new Linter({ cwd: options.cwd });
  const config: Linter.Config[] = [
    {
      files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'],
      plugins: { [PLUGIN]: { rules: { [ruleName]: wrapped } } },
      languageOptions: {
        parser: tsParser as unknown as Linter.Parser,
        parserOptions: { ecmaFeatures: { jsx: true } },
      },
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      settings: options.settings ? { [PLUGIN]: options.settings } : {},
      rules: { [`${PLUGIN}/${ruleName}`]: ['error', ...(options.ruleOptions ?? [])] as Linter.RuleEntry },
    },
  ];
  const messages = linter.verify(source, config, { filename: options.filename });
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new UnparsableSourceError(fatal.message, fatal.line, fatal.column);
  // A file outside the cwd, or one no config matches, is not linted at all: say so rather than find nothing.
  const skipped = messages.find((m) => m.ruleId === null && m.line === 0);
  if (skipped) throw new Error(`ESLint did not lint ${options.filename} (cwd ${options.cwd}): ${skipped.message}`);
  const sourceCode = linter.getSourceCode() as unknown as SourceCode;
  const reports: RuleReport[] = [];
  const unmatched = [...descriptors];
  for (const message of messages) {
    if (message.ruleId !== `${PLUGIN}/${ruleName}`) continue;
    const index = unmatched.findIndex((d) => d.messageId === message.messageId && sameLocation(d.node, message));
    if (index === -1) continue;
    const [descriptor] = unmatched.splice(index, 1);
    reports.push({
      ...descriptor,
      message: message.message,
      suggestions: (message.suggestions ?? []).map((s) => ({ messageId: s.messageId, desc: s.desc, fix: { range: s.fix.range, text: s.fix.text } })),
    });
  }
  return { sourceCode, reports, context: ruleContext };
}

// dotenv files ----------------------------------------------------------------------------------------------------

/** One report of a rule in a dotenv file: reports there carry a location, and the entry it is on. */
export interface DotenvReport {
  messageId: string;
  data: Record<string, string>;
  message: string;
  /** The entry (`KEY=value` line) the report is on, when it is on one. */
  entry: DotenvEntry | null;
  suggestions: RuleReport['suggestions'];
}

export interface LintedDotenv {
  document: DotenvDocument;
  text: string;
  reports: DotenvReport[];
}

/**
 * `lintForTargets` for a dotenv file (`.env`, `.env.local`, `.env.example`): the rule runs on the plugin's
 * `tenant-guard/dotenv` language, as `tenant-guard check` runs it, and `# eslint-disable-next-line` comments count.
 */
export function lintDotenvForTargets(ruleName: string, rule: AnyRule, source: string, options: LintOptions): LintedDotenv {
  const descriptors: { messageId: string; data: Record<string, string>; line: number; column: number }[] = [];
  const wrapped = recordingRule(
    rule,
    (descriptor) => {
      const loc = 'loc' in descriptor ? (descriptor.loc as { start?: { line: number; column: number }; line?: number; column?: number }) : null;
      const start = loc && 'start' in loc && loc.start ? loc.start : loc && typeof loc.line === 'number' ? { line: loc.line, column: loc.column ?? 0 } : null;
      if (start && 'messageId' in descriptor && descriptor.messageId) {
        descriptors.push({ messageId: descriptor.messageId, data: (descriptor.data ?? {}) as Record<string, string>, ...start });
      }
    },
    () => {},
  );
  const linter = new Linter({ cwd: options.cwd });
  const config = [
    {
      files: DOTENV_FILES,
      ignores: DOTENV_IGNORES,
      plugins: { [PLUGIN]: { rules: { [ruleName]: wrapped }, languages: { dotenv: dotenvLanguage } } },
      language: `${PLUGIN}/dotenv`,
      linterOptions: { reportUnusedDisableDirectives: 'off' },
      settings: options.settings ? { [PLUGIN]: options.settings } : {},
      rules: { [`${PLUGIN}/${ruleName}`]: ['error', ...(options.ruleOptions ?? [])] },
    },
  ] as unknown as Linter.Config[];
  const messages = linter.verify(source, config, { filename: options.filename });
  const skipped = messages.find((m) => m.ruleId === null && m.line === 0);
  if (skipped) throw new Error(`ESLint did not lint ${options.filename} (cwd ${options.cwd}): ${skipped.message}`);
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const document = parseDotenv(text);
  const reports: DotenvReport[] = [];
  const unmatched = [...descriptors];
  for (const message of messages) {
    if (message.ruleId !== `${PLUGIN}/${ruleName}`) continue;
    const index = unmatched.findIndex((d) => d.messageId === message.messageId && d.line === message.line && d.column + 1 === message.column);
    if (index === -1) continue;
    const [descriptor] = unmatched.splice(index, 1);
    const entry = document.body.find((e) => e.loc.start.line <= descriptor.line && descriptor.line <= e.loc.end.line) ?? null;
    reports.push({
      messageId: descriptor.messageId,
      data: descriptor.data,
      message: message.message,
      entry,
      suggestions: (message.suggestions ?? []).map((s) => ({ messageId: s.messageId, desc: s.desc, fix: { range: s.fix.range, text: s.fix.text } })),
    });
  }
  return { document, text, reports };
}

function sameLocation(node: TSESTree.Node, message: Linter.LintMessage): boolean {
  const { start, end } = node.loc;
  return (
    start.line === message.line &&
    start.column + 1 === message.column &&
    end.line === message.endLine &&
    end.column + 1 === message.endColumn
  );
}

// require-tenant-scope -----------------------------------------------------------------------------------------

/** The rule's messageIds, as the kinds of finding they word. */
export type TenantScopeKind =
  | 'unscoped'
  | 'unscoped-unique'
  | 'unscoped-root'
  | 'maybe-undefined'
  | 'widened'
  | 'unscoped-include'
  | 'unparsable-sql'
  /** A messageId this version does not know: a codemod only leaves it for review. */
  | 'other';

const KIND_OF: Record<string, TenantScopeKind> = {
  unscoped: 'unscoped',
  unscopedUnique: 'unscoped-unique',
  unscopedRoot: 'unscoped-root',
  maybeUndefined: 'maybe-undefined',
  widened: 'widened',
  unscopedInclude: 'unscoped-include',
  unparsableSql: 'unparsable-sql',
};

interface TargetBase {
  kind: TenantScopeKind;
  report: RuleReport;
  /** The tenant field the rule names (`accountId`, `team_id`), when it names one. */
  field: string | null;
}

export type TenantScopeTarget =
  | (TargetBase & { layer: 'prisma'; query: PrismaQuery; tenant: TenantModel })
  /** `call`: the call (or tagged template) the layer recognised the query at (`.from(invoices)` for Drizzle). */
  | (TargetBase & { layer: string; finding: LayerFinding; call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression })
  /** Reported, but the core's view of it could not be found again: a codemod only leaves such a target for review. */
  | (TargetBase & { layer: 'unknown' });

export interface TenantScopeTargets {
  sourceCode: SourceCode;
  targets: TenantScopeTarget[];
}

/** The queries `require-tenant-scope` reports in `source`, each with the core's structured view of it. */
export function tenantScopeTargets(source: string, options: LintOptions): TenantScopeTargets {
  const { sourceCode, reports, context } = lintForTargets('require-tenant-scope', requireTenantScope, source, options);
  const targets: TenantScopeTarget[] = [];
  let layers: LayerContext | undefined;
  for (const report of reports) {
    const kind = KIND_OF[report.messageId] ?? 'other';
    const field = typeof report.data.field === 'string' ? report.data.field : null;
    const base: TargetBase = { kind, report, field };
    const tenant = getTenantModel(options.filename, options.cwd, options.settings ? { [PLUGIN]: options.settings } : {});
    const query = tenant.models.size > 0 ? prismaQueryAt(report.node, tenant, sourceCode, options.filename) : null;
    if (query) {
      targets.push({ ...base, layer: 'prisma', query, tenant });
      continue;
    }
    if (!context) {
      targets.push({ ...base, layer: 'unknown' });
      continue;
    }
    layers ??= createLayerContext(context, {
      accessCheckFunctions: [],
      inAuthFlow: matchesAnyGlob(options.filename, options.cwd, DEFAULT_AUTH_PATHS),
      reportHelperLookups: false,
      requireFilterWithRls: false,
      reportUnparsableSql: false,
    });
    const found = layerFindingAt(report.node, kind, layers);
    targets.push(found ? { ...base, ...found } : { ...base, layer: 'unknown' });
  }
  return { sourceCode, targets };
}

/** The Prisma query around a reported node (`db.invoice` of `db.invoice.findMany()`, a where value, an include key). */
function prismaQueryAt(node: Node, tenant: TenantModel, sourceCode: SourceCode, filename: string): PrismaQuery | null {
  const client: ClientContext = { sourceCode, filename, extraClientNames: tenant.settings.prismaClientNames };
  for (let current: Node | undefined = node; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.CallExpression) {
      const query = matchPrismaQuery(current, tenant, client);
      if (query) return query;
    }
  }
  return null;
}

/** The data layer's own finding for a reported node: the layers are asked again at the calls around it. */
function layerFindingAt(
  node: Node,
  kind: TenantScopeKind,
  ctx: LayerContext,
): { layer: string; finding: LayerFinding; call: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression } | null {
  for (let current: Node | undefined = node; current; current = current.parent) {
    for (const layer of DATA_LAYERS) {
      let findings: LayerFinding[] = [];
      if (current.type === AST_NODE_TYPES.CallExpression && layer.CallExpression) findings = layer.CallExpression(current, ctx);
      else if (current.type === AST_NODE_TYPES.TaggedTemplateExpression && layer.TaggedTemplateExpression) {
        findings = layer.TaggedTemplateExpression(current, ctx);
      }
      const finding = findings.find((f) => f.node === node && f.kind === kind);
      if (finding) return { layer: layer.name, finding, call: current as TSESTree.CallExpression | TSESTree.TaggedTemplateExpression };
    }
  }
  return null;
}

// no-client-tenant-id ------------------------------------------------------------------------------------------

/** The rule's messageIds, as the kinds of finding they word. */
export type ClientTenantKind =
  /** `clientTenantFilter` / `clientTenantWrite`: a browser value in a tenant position. */
  | 'client-value'
  | 'client-stripe'
  | 'spread-overrides'
  | 'spread-tenant'
  | 'unverified-session'
  | 'unawaited-guard'
  | 'other';

const CLIENT_KIND_OF: Record<string, ClientTenantKind> = {
  clientTenantFilter: 'client-value',
  clientTenantWrite: 'client-value',
  clientStripe: 'client-stripe',
  spreadOverrides: 'spread-overrides',
  spreadTenant: 'spread-tenant',
  unverifiedSession: 'unverified-session',
  unawaitedGuard: 'unawaited-guard',
};

export interface ClientTenantTarget {
  kind: ClientTenantKind;
  report: RuleReport;
  /** For a value in a tenant position: the position as the core sees it (value, property, field, query call). */
  position: TenantPosition | null;
  /** For a spread: the spread position. */
  spread: SpreadPosition | null;
  /** Where the browser's value comes from, as the rule worded it (`action-argument`, `body`…); null when it does not say. */
  source: ClientSourceKind | null;
}

export interface ClientTenantTargets {
  sourceCode: SourceCode;
  targets: ClientTenantTarget[];
}

/** What `no-client-tenant-id` reports in `source`, each with the core's tenant position for it. */
export function clientTenantTargets(source: string, options: LintOptions): ClientTenantTargets {
  const { sourceCode, reports, context } = lintForTargets('no-client-tenant-id', noClientTenantId, source, options);
  if (reports.length === 0 || !context) return { sourceCode, targets: reports.map((report) => bareClientTarget(report)) };
  const layers = createLayerContext(context, {
    accessCheckFunctions: [],
    inAuthFlow: false,
    reportHelperLookups: false,
    requireFilterWithRls: false,
    reportUnparsableSql: false,
  });
  // The positions of every call, as the rule computed them (it asks at every call: a Supabase filter's position is
  // found from its `.from()` call, which is not an ancestor of the value).
  const values = new Map<Node, TenantPosition>();
  const spreads = new Map<Node, SpreadPosition>();
  walk(sourceCode.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const positions = tenantPositions(node, layers);
    for (const p of positions.values) if (!values.has(p.value)) values.set(p.value, p);
    for (const p of positions.spreads) if (!spreads.has(p.spread)) spreads.set(p.spread, p);
  });
  const targets = reports.map((report): ClientTenantTarget => {
    const target = bareClientTarget(report);
    return { ...target, position: values.get(report.node) ?? null, spread: spreads.get(report.node) ?? null };
  });
  return { sourceCode, targets };
}

function bareClientTarget(report: RuleReport): ClientTenantTarget {
  const label = report.data.source;
  const source = (Object.keys(SOURCE_LABELS) as ClientSourceKind[]).find((kind) => SOURCE_LABELS[kind] === label) ?? null;
  return { kind: CLIENT_KIND_OF[report.messageId] ?? 'other', report, position: null, spread: null, source };
}
