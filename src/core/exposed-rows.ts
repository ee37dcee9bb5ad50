/**
 * The row-returning queries of a file, for every data layer at once, and what the helpers it imports return.
 *
 * `queriesAt(call)` asks each layer's recogniser whether the call starts a query that returns rows (Prisma
 * `matchPrismaQuery`, Drizzle builders and the relational API, Supabase `.from()`), and `select-shape.ts` what
 * comes back; it answers with the node where the rows appear (the awaited end of a builder chain) and the exposures.
 *
 * `helperRows(call)` does the same across a module boundary: `const user = await getUser()` where `getUser` is an
 * exported function of a project module (`@/lib/db/queries`). That module is parsed with scopes
 * (`module-source.ts`), its queries found the same way, and each is followed (`row-flow.ts`) to the helper's
 * `return` — through its own helpers too. What arrives there is what the caller receives. One level deep: a helper
 * that returns another module's helper is not followed further.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, isFunction, memberName, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import type { LayerContext } from './data-layers.js';
import { moduleSourceCode } from './module-source.js';
import { parseModule, readModuleText, resolveImport } from './modules.js';
import { matchPrismaQuery } from './prisma-client.js';
import { sinksReached } from './row-flow.js';
import { chainEnd, drizzleExposures, prismaExposures, ROW_OPERATIONS, supabaseExposures, type Exposure } from './select-shape.js';
import { readSettings } from './settings.js';
import { tablesForFile } from './table-discovery.js';
import type { TableSet } from './tables.js';
import { getTenantModel, type TenantModel } from './tenant-model.js';
import type { TypeHelper } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface QueryScope {
  sourceCode: SourceCode;
  filename: string;
  cwd: string;
  rawSettings: Readonly<Record<string, unknown>> | undefined;
  /** Full rows of models without sensitive fields count too (`checkAllModels`). */
  all: boolean;
  prisma: () => TenantModel;
  layers: () => LayerContext;
}

const NO_TYPES: TypeHelper = { mayBeUndefined: () => null, typeNames: () => null };
const DRIZZLE_METHODS = new Set(['from', 'returning', 'findMany', 'findFirst']);

export function createQueryScope(options: {
  sourceCode: SourceCode;
  filename: string;
  cwd: string;
  rawSettings: Readonly<Record<string, unknown>> | undefined;
  all: boolean;
  types?: () => TypeHelper;
}): QueryScope {
  const { sourceCode, filename, cwd, rawSettings } = options;
  let tenant: TenantModel | undefined;
  let layers: LayerContext | undefined;
  const prisma = () => (tenant ??= getTenantModel(filename, cwd, rawSettings));
  return {
    ...options,
    prisma,
    layers() {
      if (layers) return layers;
      let tables: TableSet | undefined;
      let types: TypeHelper | undefined;
      layers = {
        sourceCode,
        filename,
        cwd,
        settings: readSettings(rawSettings),
        rawSettings,
        prisma,
        tables: () => (tables ??= tablesForFile({ filename, cwd, rawSettings, prisma: prisma() })),
        get types() {
          return (types ??= options.types?.() ?? NO_TYPES);
        },
        accessCheckFunctions: [],
        inAuthFlow: false,
        reportHelperLookups: false,
        vouchedFor: () => false,
        requireFilterWithRls: false,
        reportUnparsableSql: false,
      };
      return layers;
    },
  };
}

export interface QueryRows {
  /** Where the rows appear: the call, or the end of its builder chain. */
  start: Node;
  exposures: Exposure[];
}

