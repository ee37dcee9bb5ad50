/**
 * What a query returns, field by field: for each data layer, which rows come back whole (no `select`, `omit` or
 * `columns`), which sensitive fields a selection names, and which included relations come back whole. Each answer is
 * an `Exposure` at a path in the result (`[]` for the rows themselves, `['author']` for `include: { author: true }`,
 * `['data']` for a Supabase response), so `row-flow.ts` can tell which of them survive on the way to the browser.
 *
 * Queries are recognised by the layers' own recognisers (`matchPrismaQuery`, the Drizzle table and database
 * evidence, `supabaseQueryTarget`); this only reads their arguments. A selection it cannot read (a variable from
 * another module, a spread, a computed select string) is unknown, and unknown is never reported.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, memberName, propertyKeyName, resolveValue, rootIdentifier, unwrap, walk, type Node } from './ast.js';
import type { LayerContext } from './data-layers.js';
import { isDrizzleDatabase, resolveDrizzleTable } from './drizzle.js';
import { importedTable, projectDrizzleTables, type DrizzleTable } from './drizzle-schema.js';
import { moduleMatches, parseModule, resolveImport } from './modules.js';
import type { PrismaQuery } from './prisma-client.js';
import { prismaRowFields, tableRowFields, type RowFields } from './sensitive-fields.js';
import { supabaseQueryTarget } from './supabase.js';
import { findTable, type TableInfo } from './tables.js';
import type { ModelInfo, TenantModel } from './tenant-model.js';

/** Prisma operations whose result is rows (not a count or a batch payload). */
export const ROW_OPERATIONS: ReadonlySet<string> = new Set([
  'findMany',
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'create',
  'update',
  'upsert',
  'delete',
  'createManyAndReturn',
  'updateManyAndReturn',
]);

/** Where a suggestion writes the selection, per layer. */
export type SelectTarget =
  /** The arguments of a Prisma call (null: it has none); `include` present means only `omit` fits beside it. */
  | { kind: 'prisma-args'; call: TSESTree.CallExpression; args: TSESTree.ObjectExpression | null; hasInclude: boolean }
  /** `author: true` in an `include`/`select`: becomes `author: { select: { … } }`. */
  | { kind: 'prisma-relation'; property: TSESTree.Property }
  /** `db.select()` with no joins: becomes `db.select({ id: users.id, … })`. */
  | { kind: 'drizzle-select'; select: TSESTree.CallExpression; table: string }
  /** `db.query.users.findFirst(args)`: gains `columns: { … }`. */
  | { kind: 'drizzle-columns'; call: TSESTree.CallExpression; args: TSESTree.ObjectExpression | null }
  /** `.select()` / `.select('*')` of a Supabase query: becomes `.select('id, name')`. */
  | { kind: 'supabase-select'; select: TSESTree.CallExpression; star: TSESTree.Node | null };

export interface Exposure {
  layer: 'prisma' | 'drizzle' | 'supabase';
  /** `full`: every column comes back; `selected`: the selection names sensitive fields. */
  kind: 'full' | 'selected';
  /** Where to report: the query's callee, or the relation or field entry in the selection. */
  node: Node;
  /** The query as messages show it: `db.user.findMany()`. */
  call: string;
  row: RowFields;
  /** The sensitive fields that come back (empty for a full row of a model without any: `strict` only). */
  fields: string[];
  /** The keys from the query's result to these rows. */
  path: string[];
  /** The include / with / embed key that brings these rows in; null for the queried model itself. */
  relation: string | null;
  target: SelectTarget | null;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
}

function isLiteral(node: Node, value: unknown): boolean {
  const v = unwrap(node);
  return v.type === AST_NODE_TYPES.Literal && v.value === value;
}

/** An object literal, directly or through `const`s in view; null when it is anything else. */
function objectOf(node: Node | undefined, sourceCode: SourceCode): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const value = resolveValue(sourceCode, node);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
}

function remaining(row: RowFields, dropped: ReadonlySet<string>): string[] {
  return row.sensitive.filter((f) => !dropped.has(f));
}

// ---------------------------------------------------------------------------------------------------------------
// Prisma

/**
 * The exposures of a Prisma query: the model's rows when there is neither `select` nor an `omit` that drops every
 * sensitive field, each `include`d (or `select`ed) relation read whole, and sensitive fields a `select` names.
 * `all`: also full rows of models without sensitive fields (the `strict` reading).
 */
