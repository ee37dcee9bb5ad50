/**
 * The Drizzle data layer: `db.select().from(t).where(…)`, joins, `db.update(t).set(…).where(…)`, `db.delete(t)`,
 * and the relational API `db.query.t.findMany({ where })`. A query is recognised only when the table is a Drizzle
 * table by its definition (imported or local `pgTable(…)`) and the receiver is a Drizzle database by evidence (a
 * `drizzle(…)` call, a module that makes one, a transaction callback, a Drizzle type annotation), so `Map#delete`,
 * `Array.from` or an HTTP client's `.from()` are never looked at twice.
 *
 * A table is scoped when the filter pins its tenant column — directly (`eq(invoices.teamId, team.id)`,
 * `inArray(...)`, inside `and(...)`, in every branch of `or(...)`), through a join that equates it with a pinned
 * column (`innerJoin(teams, eq(teams.id, invoices.teamId))` + `eq(teams.id, x)`), or through a foreign key to a
 * joined parent that is itself scoped. Conditions built by helpers we cannot see into are unknown, never reported.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, importedName, memberName, propertyKeyName, resolveIdentifier, rootIdentifier, unwrap, walk, type Node } from './ast.js';
import type { DataLayer, LayerContext, LayerFinding } from './data-layers.js';
import { importedTable, projectDrizzleTables, tablesInProgram, type DrizzleColumn, type DrizzleTable } from './drizzle-schema.js';
import { hasAccessCheckBefore, hasOwnershipCheckAfter } from './guards.js';
import { moduleMatches, resolveImport } from './modules.js';
import { valueOrigin } from './request-input.js';

const SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);
const JOINS = new Set(['innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin', 'innerJoinLateral', 'leftJoinLateral']);
const DRIZZLE_TYPES = /^(PgDatabase|NodePgDatabase|PostgresJsDatabase|NeonHttpDatabase|NeonDatabase|VercelPgDatabase|LibSQLDatabase|BetterSQLite3Database|BunSQLiteDatabase|DrizzleD1Database|MySql2Database|PlanetScaleDatabase|PgTransaction|MySqlTransaction|SQLiteTransaction|PgliteDatabase)$/;

// Tables and databases ---------------------------------------------------------------------------------------------

const localTables = new WeakMap<object, DrizzleTable[]>();

function tablesOfThisFile(ctx: LayerContext): DrizzleTable[] {
  let tables = localTables.get(ctx.sourceCode.ast);
  if (!tables) {
    // Cheap: only files that define tables have these words.
    tables = /Table\(|\.table\(/.test(ctx.sourceCode.text) ? tablesInProgram(ctx.sourceCode.ast, ctx.filename, ctx.settings) : [];
    localTables.set(ctx.sourceCode.ast, tables);
  }
  return tables;
}

/** The Drizzle table an expression names: a local or imported binding, or `schema.invoices`. */
export function resolveDrizzleTable(node: Node, ctx: LayerContext): DrizzleTable | null {
  return resolveTable(node, ctx);
}

function resolveTable(node: Node, ctx: LayerContext): DrizzleTable | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const def = findVariable(ctx.sourceCode, value)?.defs[0];
    if (!def) return null;
    if (def.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportSpecifier) {
      const imported = importedName(def.node);
      const source = (def.parent as TSESTree.ImportDeclaration).source.value;
      const file = resolveImport(source, ctx.filename);
      if (file) return importedTable(file, imported, ctx.settings);
      return projectDrizzleTables(ctx.filename, ctx.cwd, ctx.rawSettings).find((t) => t.binding === imported) ?? null;
    }
    if (def.type === 'Variable') return tablesOfThisFile(ctx).find((t) => t.binding === value.name) ?? null;
    return null;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression && value.object.type === AST_NODE_TYPES.Identifier) {
    // `schema.invoices` with `import * as schema from './schema'`
    const name = memberName(value);
    const def = findVariable(ctx.sourceCode, value.object)?.defs[0];
    if (!name || def?.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportNamespaceSpecifier) return null;
    const file = resolveImport((def.parent as TSESTree.ImportDeclaration).source.value, ctx.filename);
    return file ? importedTable(file, name, ctx.settings) : null;
  }
  return null;
}