/** The row-returning queries `node` starts, per layer (usually one; a Supabase table handle may start several). */
export function queriesAt(node: TSESTree.CallExpression, scope: QueryScope): QueryRows[] {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return [];
  const method = callee.property.name;
  if (ROW_OPERATIONS.has(method) && callee.object.type === AST_NODE_TYPES.MemberExpression) {
    const model = scope.prisma();
    if (model.models.size > 0) {
      const query = matchPrismaQuery(node, model, { sourceCode: scope.sourceCode, filename: scope.filename, extraClientNames: model.settings.prismaClientNames }, ROW_OPERATIONS);
      if (query) return [{ start: node, exposures: prismaExposures(query, model, scope.sourceCode, scope.all, scope.filename) }];
    }
  }
  if (DRIZZLE_METHODS.has(method)) {
    const exposures = drizzleExposures(node, scope.layers(), scope.all);
    if (exposures) return [{ start: method === 'from' || method === 'returning' ? chainEnd(node) : node, exposures }];
  }
  if (method === 'from' && node.arguments.length === 1) {
    return (supabaseExposures(node, scope.layers(), scope.all) ?? []).map((q) => ({ start: q.site, exposures: q.exposures }));
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers of other modules

export interface HelperRows {
  /** How the call names the helper: `getUser`, `queries.getUser`. */
  helper: string;
  /** The module that defines it. */
  file: string;
  /** What its return value carries, at paths of that value. */
  items: Array<{ item: Exposure; path: string[]; fields: string[] }>;
}

/** The module and export name a call's callee is imported as: `getUser()`, `queries.getUser()`, `getUser.default`. */
function importedCallee(node: TSESTree.CallExpression, scope: QueryScope): { file: string; name: string; text: string } | null {
  const callee = unwrap(node.callee);
  let id: TSESTree.Identifier;
  let member: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) id = callee;
  else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    id = callee.object;
    member = memberName(callee);
    if (!member) return null;
  } else return null;
  const def = findVariable(scope.sourceCode, id)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration || def.parent.importKind === 'type') return null;
  const spec = def.node;
  let name: string;
  if (spec.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
    if (!member) return null;
    name = member;
  } else {
    if (member) return null; // `db.user.findMany()` on an imported client: a query, not a helper
    name = spec.type === AST_NODE_TYPES.ImportSpecifier ? (spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value) : 'default';
  }
  const file = resolveImport(def.parent.source.value, scope.filename);
  if (!file || /[\\/]node_modules[\\/]/.test(file)) return null;
  return { file, name, text: scope.sourceCode.getText(callee) };
}