export function prismaExposures(query: PrismaQuery, tenant: TenantModel, sourceCode: SourceCode, all: boolean, filename = ''): Exposure[] {
  const call = `${sourceCode.getText(query.delegate)}.${query.operation}()`;
  const out: Exposure[] = [];
  const globalOmit = clientOmits(query.delegate.object, sourceCode, filename);
  const literalArgs = query.args ? unwrap(query.args) : null;
  const args = query.args ? objectOf(query.args, sourceCode) : null;
  if (query.args && !args) return out; // arguments we cannot read
  if (args?.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return out;
  const direct = literalArgs?.type === AST_NODE_TYPES.ObjectExpression ? literalArgs : null;
  const target: SelectTarget | null =
    !query.args || direct ? { kind: 'prisma-args', call: query.call, args: direct, hasInclude: Boolean(direct && property(direct, 'include')) } : null;
  prismaShape(args, query.model, [], query.call.callee, null, target);
  return out;

  function prismaShape(object: TSESTree.ObjectExpression | null, model: ModelInfo, path: string[], node: Node, relation: string | null, fix: SelectTarget | null): void {
    const row = prismaRowFields(model, tenant);
    const select = object ? property(object, 'select') : undefined;
    if (select) {
      const fields = objectOf(select.value, sourceCode);
      if (!fields) return;
      const named: string[] = [];
      for (const entry of fields.properties) {
        if (entry.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyKeyName(entry);
        const field = key ? model.fields.get(key) : undefined;
        if (!key || !field || isLiteral(entry.value, false)) continue;
        const related = tenant.models.get(field.type);
        if (related) relationShape(entry, related, [...path, key], key);
        else if (row.sensitive.includes(key)) named.push(key);
      }
      if (named.length > 0) {
        const at = fields.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === named[0]) ?? select;
        out.push({ layer: 'prisma', kind: 'selected', node: at, call, row, fields: named, path, relation, target: null });
      }
      return;
    }
    const omit = object ? property(object, 'omit') : undefined;
    const omitted = new Set<string>();
    if (omit) {
      const fields = objectOf(omit.value, sourceCode);
      if (fields) {
        for (const entry of fields.properties) {
          const key = entry.type === AST_NODE_TYPES.Property ? propertyKeyName(entry) : null;
          if (key && entry.type === AST_NODE_TYPES.Property && !isLiteral(entry.value, false)) omitted.add(key);
        }
      } else {
        omitted.add('*'); // an omit we cannot read: assume it drops what it should
      }
    }
    for (const field of globalOmit.get(model.delegate) ?? []) if (!explicitlyKept(object, field)) omitted.add(field);
    const fields = omitted.has('*') ? [] : remaining(row, omitted);
    if (fields.length > 0 || (all && !omit)) out.push({ layer: 'prisma', kind: 'full', node, call, row, fields, path, relation, target: fix });
    const include = object ? property(object, 'include') : undefined;
    const included = include ? objectOf(include.value, sourceCode) : null;
    for (const entry of included?.properties ?? []) {
      if (entry.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(entry);
      const field = key ? model.fields.get(key) : undefined;
      const related = field ? tenant.models.get(field.type) : undefined;
      if (key && related && !isLiteral(entry.value, false)) relationShape(entry, related, [...path, key], key);
    }
  }

  function relationShape(entry: TSESTree.Property, model: ModelInfo, path: string[], key: string): void {
    const value = unwrap(entry.value);
    if (value.type === AST_NODE_TYPES.Literal && value.value === true) {
      prismaShape(null, model, path, entry, key, { kind: 'prisma-relation', property: entry });
      return;
    }
    const nested = objectOf(entry.value, sourceCode);
    if (nested && !nested.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) prismaShape(nested, model, path, entry, key, null);
  }
}

/** `omit: { passwordHash: false }` in the query turns a global omit back off for that field. */
function explicitlyKept(object: TSESTree.ObjectExpression | null, field: string): boolean {
  const omit = object ? property(object, 'omit') : undefined;
  const entry = omit?.value.type === AST_NODE_TYPES.ObjectExpression ? property(omit.value, field) : undefined;
  return entry !== undefined && isLiteral(entry.value, false);
}

/** `new PrismaClient({ omit: { user: { passwordHash: true } } })` in a program: fields omitted by default, by delegate. */
function omitsIn(program: TSESTree.Program): Map<string, Set<string>> {
  const omits = new Map<string, Set<string>>();
  walk(program, (n) => {
    if (n.type !== AST_NODE_TYPES.NewExpression || calleeName(n) !== 'PrismaClient') return;
    const options = n.arguments[0] ? unwrap(n.arguments[0]) : null;
    const omit = options?.type === AST_NODE_TYPES.ObjectExpression ? property(options, 'omit') : undefined;
    const models = omit ? unwrap(omit.value) : null;
    if (models?.type !== AST_NODE_TYPES.ObjectExpression) return;
    for (const entry of models.properties) {
      const delegate = entry.type === AST_NODE_TYPES.Property ? propertyKeyName(entry) : null;
      const fields = entry.type === AST_NODE_TYPES.Property ? unwrap(entry.value) : null;
      if (!delegate || fields?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const set = omits.get(delegate) ?? new Set<string>();
      for (const f of fields.properties) {
        const key = f.type === AST_NODE_TYPES.Property ? propertyKeyName(f) : null;
        if (key && f.type === AST_NODE_TYPES.Property && isLiteral(f.value, true)) set.add(key);
      }
      omits.set(delegate, set);
    }
  });
  return omits;
}

const NO_OMITS = new Map<string, Set<string>>();
const moduleOmits = new WeakMap<TSESTree.Program, Map<string, Set<string>>>();

/**
 * The global `omit` of the Prisma client a query runs on: the client's module (an import, or this file) constructs
 * it with `new PrismaClient({ omit })`. Read from the module's text first, so most files cost a regex.
 */
function clientOmits(client: Node, sourceCode: SourceCode, filename: string): Map<string, Set<string>> {
  const root = rootIdentifier(client);
  const def = root ? findVariable(sourceCode, root)?.defs[0] : undefined;
  let program: TSESTree.Program | null = null;
  if (def?.type === 'ImportBinding' && def.parent?.type === AST_NODE_TYPES.ImportDeclaration && filename) {
    const file = resolveImport(def.parent.source.value, filename);
    if (file && moduleMatches(file, OMIT_HINT)) program = parseModule(file);
  } else if (OMIT_HINT.test(sourceCode.text)) {
    program = sourceCode.ast;
  }
  if (!program) return NO_OMITS;
  let omits = moduleOmits.get(program);
  if (!omits) moduleOmits.set(program, (omits = omitsIn(program)));
  return omits;
}

const OMIT_HINT = /PrismaClient\s*\(\s*\{[\s\S]*\bomit\s*:/;

// ---------------------------------------------------------------------------------------------------------------
// Drizzle

const JOINS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral']);
const SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);

/** The calls chained onto `start` (`.where().limit()`), by method name. */
function chainAbove(start: Node): Array<{ name: string; call: TSESTree.CallExpression }> {
  const steps: Array<{ name: string; call: TSESTree.CallExpression }> = [];
  let current = start;
  for (let i = 0; i < 40; i++) {
    const member = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const call = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    const name = memberName(member) ?? '';
    if (PROMISE_METHODS.has(name)) break; // `.then(cb)`: the rows go to the callback, which row-flow follows
    steps.push({ name, call });
    current = call;
  }
  return steps;
}

/** The outermost call of a builder chain: what is awaited, whose value is the rows. */
export function chainEnd(start: TSESTree.CallExpression): TSESTree.CallExpression {
  const steps = chainAbove(start);
  return steps.length > 0 ? steps[steps.length - 1].call : start;
}

function drizzleRow(table: TableInfo, ctx: LayerContext): RowFields {
  return tableRowFields(table, ctx.settings);
}

/** The table a column reference belongs to (`users.passwordHash` → users, `passwordHash`). */
function columnOf(node: Node, ctx: LayerContext): { table: DrizzleTable; column: string } | null {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return null;
  const column = memberName(value);
  const table = column ? resolveDrizzleTable(value.object, ctx) : null;
  return table && column ? { table, column } : null;
}

/**
 * `db.select(fields?).from(t)` (with its joins) and `db.insert(t)…returning()`: the `from()` / `returning()` call.
 * Null when the call starts no Drizzle query that returns rows.
 */
export function drizzleExposures(node: TSESTree.CallExpression, ctx: LayerContext, all: boolean): Exposure[] | null {
  if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(node.callee);
  if (method === 'from') return drizzleSelect(node, ctx, all);
  if (method === 'returning') return drizzleReturning(node, ctx, all);
  if (method === 'findMany' || method === 'findFirst') return drizzleRelational(node, method, ctx, all);
  return null;
}

function drizzleSelect(node: TSESTree.CallExpression, ctx: LayerContext, all: boolean): Exposure[] | null {
  const select = unwrap((node.callee as TSESTree.MemberExpression).object);
  if (select.type !== AST_NODE_TYPES.CallExpression || select.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (!SELECTS.has(memberName(select.callee) ?? '') || !node.arguments[0]) return null;
  const table = resolveDrizzleTable(node.arguments[0], ctx);
  if (!table || !isDrizzleDatabase(select.callee.object, ctx)) return null;
  const tableText = ctx.sourceCode.getText(node.arguments[0]);
  const call = `${ctx.sourceCode.getText(select.callee.object)}.${memberName(select.callee)}().from(${tableText})`;
  const out: Exposure[] = [];
  const fieldsArg = memberName(select.callee) === 'selectDistinctOn' ? select.arguments[1] : select.arguments[0];
  if (!fieldsArg) {
    const joined = chainAbove(node)
      .filter((s) => JOINS.has(s.name) && s.call.arguments[0])
      .map((s) => resolveDrizzleTable(s.call.arguments[0], ctx));
    if (joined.some((t) => t === null)) return out; // a join we cannot read: the shape is unknown
    // With joins, each table's row comes back under its SQL name: `{ users: {...}, teams: {...} }`.
    for (const t of [table, ...(joined as DrizzleTable[])]) {
      const row = drizzleRow(t, ctx);
      if (row.sensitive.length === 0 && !all) continue;
      const path = joined.length > 0 ? [t.sqlName] : [];
      const target: SelectTarget | null = joined.length === 0 ? { kind: 'drizzle-select', select, table: tableText } : null;
      out.push({ layer: 'drizzle', kind: 'full', node: select.callee, call, row, fields: row.sensitive, path, relation: t === table ? null : t.binding, target });
    }
    return out;
  }
  const fields = objectOf(fieldsArg, ctx.sourceCode);
  if (!fields) return out;
  selectionShape(fields, [], out, call, ctx, all);
  return out;
}

/** `{ id: users.id, user: users, ...getTableColumns(users) }`: named columns, whole tables, spread tables. */
function selectionShape(fields: TSESTree.ObjectExpression, path: string[], out: Exposure[], call: string, ctx: LayerContext, all: boolean): void {
  for (const entry of fields.properties) {
    if (entry.type === AST_NODE_TYPES.SpreadElement) {
      // `...getTableColumns(users)`: every column of the table.
      const spread = unwrap(entry.argument);
      if (spread.type === AST_NODE_TYPES.CallExpression && spread.callee.type === AST_NODE_TYPES.Identifier && spread.callee.name === 'getTableColumns' && spread.arguments[0]) {
        const table = resolveDrizzleTable(spread.arguments[0], ctx);
        if (table) pushFull(table, path, entry, null);
      }
      continue;
    }
    const key = propertyKeyName(entry);
    if (!key) continue;
    const value = unwrap(entry.value);
    const whole = value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.MemberExpression ? resolveDrizzleTable(value, ctx) : null;
    if (whole) {
      pushFull(whole, [...path, key], entry, key);
      continue;
    }
    if (value.type === AST_NODE_TYPES.ObjectExpression) {
      selectionShape(value, [...path, key], out, call, ctx, all);
      continue;
    }
    const column = columnOf(value, ctx);
    if (column && drizzleRow(column.table, ctx).sensitive.includes(column.column)) {
      out.push({ layer: 'drizzle', kind: 'selected', node: entry, call, row: drizzleRow(column.table, ctx), fields: [column.column], path, relation: null, target: null });
    }
  }

  function pushFull(table: DrizzleTable, at: string[], node: Node, relation: string | null): void {
    const row = drizzleRow(table, ctx);
    if (row.sensitive.length > 0 || all) out.push({ layer: 'drizzle', kind: 'full', node, call, row, fields: row.sensitive, path: at, relation, target: null });
  }
}

/** `db.insert(users).values(…).returning()`, also after `update(t).set(…)` and `delete(t)`. */
function drizzleReturning(node: TSESTree.CallExpression, ctx: LayerContext, all: boolean): Exposure[] | null {
  let current = unwrap((node.callee as TSESTree.MemberExpression).object);
  for (let i = 0; i < 20 && current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression; i++) {
    const name = memberName(current.callee);
    if ((name === 'insert' || name === 'update' || name === 'delete') && current.arguments.length === 1) {
      const table = resolveDrizzleTable(current.arguments[0], ctx);
      if (!table || !isDrizzleDatabase(current.callee.object, ctx)) return null;
      const call = `${ctx.sourceCode.getText(current.callee.object)}.${name}(${ctx.sourceCode.getText(current.arguments[0])})…returning()`;
      const out: Exposure[] = [];
      const fields = node.arguments[0] ? objectOf(node.arguments[0], ctx.sourceCode) : null;
      if (node.arguments[0]) {
        if (fields) selectionShape(fields, [], out, call, ctx, all);
        return out;
      }
      const row = drizzleRow(table, ctx);
      if (row.sensitive.length > 0 || all) out.push({ layer: 'drizzle', kind: 'full', node: node.callee, call, row, fields: row.sensitive, path: [], relation: null, target: null });
      return out;
    }
    current = unwrap(current.callee.object);
  }
  return null;
}

/** The table behind `db.query.<key>`: a project table of that binding, or one the file imports under it. */
function relationalTable(key: string, ctx: LayerContext): DrizzleTable | null {
  const project = projectDrizzleTables(ctx.filename, ctx.cwd, ctx.rawSettings).find((t) => t.binding === key);
  if (project) return project;
  for (const statement of ctx.sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const file = resolveImport(statement.source.value, ctx.filename);
    const found = file ? importedTable(file, key, ctx.settings) : null;
    if (found) return found;
  }
  return null;
}

const relationMaps = new WeakMap<TSESTree.Program, Map<string, Map<string, string>>>();

/**
 * `relations(posts, ({ one }) => ({ author: one(users, …) }))` in a schema module: per table binding, the binding of
 * the table each relation key leads to.
 */
function relationsIn(file: string): Map<string, Map<string, string>> {
  const program = parseModule(file);
  if (!program) return new Map();
  let found = relationMaps.get(program);
  if (found) return found;
  found = new Map();
  const map = found;
  walk(program, (n) => {
    if (n.type !== AST_NODE_TYPES.CallExpression || calleeName(n) !== 'relations') return;
    const [table, builder] = n.arguments;
    if (table?.type !== AST_NODE_TYPES.Identifier || !builder || (builder.type !== AST_NODE_TYPES.ArrowFunctionExpression && builder.type !== AST_NODE_TYPES.FunctionExpression)) return;
    let body: Node = builder.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const ret = body.body.find((st): st is TSESTree.ReturnStatement => st.type === AST_NODE_TYPES.ReturnStatement);
      if (!ret?.argument) return;
      body = ret.argument;
    }
    body = unwrap(body);
    if (body.type !== AST_NODE_TYPES.ObjectExpression) return;
    const keys = map.get(table.name) ?? new Map<string, string>();
    for (const entry of body.properties) {
      if (entry.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(entry);
      const value = unwrap(entry.value);
      const target = value.type === AST_NODE_TYPES.CallExpression ? value.arguments[0] : undefined;
      if (key && target?.type === AST_NODE_TYPES.Identifier) keys.set(key, target.name);
    }
    map.set(table.name, keys);
  });
  relationMaps.set(program, found);
  return found;
}

/** The table a relation key of `with` leads to: by the schema's `relations()`, else by the conventional names. */
function relatedTable(key: string, from: DrizzleTable, ctx: LayerContext): DrizzleTable | null {
  const tables = projectDrizzleTables(ctx.filename, ctx.cwd, ctx.rawSettings);
  const files = new Set([from.file, ...tables.map((t) => t.file)]);
  for (const file of files) {
    const target = relationsIn(file).get(from.binding)?.get(key);
    if (target) return tables.find((t) => t.binding === target) ?? importedTable(file, target, ctx.settings);
  }
  const candidates = [key, `${key}s`, `${key}es`, key.replace(/y$/, 'ies'), key.replace(/s$/, '')];
  for (const name of candidates) {
    const table = tables.find((t) => t.binding === name);
    if (table) return table;
  }
  return null;
}

/** `db.query.users.findFirst({ columns, with })`. */
function drizzleRelational(node: TSESTree.CallExpression, method: string, ctx: LayerContext, all: boolean): Exposure[] | null {
  const delegate = unwrap((node.callee as TSESTree.MemberExpression).object);
  if (delegate.type !== AST_NODE_TYPES.MemberExpression) return null;
  const key = memberName(delegate);
  const query = unwrap(delegate.object);
  if (!key || query.type !== AST_NODE_TYPES.MemberExpression || memberName(query) !== 'query' || !isDrizzleDatabase(query.object, ctx)) return null;
  const table = relationalTable(key, ctx);
  if (!table) return null;
  const call = `${ctx.sourceCode.getText(delegate)}.${method}()`;
  const out: Exposure[] = [];
  const literal = node.arguments[0] ? unwrap(node.arguments[0]) : null;
  const args = node.arguments[0] ? objectOf(node.arguments[0], ctx.sourceCode) : null;
  if (node.arguments[0] && !args) return out;
  if (args?.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return out;
  const direct = literal?.type === AST_NODE_TYPES.ObjectExpression ? literal : null;
  const target: SelectTarget | null = !node.arguments[0] || direct ? { kind: 'drizzle-columns', call: node, args: direct } : null;
  shape(args, table, [], delegate.property, null, target);
  return out;

  function shape(object: TSESTree.ObjectExpression | null, t: DrizzleTable, path: string[], at: Node, relation: string | null, fix: SelectTarget | null): void {
    const row = drizzleRow(t, ctx);
    const columns = object ? property(object, 'columns') : undefined;
    let exposed = row.sensitive;
    if (columns) {
      const listed = objectOf(columns.value, ctx.sourceCode);
      if (!listed) exposed = [];
      else {
        const entries = listed.properties.filter((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property);
        const included = entries.filter((p) => !isLiteral(p.value, false)).map((p) => propertyKeyName(p) ?? '');
        if (included.length > 0) {
          // An allow-list: only what it names comes back.
          const named = included.filter((k) => row.sensitive.includes(k));
          if (named.length > 0) {
            const entry = entries.find((p) => propertyKeyName(p) === named[0])!;
            out.push({ layer: 'drizzle', kind: 'selected', node: entry, call, row, fields: named, path, relation, target: null });
          }
          exposed = [];
        } else {
          const dropped = new Set(entries.map((p) => propertyKeyName(p) ?? ''));
          exposed = remaining(row, dropped);
        }
      }
    }
    if (exposed.length > 0 || (all && !columns)) out.push({ layer: 'drizzle', kind: 'full', node: at, call, row, fields: exposed, path, relation, target: fix });
    const withProp = object ? property(object, 'with') : undefined;
    const related = withProp ? objectOf(withProp.value, ctx.sourceCode) : null;
    for (const entry of related?.properties ?? []) {
      if (entry.type !== AST_NODE_TYPES.Property) continue;
      const name = propertyKeyName(entry);
      const child = name ? relatedTable(name, t, ctx) : null;
      if (!name || !child || isLiteral(entry.value, false)) continue;
      const value = unwrap(entry.value);
      if (value.type === AST_NODE_TYPES.Literal && value.value === true) shape(null, child, [...path, name], entry, name, null);
      else {
        const nested = objectOf(entry.value, ctx.sourceCode);
        if (nested) shape(nested, child, [...path, name], entry, name, null);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Supabase

function stringOf(node: Node | undefined, sourceCode: SourceCode): string | null {
  if (!node) return null;
  const value = resolveValue(sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? null;
  return null;
}

/** Splits a PostgREST select list at top-level commas: `id, author:users(id, name)` → `id`, `author:users(id, name)`. */
function splitSelect(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

export interface SelectItem {
  /** `*`, a column, or an embedded resource. */
  kind: 'star' | 'column' | 'embed';
  /** The column or the embedded table (`users` in `author:users!author_id(*)`). */
  name: string;
  /** The key it comes back under (`author`). */
  key: string;
  /** The embed's own select list. */
  inner?: string;
}

/** `alias:rest` (one colon; `col::text` is a cast, not an alias). */
function aliased(text: string): { alias: string | null; rest: string } {
  const match = /^\s*([\w$"]+)\s*:(?!:)\s*(.*)$/.exec(text);
  return match ? { alias: match[1].replace(/"/g, ''), rest: match[2] } : { alias: null, rest: text.trim() };
}

/** One PostgREST select list, parsed: `*`, `id`, `alias:col::text`, `col->json`, `alias:table!hint(…)`, `...table(…)`. */
export function parseSupabaseSelect(text: string): SelectItem[] {
  const items: SelectItem[] = [];
  for (const raw of splitSelect(text.replace(/\s+/g, ' '))) {
    const part = raw.replace(/^\.\.\./, '').trim();
    const open = part.indexOf('(');
    if (open >= 0 && part.endsWith(')')) {
      const { alias, rest } = aliased(part.slice(0, open));
      const name = rest.split('!')[0].trim();
      items.push({ kind: 'embed', name, key: alias ?? name, inner: part.slice(open + 1, -1) });
      continue;
    }
    if (part === '*') {
      items.push({ kind: 'star', name: '*', key: '*' });
      continue;
    }
    const { alias, rest } = aliased(part);
    const name = rest.split('::')[0].split('->')[0].trim().replace(/"/g, '');
    items.push({ kind: 'column', name, key: alias ?? name });
  }
  return items;
}

/**
 * The exposures of the Supabase queries a `.from()` call starts: `.select()` / `.select('*')` read whole rows (also
 * after `insert`/`update`/`upsert`), a list that names a sensitive column selects it, embeds are read the same way.
 * Paths start at `data`, where supabase-js puts the rows. Each query comes with the node its result is used from.
 */
export function supabaseExposures(node: TSESTree.CallExpression, ctx: LayerContext, all: boolean): Array<{ site: Node; exposures: Exposure[] }> | null {
  const target = supabaseQueryTarget(node, ctx);
  if (!target) return null;
  const results: Array<{ site: Node; exposures: Exposure[] }> = [];
  const tableName = (node.arguments[0] && stringOf(node.arguments[0], ctx.sourceCode)) ?? target.table.name;
  for (const query of target.queries) {
    const select = query.steps.find((s) => s.name === 'select');
    if (!select) continue;
    const options = objectOf(select.call.arguments[1], ctx.sourceCode);
    const head = options ? property(options, 'head') : undefined;
    if (head && !isLiteral(head.value, false)) continue; // `{ head: true }`: a count, no rows
    const arg = select.call.arguments[0];
    const text = arg ? stringOf(arg, ctx.sourceCode) : '*';
    if (text === null) continue;
    const call = `${ctx.sourceCode.getText(node.callee as TSESTree.Node).replace(/\.from$/, '')}.from('${tableName}').select(${arg ? ctx.sourceCode.getText(arg) : ''})`;
    const exposures: Exposure[] = [];
    const star = arg ? unwrap(arg) : null;
    const fix: SelectTarget | null = !arg || star?.type === AST_NODE_TYPES.Literal ? { kind: 'supabase-select', select: select.call, star: arg ?? null } : null;
    embedShape(text, target.table, ['data'], arg ?? (select.call.callee as TSESTree.MemberExpression).property, null, fix, exposures, call, ctx, all, 0);
    // The rows come back where the last call of the chain is used (before any `.then(cb)`, which row-flow follows).
    const end = query.steps.findIndex((s) => PROMISE_METHODS.has(s.name));
    const steps = end === -1 ? query.steps : query.steps.slice(0, end);
    const last = steps[steps.length - 1]?.call ?? select.call;
    results.push({ site: last, exposures });
  }
  return results;
}

function embedShape(
  text: string,
  table: TableInfo,
  path: string[],
  node: Node,
  relation: string | null,
  fix: SelectTarget | null,
  out: Exposure[],
  call: string,
  ctx: LayerContext,
  all: boolean,
  depth: number,
): void {
  if (depth > 4) return;
  const row = tableRowFields(table, ctx.settings);
  const items = parseSupabaseSelect(text);
  if (items.some((i) => i.kind === 'star')) {
    if (row.sensitive.length > 0 || all) out.push({ layer: 'supabase', kind: 'full', node, call, row, fields: row.sensitive, path, relation, target: fix });
  } else {
    const named = items.filter((i) => i.kind === 'column' && row.sensitive.includes(i.name)).map((i) => i.name);
    if (named.length > 0) out.push({ layer: 'supabase', kind: 'selected', node, call, row, fields: named, path, relation, target: null });
  }
  for (const item of items) {
    if (item.kind !== 'embed' || item.inner === undefined) continue;
    const child = findTable(ctx.tables(), item.name);
    if (child) embedShape(item.inner, child, [...path, item.key], node, item.key, null, out, call, ctx, all, depth + 1);
  }
}