const MAKES_DRIZZLE = /\bdrizzle\s*\(|from\s+['"]drizzle-orm/;

/** Is this receiver a Drizzle database or transaction, by evidence? */
export function isDrizzleDatabase(node: Node, ctx: LayerContext, depth = 0): boolean {
  const value = unwrap(node);
  if (depth > 5) return false;
  if (depth === 0) {
    // With type information the checker answers, both ways: a `db` that is a Map is not Drizzle whatever its name.
    const names = ctx.types.typeNames(value);
    if (names && names.length > 0) return names.some((n) => DRIZZLE_TYPES.test(n) || /Database$|Transaction$/.test(n));
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    // tRPC / class contexts: `ctx.db`, `this.db` — the table must still be a Drizzle table.
    return /^(db|database|drizzle|tx|trx)$/.test(memberName(value) ?? '');
  }
  if (value.type === AST_NODE_TYPES.AwaitExpression) return isDrizzleDatabase(value.argument, ctx, depth + 1);
  if (value.type === AST_NODE_TYPES.CallExpression) return calleeName(value) === 'drizzle';
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = findVariable(ctx.sourceCode, value)?.defs[0];
  if (!def) return false;
  if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    return init ? isDrizzleDatabase(init, ctx, depth + 1) : false;
  }
  if (def.type === 'ImportBinding') {
    const source = (def.parent as TSESTree.ImportDeclaration).source.value;
    const file = resolveImport(source, ctx.filename);
    return file ? moduleMatches(file, MAKES_DRIZZLE) === true : /^(db|database)$/.test(value.name);
  }
  if (def.type === 'Parameter') {
    const param = def.name as TSESTree.Identifier;
    const annotation = param.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference) {
      const typeName = annotation.typeName;
      const text = typeName.type === AST_NODE_TYPES.Identifier ? typeName.name : typeName.type === AST_NODE_TYPES.TSQualifiedName ? typeName.right.name : '';
      if (DRIZZLE_TYPES.test(text)) return true;
    }
    const fn = def.node;
    const call = fn.parent;
    return (
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee.type === AST_NODE_TYPES.MemberExpression &&
      memberName(call.callee) === 'transaction' &&
      isDrizzleDatabase(call.callee.object, ctx, depth + 1)
    );
  }
  return false;
}

// Conditions -------------------------------------------------------------------------------------------------------

type Verdict = 'yes' | 'no' | 'unknown';

interface QueryShape {
  /** The table read or written, with the text code names it by (`invoices`, `schema.invoices`, a callback param). */
  table: DrizzleTable;
  tableText: string;
  joins: Array<{ table: DrizzleTable | null; tableText: string; on: Node | undefined; kind: string }>;
  where: Node | undefined;
  /** Names that stand for a table inside callbacks (`(t, { eq }) => eq(t.teamId, x)`). */
  aliases: Map<string, string>;
}

interface ColumnRef {
  tableText: string;
  column: string;
}

function columnRef(node: Node, shape: QueryShape, ctx: LayerContext): ColumnRef | null {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return null;
  const column = memberName(value);
  if (!column) return null;
  const objectText = ctx.sourceCode.getText(value.object);
  const tableText = shape.aliases.get(objectText) ?? objectText;
  const known = tableText === shape.tableText || shape.joins.some((j) => j.tableText === tableText);
  return known ? { tableText, column } : null;
}

/** Resolves a condition held in a `const` (`const where = and(...)`), a few levels deep. */
function resolveCondition(node: Node, ctx: LayerContext): Node {
  let value = unwrap(node);
  for (let i = 0; i < 4 && value.type === AST_NODE_TYPES.Identifier; i++) {
    const init = resolveIdentifier(ctx.sourceCode, value);
    if (!init) break;
    value = unwrap(init);
  }
  return value;
}