/** A module that may run a query: a call of a Prisma operation, a Drizzle or Supabase select, `returning()`, `db.query.*`. */
const QUERY_HINT = /\.(?:find(?:Many|Unique|UniqueOrThrow|First|FirstOrThrow)|create|update|upsert|delete|createManyAndReturn|updateManyAndReturn|select|returning)\s*\(|\.query\.\w+\.find/;
const REEXPORT_HINT = /\bexport\s*(?:\*|\{)[^;]*\bfrom\b|\bexport\s+default\b/;

/**
 * The function a module exports under `name` (following re-exports a few levels), with that module's SourceCode.
 * Modules are first read as text: one without any query-looking call is not parsed at all (most imports are UI
 * components and utilities), and one that only re-exports is navigated with the cheap parse of `modules.ts`.
 */
function exportedFunction(file: string, name: string, depth = 0): { file: string; fn: FunctionNode; sourceCode: TSESLint.SourceCode } | null {
  if (depth > 3) return null;
  const text = readModuleText(file);
  if (text === null) return null;
  const queries = QUERY_HINT.test(text);
  if (!queries && !REEXPORT_HINT.test(text)) return null;
  const sourceCode = queries ? moduleSourceCode(file) : null;
  const program = sourceCode?.ast ?? (queries ? null : parseModule(file));
  if (!program) return null;
  const body = program.body;
  const local = (localName: string): FunctionNode | null => {
    for (const statement of body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (!declaration) continue;
      if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === localName) return declaration;
      if (declaration.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const d of declaration.declarations) {
        if (d.id.type !== AST_NODE_TYPES.Identifier || d.id.name !== localName || !d.init) continue;
        return functionOf(d.init);
      }
    }
    return null;
  };
  for (const statement of body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) return sourceCode ? { file, fn: declaration, sourceCode } : null;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const d of declaration.declarations) {
          if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name && d.init) {
            const fn = functionOf(d.init);
            return fn && sourceCode ? { file, fn, sourceCode } : null;
          }
        }
      }
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
        if (exported !== name) continue;
        const localName = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
        if (statement.source) {
          const target = resolveImport(statement.source.value, file);
          return target ? exportedFunction(target, localName, depth + 1) : null;
        }
        const fn = local(localName);
        return fn && sourceCode ? { file, fn, sourceCode } : null;
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const declaration = statement.declaration;
      const fn = declaration.type === AST_NODE_TYPES.Identifier ? local(declaration.name) : functionOf(declaration);
      return fn && sourceCode ? { file, fn, sourceCode } : null;
    }
  }
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExportAllDeclaration || statement.exported) continue;
    const target = resolveImport(statement.source.value, file);
    const found = target ? exportedFunction(target, name, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** `async () => …`, `function () {…}`, or one wrapped in `cache(…)` / `unstable_cache(…)`. */
function functionOf(node: Node): FunctionNode | null {
  const value = unwrap(node);
  if (isFunction(value)) return value;
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const first = value.arguments[0];
    const callee = unwrap(value.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
    if (first && isFunction(first) && (name === 'cache' || name === 'unstable_cache' || name === 'memoize')) return first;
  }
  return null;
}

/** Per module version (its SourceCode) and settings: the queries of the module, and what each exported function returns. */
const moduleQueries = new WeakMap<TSESLint.SourceCode, Map<string, { queries: QueryRows[]; returns: Map<FunctionNode, HelperRows['items']> }>>();

function queriesOfModule(sourceCode: TSESLint.SourceCode, file: string, scope: QueryScope): { queries: QueryRows[]; returns: Map<FunctionNode, HelperRows['items']> } {
  let bySettings = moduleQueries.get(sourceCode);
  if (!bySettings) moduleQueries.set(sourceCode, (bySettings = new Map()));
  const key = `${scope.all}\0${scope.cwd}\0${JSON.stringify(scope.rawSettings?.['tenant-guard'] ?? null)}`;
  let entry = bySettings.get(key);
  if (!entry) {
    const inner = createQueryScope({ sourceCode, filename: file, cwd: scope.cwd, rawSettings: scope.rawSettings, all: scope.all });
    const queries: QueryRows[] = [];
    walk(sourceCode.ast, (n) => {
      if (n.type === AST_NODE_TYPES.CallExpression) {
        for (const q of queriesAt(n, inner)) if (q.exposures.length > 0) queries.push(q);
      }
    });
    entry = { queries, returns: new Map() };
    bySettings.set(key, entry);
  }
  return entry;
}

/** What the imported helper this call calls returns, when that is rows with something to report; else null. */
export function helperRows(node: TSESTree.CallExpression, scope: QueryScope): HelperRows | null {
  const imported = importedCallee(node, scope);
  if (!imported) return null;
  const target = exportedFunction(imported.file, imported.name);
  if (!target) return null;
  const module = queriesOfModule(target.sourceCode, target.file, scope);
  if (module.queries.length === 0) return null;
  let items = module.returns.get(target.fn);
  if (!items) {
    items = [];
    const flow = { sourceCode: target.sourceCode, filename: target.file, returnsOf: target.fn };
    for (const query of module.queries) {
      const reaches = sinksReached(query.start, query.exposures.map((e) => ({ item: e, path: e.path, fields: e.fields })), flow);
      for (const reach of reaches) {
        if (reach.sink.kind !== 'returned') continue;
        for (const t of reach.tracked) if (!items.some((i) => i.item === t.item)) items.push({ item: t.item, path: t.path, fields: t.fields });
      }
    }
    module.returns.set(target.fn, items);
  }
  return items.length > 0 ? { helper: imported.text, file: target.file, items } : null;
}