/** Column-to-column equalities in ON conditions and top-level WHERE `and`s: they make columns interchangeable. */
function equalities(shape: QueryShape, ctx: LayerContext): Map<string, Set<string>> {
  const classes = new Map<string, Set<string>>();
  const key = (c: ColumnRef) => `${c.tableText}.${c.column}`;
  const classOf = (k: string) => {
    let set = classes.get(k);
    if (!set) {
      set = new Set([k]);
      classes.set(k, set);
    }
    return set;
  };
  const union = (a: string, b: string) => {
    const sa = classOf(a);
    const sb = classOf(b);
    if (sa === sb) return;
    for (const k of sb) {
      sa.add(k);
      classes.set(k, sa);
    }
  };
  const visit = (node: Node | undefined, depth: number) => {
    if (!node || depth > 6) return;
    const value = resolveCondition(node, ctx);
    if (value.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(value);
    if (name === 'and') value.arguments.forEach((a) => visit(a, depth + 1));
    if (name === 'eq' && value.arguments.length === 2) {
      const a = columnRef(value.arguments[0], shape, ctx);
      const b = columnRef(value.arguments[1], shape, ctx);
      if (a && b) union(key(a), key(b));
    }
  };
  for (const join of shape.joins) visit(join.on, 0);
  visit(shape.where, 0);
  return classes;
}

/** Does `condition` pin one of the columns `pins` accepts to a value (not to another column)? */
function pins(condition: Node | undefined, accepts: (ref: ColumnRef) => boolean, shape: QueryShape, ctx: LayerContext, depth = 0): Verdict {
  if (!condition) return 'no';
  if (depth > 8) return 'unknown';
  const value = resolveCondition(condition, ctx);
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return 'no';
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    // `teamId ? eq(t.teamId, teamId) : undefined`: `and()` drops the undefined branch, so this is not a scope.
    const a = pins(value.consequent, accepts, shape, ctx, depth + 1);
    const b = pins(value.alternate, accepts, shape, ctx, depth + 1);
    return a === 'yes' && b === 'yes' ? 'yes' : a === 'no' || b === 'no' ? 'no' : 'unknown';
  }
  if (value.type !== AST_NODE_TYPES.CallExpression) return 'unknown';
  const name = calleeName(value);
  const args = value.arguments;
  switch (name) {
    case 'eq':
    case 'inArray': {
      const [a, b] = args;
      if (!a || !b) return 'no';
      const left = columnRef(a, shape, ctx);
      const right = columnRef(b, shape, ctx);
      if (left && !right && accepts(left)) return 'yes';
      if (name === 'eq' && right && !left && accepts(right)) return 'yes';
      return 'no';
    }
    case 'and': {
      let result: Verdict = 'no';
      for (const arg of args) {
        const verdict = pins(arg, accepts, shape, ctx, depth + 1);
        if (verdict === 'yes') return 'yes';
        if (verdict === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'or': {
      if (args.length === 0) return 'no';
      let result: Verdict = 'yes';
      for (const arg of args) {
        const verdict = pins(arg, accepts, shape, ctx, depth + 1);
        if (verdict === 'no') return 'no';
        if (verdict === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'ne':
    case 'notInArray':
    case 'isNull':
    case 'isNotNull':
    case 'like':
    case 'ilike':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
    case 'between':
    case 'not':
    case 'exists':
    case 'notExists':
      return 'no';
    default:
      return 'unknown'; // `sql\`…\``, `tenantFilter(t, team)`, …
  }
}

function scopingColumns(table: DrizzleTable): DrizzleColumn[] {
  const columns = [...(table.tenantColumns as DrizzleColumn[])];
  if (table.isRoot) for (const c of table.columns) if (c.isUnique) columns.push(c);
  return columns;
}

/** Is the table at `tableText` pinned to one tenant by this query's filters and joins? */
function tableScoped(tableText: string, table: DrizzleTable, shape: QueryShape, ctx: LayerContext, classes: Map<string, Set<string>>, seen: Set<string>): Verdict {
  if (seen.has(tableText)) return 'no';
  seen.add(tableText);
  const wanted = new Set<string>();
  for (const column of scopingColumns(table)) for (const k of classes.get(`${tableText}.${column.key}`) ?? [`${tableText}.${column.key}`]) wanted.add(k);
  const accepts = (ref: ColumnRef) => wanted.has(`${ref.tableText}.${ref.column}`);
  let result = pins(shape.where, accepts, shape, ctx);
  if (result === 'yes') return 'yes';
  for (const join of shape.joins) {
    if (join.kind !== 'innerJoin') continue;
    const verdict = pins(join.on, accepts, shape, ctx);
    if (verdict === 'yes') return 'yes';
    if (verdict === 'unknown') result = 'unknown';
  }
  // Through a foreign key to a joined parent that is itself scoped (`tasks.projectId = projects.id`, projects pinned).
  for (const column of table.columns) {
    const key = `${tableText}.${column.key}`;
    for (const join of shape.joins) {
      if (!join.table || join.kind !== 'innerJoin') continue;
      const parentKeys = join.table.columns.filter((c) => c.isUnique).map((c) => `${join.tableText}.${c.key}`);
      if (!parentKeys.some((k) => classes.get(key)?.has(k))) continue;
      const verdict = tableScoped(join.tableText, join.table, shape, ctx, classes, seen);
      if (verdict === 'yes') return 'yes';
      if (verdict === 'unknown') result = 'unknown';
    }
  }
  return result;
}

/** The identifying columns (own unique keys, foreign keys to tenant-owned parents) the filter pins, with their values. */
function identifyingPins(shape: QueryShape, ctx: LayerContext): Array<{ column: string; value: Node }> {
  const found: Array<{ column: string; value: Node }> = [];
  const parents = new Set(
    projectDrizzleTables(ctx.filename, ctx.cwd, ctx.rawSettings)
      .filter((t) => t.isRoot || t.tenantColumns.length > 0)
      .map((t) => t.binding),
  );
  const identifying = (column: string) => {
    const c = shape.table.columns.find((x) => x.key === column);
    return c !== undefined && (c.isUnique || (c.references !== undefined && (parents.has(c.references) || c.references !== shape.table.binding)));
  };
  const visit = (node: Node | undefined, depth: number) => {
    if (!node || depth > 6) return;
    const value = resolveCondition(node, ctx);
    if (value.type !== AST_NODE_TYPES.CallExpression) return;
    const name = calleeName(value);
    if (name === 'and') value.arguments.forEach((a) => visit(a, depth + 1));
    if ((name === 'eq' || name === 'inArray') && value.arguments.length === 2) {
      const ref = columnRef(value.arguments[0], shape, ctx);
      if (ref && ref.tableText === shape.tableText && identifying(ref.column)) found.push({ column: ref.column, value: value.arguments[1] });
    }
  };
  visit(shape.where, 0);
  return found;
}

// Queries ----------------------------------------------------------------------------------------------------------

/** Walks up a builder chain from `start`: `.where(c)`, joins, and the outermost call. */
function walkChain(start: TSESTree.CallExpression): { where?: Node; joins: Array<{ kind: string; args: TSESTree.CallExpressionArgument[] }>; dynamic: boolean; set?: TSESTree.CallExpression } {
  const result: ReturnType<typeof walkChain> = { joins: [], dynamic: false };
  let current: Node = start;
  for (let i = 0; i < 40; i++) {
    const member: Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
    const call: Node | undefined = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
    const name = memberName(member);
    if (name === 'where') result.where = call.arguments[0];
    else if (name && JOINS.has(name)) result.joins.push({ kind: name, args: call.arguments });
    else if (name === '$dynamic') result.dynamic = true;
    else if (name === 'set') result.set = call;
    current = call;
  }
  return result;
}

function report(
  shape: QueryShape,
  node: TSESTree.CallExpression,
  reportAt: Node,
  call: string,
  verb: 'reads' | 'changes',
  ctx: LayerContext,
  insertAt: number | null,
  depth: number,
  style: 'builder' | 'relational' = 'builder',
): LayerFinding[] {
  const table = shape.table;
  if (table.tenantColumns.length === 0 && !table.isRoot) return [];
  const classes = equalities(shape, ctx);
  const verdict = tableScoped(shape.tableText, table, shape, ctx, classes, new Set());
  if (verdict !== 'no') return [];
  const column = table.tenantColumns[0] ?? table.columns.find((c) => c.isUnique) ?? { key: 'id', sqlName: 'id' };
  const condition = `eq(${shape.tableText}.${column.key}, {value})`;
  const combined = shape.where ? `and(${ctx.sourceCode.getText(shape.where as TSESTree.Node)}, ${condition})` : condition;
  const fix = style === 'relational' ? `where: ${combined}` : `.where(${combined})`;
  const identifying = table.isRoot ? [] : identifyingPins(shape, ctx);
  if (identifying.length > 0) {
    if (ctx.inAuthFlow) return [];
    if (hasOwnershipCheckAfter(outermost(node), table.tenantColumns.map((c) => c.key), ctx.accessCheckFunctions)) return [];
    if (hasAccessCheckBefore(node, ctx.accessCheckFunctions)) return [];
    if (identifying.every((p) => fromCheckedRow(p.value, ctx, depth) || ctx.vouchedFor(p.value, node))) return [];
    const origins = identifying.map((p) => valueOrigin(p.value, ctx.filename, ctx.sourceCode, ctx.settings.sessionFunctions));
    if (origins.every((o) => o === 'session')) return [];
    if (!ctx.reportHelperLookups && origins.every((o) => o === 'helper-parameter' || o === 'session')) return [];
    return [{ kind: 'unscoped-unique', node: reportAt, call, table: table.binding, field: column.key, verb, keys: identifying.map((p) => p.column), fix }];
  }
  return [
    {
      kind: 'unscoped',
      node: reportAt,
      call,
      table: table.binding,
      field: column.key,
      verb,
      fix,
      insert: insertAt !== null && !shape.where && shape.joins.length === 0 ? { at: insertAt, text: `.where(${condition})` } : undefined,
    },
  ];
}

/**
 * Is this id read from a row that a Drizzle query in view returned, where that query is itself scoped or checked
 * (`const [project] = await db.select().from(projects)…; if (project.teamId !== team.id) throw …` then
 * `eq(projects.id, project.id)`)?
 */
function fromCheckedRow(value: Node, ctx: LayerContext, depth: number): boolean {
  if (depth > 2) return false;
  const root = rootIdentifier(value);
  const def = root ? findVariable(ctx.sourceCode, root)?.defs[0] : undefined;
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  if (!init) return false;
  let verified = false;
  walk(init, (n) => {
    if (n.type !== AST_NODE_TYPES.CallExpression) return false;
    const findings = analyze(n, ctx, depth + 1);
    if (findings === null) return false;
    verified = findings.length === 0;
    return true;
  });
  return verified;
}

/** The outermost call of the builder chain `node` starts, whose awaited result is the rows. */
function outermost(node: TSESTree.CallExpression): TSESTree.CallExpression {
  let current: TSESTree.CallExpression = node;
  for (;;) {
    const member: Node | undefined = current.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) return current;
    const call: Node | undefined = member.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return current;
    current = call;
  }
}

function checkSelect(node: TSESTree.CallExpression, ctx: LayerContext, depth: number): LayerFinding[] | null {
  const callee = node.callee as TSESTree.MemberExpression;
  const select = unwrap(callee.object);
  if (select.type !== AST_NODE_TYPES.CallExpression || select.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  if (!SELECTS.has(memberName(select.callee) ?? '')) return null;
  const tableArg = node.arguments[0];
  if (!tableArg) return null;
  const table = resolveTable(tableArg, ctx);
  if (!table || !isDrizzleDatabase(select.callee.object, ctx)) return null;
  const chain = walkChain(node);
  if (chain.dynamic) return [];
  const joins = chain.joins.map((j) => ({
    kind: j.kind,
    table: j.args[0] ? resolveTable(j.args[0], ctx) : null,
    tableText: j.args[0] ? ctx.sourceCode.getText(j.args[0]) : '',
    on: j.args[1],
  }));
  const shape: QueryShape = { table, tableText: ctx.sourceCode.getText(tableArg), joins, where: chain.where, aliases: new Map() };
  const call = `${ctx.sourceCode.getText(select.callee.object)}.${memberName(select.callee)}().from(${shape.tableText})`;
  return report(shape, node, tableArg, call, 'reads', ctx, node.range[1], depth);
}

function checkWrite(node: TSESTree.CallExpression, method: 'update' | 'delete', ctx: LayerContext, depth: number): LayerFinding[] | null {
  const callee = node.callee as TSESTree.MemberExpression;
  const tableArg = node.arguments[0];
  if (!tableArg || node.arguments.length !== 1) return null;
  const table = resolveTable(tableArg, ctx);
  if (!table || !isDrizzleDatabase(callee.object, ctx)) return null;
  const chain = walkChain(node);
  if (chain.dynamic) return [];
  const shape: QueryShape = { table, tableText: ctx.sourceCode.getText(tableArg), joins: [], where: chain.where, aliases: new Map() };
  const call = `${ctx.sourceCode.getText(callee.object)}.${method}(${shape.tableText})`;
  const insertAt = method === 'delete' ? node.range[1] : chain.set ? chain.set.range[1] : null;
  return report(shape, node, tableArg, call, 'changes', ctx, insertAt, depth);
}

/** `db.query.invoices.findMany({ where })`: the callback, object and direct forms of `where`. */
function checkRelational(node: TSESTree.CallExpression, method: string, ctx: LayerContext, depth: number): LayerFinding[] | null {
  const delegate = unwrap((node.callee as TSESTree.MemberExpression).object);
  if (delegate.type !== AST_NODE_TYPES.MemberExpression) return null;
  const key = memberName(delegate);
  const query = unwrap(delegate.object);
  if (!key || query.type !== AST_NODE_TYPES.MemberExpression || memberName(query) !== 'query') return null;
  if (!isDrizzleDatabase(query.object, ctx)) return null;
  const table = projectDrizzleTables(ctx.filename, ctx.cwd, ctx.rawSettings).find((t) => t.binding === key) ?? importedByName(key, ctx);
  if (!table) return null;
  if (table.tenantColumns.length === 0 && !table.isRoot) return [];
  const args = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  if (args && args.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const whereProp = args?.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'where') as TSESTree.Property | undefined;
  if (args?.properties.some((p) => p.type === AST_NODE_TYPES.SpreadElement)) return [];
  const call = `${ctx.sourceCode.getText(delegate)}.${method}()`;
  const column = table.tenantColumns[0] ?? { key: 'id' };
  const finding: LayerFinding = {
    kind: 'unscoped',
    node: delegate.property,
    call,
    table: key,
    field: column.key,
    verb: 'reads',
    fix: `where: eq(${key}.${column.key}, {value})`,
  };
  if (!whereProp) return [finding];
  const where = unwrap(whereProp.value);
  const tableText = key;
  const shape: QueryShape = { table, tableText, joins: [], where: undefined, aliases: new Map([[key, tableText]]) };
  if (where.type === AST_NODE_TYPES.ArrowFunctionExpression || where.type === AST_NODE_TYPES.FunctionExpression) {
    const param = where.params[0];
    if (param?.type === AST_NODE_TYPES.Identifier) shape.aliases.set(param.name, tableText);
    shape.where = where.body.type === AST_NODE_TYPES.BlockStatement ? undefined : where.body;
    if (!shape.where) return [];
  } else if (where.type === AST_NODE_TYPES.ObjectExpression) {
    return objectWhereScoped(where, table) ? [] : [finding];
  } else {
    shape.where = where;
  }
  return report(shape, node, delegate.property, call, 'reads', ctx, null, depth, 'relational');
}

/** Relational API v2 object filters: `{ teamId: x }`, `{ teamId: { eq: x } }`, `AND: [...]`, `OR: [...]`. */
function objectWhereScoped(where: TSESTree.ObjectExpression, table: DrizzleTable): boolean {
  const keys = new Set(scopingColumns(table).map((c) => c.key));
  return where.properties.some((p) => {
    if (p.type !== AST_NODE_TYPES.Property) return true; // a spread: unknown, treated as scoped
    const key = propertyKeyName(p);
    if (key && keys.has(key)) return true;
    const value = unwrap(p.value);
    if ((key === 'AND' || key === 'OR') && value.type === AST_NODE_TYPES.ArrayExpression) {
      const items = value.elements.filter((e): e is TSESTree.ObjectExpression => e?.type === AST_NODE_TYPES.ObjectExpression);
      return key === 'AND' ? items.some((i) => objectWhereScoped(i, table)) : items.length > 0 && items.every((i) => objectWhereScoped(i, table));
    }
    return false;
  });
}

function importedByName(binding: string, ctx: LayerContext): DrizzleTable | undefined {
  for (const statement of ctx.sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    const file = resolveImport(statement.source.value, ctx.filename);
    if (!file) continue;
    const found = importedTable(file, binding, ctx.settings);
    if (found) return found;
  }
  return undefined;
}

/** The findings for a Drizzle query starting at this call; null when the call starts no Drizzle query. */
function analyze(node: TSESTree.CallExpression, ctx: LayerContext, depth: number): LayerFinding[] | null {
  if (node.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  switch (memberName(node.callee)) {
    case 'from':
      return checkSelect(node, ctx, depth);
    case 'update':
      return checkWrite(node, 'update', ctx, depth);
    case 'delete':
      return checkWrite(node, 'delete', ctx, depth);
    case 'findMany':
    case 'findFirst':
      return checkRelational(node, memberName(node.callee)!, ctx, depth);
    default:
      return null;
  }
}

export const drizzleLayer: DataLayer = { name: 'drizzle', CallExpression: (node, ctx) => analyze(node, ctx, 0) ?? [] };
