/**
 * Raw SQL, read with a real parser: which tenant-owned tables a query reads or changes, and whether each is pinned
 * to one tenant by its `WHERE` / `JOIN … ON` (the decision itself is sql-scope.ts; this maps the SQL onto it).
 * Callers replace `${}` interpolations by placeholders (`$1`, `$2`, …) and keep the map back to the code.
 *
 * Parser: `pgsql-ast-parser` (pure JavaScript on nearley/moo, no native or downloaded parts, sync, ~2 MB). Tried
 * against `node-sql-parser` (PostgreSQL build) on 40 query shapes real apps send through `$queryRaw`, `sql\`\`` and
 * `pg`: pgsql-ast-parser read 36 (failing only `DELETE … USING` and the deliberate garbage and fragments);
 * node-sql-parser read 33 and failed on `= ANY($1)`, `$1::uuid` casts in some positions, jsonb `@>` and
 * `FOR UPDATE`, and it parses a bare fragment such as `account_id = $1` as an assignment statement, which defeats
 * telling fragments from queries; it is also a 89 MB install (every dialect). The parser is loaded on the first
 * query that needs it, so files without SQL pay nothing; parses are cached by text.
 *
 * Dialect: PostgreSQL (what Next.js + Stripe SaaS apps run on). MySQL-only syntax does not parse, and is skipped.
 */
import { createRequire } from 'node:module';
import type {
  Expr,
  From,
  InsertStatement,
  SelectedColumn,
  SelectFromStatement,
  SelectStatement,
  Statement,
  UpdateStatement,
  DeleteStatement,
  WithStatement,
  WithRecursiveStatement,
} from 'pgsql-ast-parser';
import { evaluateLevel, type ColumnRef, type JoinKind, type Predicate, type Scope, type Source, type SqlValue, type Verdict } from './sql-scope.js';
import type { TableSet } from './tables.js';

type Parser = typeof import('pgsql-ast-parser');
let parser: Parser | undefined;
const load = (): Parser => (parser ??= createRequire(import.meta.url)('pgsql-ast-parser') as Parser);

export type ParsedSql =
  | { kind: 'statements'; statements: Statement[] }
  /** Not a statement: a condition, a column list, an `ORDER BY` — a piece of a query built elsewhere. */
  | { kind: 'fragment' }
  | { kind: 'unparsable'; reason: string };

/** Text that begins like a statement (after comments and an opening parenthesis). */
const STATEMENT_START = /^\s*(?:(?:--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)\s*)*\(*\s*(?:select|with|insert|update|delete|values|table|truncate)\b/i;

const parseCache = new Map<string, ParsedSql>();
const CACHE_LIMIT = 5000;

export function parseSql(text: string): ParsedSql {
  const cached = parseCache.get(text);
  if (cached) return cached;
  let result: ParsedSql;
  if (!STATEMENT_START.test(text)) result = { kind: 'fragment' };
  else {
    try {
      result = { kind: 'statements', statements: load().parse(text) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = /line (\d+) col (\d+)/.exec(message);
      result = { kind: 'unparsable', reason: at ? `line ${at[1]}, column ${at[2]}` : 'an unexpected construct' };
    }
  }
  if (parseCache.size >= CACHE_LIMIT) parseCache.clear();
  parseCache.set(text, result);
  return result;
}

export interface SqlVerdict extends Verdict {
  /** The statement that holds the table already has a `WHERE` (the fix adds `AND …`). */
  hasWhere: boolean;
}

export type SqlAnalysis =
  | { kind: 'checked'; verdicts: SqlVerdict[] }
  | { kind: 'fragment' }
  | { kind: 'unparsable'; reason: string };

const analysisCache = new WeakMap<TableSet, Map<string, SqlAnalysis>>();

/** The tenant-owned tables this SQL reads or changes without a tenant filter. Cached by text per table set. */
export function analyzeSql(text: string, tables: TableSet): SqlAnalysis {
  let byText = analysisCache.get(tables);
  if (!byText) {
    byText = new Map();
    analysisCache.set(tables, byText);
  }
  const cached = byText.get(text);
  if (cached) return cached;
  const parsed = parseSql(text);
  let result: SqlAnalysis;
  if (parsed.kind !== 'statements') result = parsed;
  else {
    const ctx: Context = { tables, ctes: new Map(), verdicts: [] };
    try {
      for (const statement of parsed.statements) analyzeStatement(statement, ctx, null);
      result = { kind: 'checked', verdicts: dedupe(ctx.verdicts) };
    } catch {
      // An AST shape this walker does not expect: skipped like unparsable text, never a crash.
      result = { kind: 'unparsable', reason: 'an unexpected construct' };
    }
  }
  if (byText.size >= CACHE_LIMIT) byText.clear();
  byText.set(text, result);
  return result;
}

/** One finding per table and kind: the same table unscoped twice in one query is one fix. */
function dedupe(verdicts: SqlVerdict[]): SqlVerdict[] {
  const seen = new Map<string, SqlVerdict>();
  for (const verdict of verdicts) {
    const key = verdict.table.sqlName.toLowerCase();
    const previous = seen.get(key);
    if (!previous || (previous.kind === 'unscoped-unique' && verdict.kind === 'unscoped')) seen.set(key, verdict);
  }
  return [...seen.values()];
}

// Statements -------------------------------------------------------------------------------------------------------

interface Cte {
  /** Its body's tenant-owned tables are all scoped. */
  scoped: boolean;
  /** Column names pinned on it, per reference (pushed down into its body when every reference pins them). */
  refs: Set<string>[];
}

interface Context {
  tables: TableSet;
  ctes: Map<string, Cte>;
  verdicts: SqlVerdict[];
}

interface Summary {
  tenant: number;
  unscoped: number;
}

const NONE: Predicate = { kind: 'none' };
const add = (a: Summary, b: Summary): Summary => ({ tenant: a.tenant + b.tenant, unscoped: a.unscoped + b.unscoped });
const EMPTY: Summary = { tenant: 0, unscoped: 0 };
const isScopedSummary = (s: Summary) => s.tenant > 0 && s.unscoped === 0;

/** Runs an analysis into a separate list of verdicts (for first passes whose verdicts are not kept). */
function quietly<T>(ctx: Context, run: (ctx: Context) => T): T {
  return run({ ...ctx, verdicts: [], ctes: new Map([...ctx.ctes].map(([k, v]) => [k, { ...v, refs: [] }])) });
}

const STATEMENT_TYPES = new Set(['select', 'union', 'union all', 'values', 'with', 'with recursive', 'insert', 'update', 'delete']);

function analyzeStatement(statement: Statement, ctx: Context, parent: Scope | null, pushdown?: ReadonlySet<string>): Summary {
  switch (statement.type) {
    case 'select':
      return analyzeSelect(statement, ctx, parent, pushdown);
    case 'union':
    case 'union all':
      return add(analyzeStatement(statement.left, ctx, parent, pushdown), analyzeStatement(statement.right, ctx, parent, pushdown));
    case 'with':
      return analyzeWith(statement, ctx, parent, pushdown);
    case 'with recursive':
      return analyzeWithRecursive(statement, ctx, parent, pushdown);
    case 'insert':
      return analyzeInsert(statement, ctx, parent);
    case 'update':
      return analyzeUpdate(statement, ctx, parent);
    case 'delete':
      return analyzeDelete(statement, ctx, parent);
    case 'truncate table': {
      let summary = EMPTY;
      statement.tables.forEach((name) => {
        const table = name.schema ? `${name.schema}.${name.name}` : name.name;
        const level = { sources: [{ table, alias: null, join: 'from' as const, on: null, verb: 'changes' as const }], where: null };
        summary = add(summary, emitLevel(level, ctx, parent, false));
      });
      return summary;
    }
    default:
      return EMPTY; // DDL, SET, transactions: no rows of a tenant read or changed
  }
}

/** Evaluates one level, keeps its verdicts, and returns its summary. */
function emit(level: { sources: Source[]; where: Predicate | null }, ctx: Context, parent: Scope | null, hasWhere: boolean, pushdown?: ReadonlySet<string>) {
  const result = evaluateLevel(level, ctx.tables, parent, pushdown);
  for (const verdict of result.verdicts) ctx.verdicts.push({ ...verdict, hasWhere });
  return { result, summary: { tenant: result.tenantSources, unscoped: result.unscopedSources } };
}

function emitLevel(level: { sources: Source[]; where: Predicate | null }, ctx: Context, parent: Scope | null, hasWhere: boolean): Summary {
  return emit(level, ctx, parent, hasWhere).summary;
}

interface FromParts {
  sources: Source[];
  /** Derived tables (`FROM (SELECT …) x`), by source index. */
  derived: Array<{ index: number; statement: SelectStatement; lateral: boolean }>;
  /** CTE references, by source index. */
  cteRefs: Array<{ index: number; name: string }>;
  /** Expressions of the FROM clause that may hold subqueries (ON conditions, function arguments). */
  expressions: Expr[];
}

const JOIN_KINDS: Record<string, JoinKind> = {
  'INNER JOIN': 'inner',
  'LEFT JOIN': 'left',
  'RIGHT JOIN': 'right',
  'FULL JOIN': 'full',
  'CROSS JOIN': 'cross',
};

function qualifierOfSource(source: Source): string | null {
  return source.alias ?? (source.table ? source.table.split('.').pop()! : null);
}

function readFrom(froms: readonly From[], ctx: Context, verb: 'reads' | 'changes', first: JoinKind = 'from', preceding: Source[] = []): FromParts {
  const parts: FromParts = { sources: [], derived: [], cteRefs: [], expressions: [] };
  const all = () => [...preceding, ...parts.sources];
  const qualifiers = () => new Set(all().map(qualifierOfSource).filter((q): q is string => q !== null).map((q) => q.toLowerCase()));
  for (const from of froms) {
    const join: JoinKind = from.join ? (JOIN_KINDS[from.join.type] ?? 'inner') : all().length === 0 ? first : 'cross';
    let source: Source;
    if (from.type === 'table') {
      const name = from.name;
      const cte = !name.schema ? ctx.ctes.get(name.name.toLowerCase()) : undefined;
      if (cte) {
        source = { table: null, alias: name.alias ?? name.name, join, on: null, verb, virtualScoped: cte.scoped };
        parts.cteRefs.push({ index: parts.sources.length, name: name.name.toLowerCase() });
      } else {
        source = { table: name.schema ? `${name.schema}.${name.name}` : name.name, alias: name.alias ?? null, join, on: null, verb };
      }
    } else if (from.type === 'statement') {
      const scoped = isScopedSummary(quietly(ctx, (c) => analyzeStatement(from.statement, c, null)));
      source = { table: null, alias: from.alias, join, on: null, verb, virtualScoped: scoped };
      parts.derived.push({ index: parts.sources.length, statement: from.statement, lateral: from.lateral === true });
    } else {
      source = { table: null, alias: from.alias?.name ?? from.function.name, join, on: null, verb };
      parts.expressions.push(...from.args);
    }
    if (from.join?.on) {
      parts.expressions.push(from.join.on);
      source.on = toPredicate(from.join.on, new Set([...qualifiers(), (qualifierOfSource(source) ?? '').toLowerCase()]));
    } else if (from.join?.using) {
      const mine = qualifierOfSource(source);
      const previous = all().map(qualifierOfSource).filter((q): q is string => q !== null);
      source.on = {
        kind: 'and',
        items: from.join.using.flatMap((column) =>
          previous.map((q): Predicate => ({ kind: 'ref-eq', left: { qualifier: mine, column: column.name }, right: { qualifier: q, column: column.name } })),
        ),
      };
    }
    parts.sources.push(source);
  }
  return parts;
}

function analyzeSelect(statement: SelectFromStatement, ctx: Context, parent: Scope | null, pushdown?: ReadonlySet<string>): Summary {
  const from = readFrom(statement.from ?? [], ctx, 'reads');
  const qualifiers = new Set(from.sources.map(qualifierOfSource).filter((q): q is string => q !== null).map((q) => q.toLowerCase()));
  if (from.sources.length === 1) from.sources[0].readsOnlyKeys = readsOnlyKeys(statement.columns, from.sources[0], ctx);
  const where = statement.where ? toPredicate(statement.where, qualifiers) : null;
  const { result, summary: own } = emit({ sources: from.sources, where }, ctx, parent, Boolean(statement.where), pushdown);
  let summary = own;
  for (const ref of from.cteRefs) ctx.ctes.get(ref.name)?.refs.push(result.pinnedColumns[ref.index]);
  for (const derived of from.derived) {
    summary = add(summary, analyzeStatement(derived.statement, ctx, derived.lateral ? result.scope : parent, result.pinnedColumns[derived.index]));
  }
  const expressions: unknown[] = [statement.columns, statement.where, statement.having, statement.groupBy, statement.orderBy, ...from.expressions];
  for (const sub of subqueries(expressions)) summary = add(summary, analyzeStatement(sub, ctx, result.scope));
  return summary;
}

/** `SELECT account_id FROM invoices WHERE id = $1`: only whose row it is. */
function readsOnlyKeys(columns: SelectedColumn[] | null | undefined, source: Source, ctx: Context): boolean {
  if (!columns || columns.length === 0 || !source.table) return false;
  const info = ctx.tables.bySqlName.get(source.table.replace(/"/g, '').toLowerCase().split('.').pop()!);
  if (!info) return false;
  const keys = new Set(['id', ...info.tenantColumns.map((c) => c.sqlName.toLowerCase())]);
  return columns.every((c) => {
    const ref = columnOf(c.expr);
    return ref !== null && keys.has(ref.column.toLowerCase());
  });
}

function analyzeWith(statement: WithStatement, ctx: Context, parent: Scope | null, pushdown?: ReadonlySet<string>): Summary {
  const inner: Context = { ...ctx, ctes: new Map(ctx.ctes) };
  // First pass: is each CTE's body scoped on its own (its rows then scope what joins them)?
  for (const bind of statement.bind) {
    const summary = quietly(inner, (c) => analyzeStatement(bind.statement, c, parent));
    inner.ctes.set(bind.alias.name.toLowerCase(), { scoped: isScopedSummary(summary), refs: [] });
  }
  let summary = analyzeStatement(statement.in, inner, parent, pushdown);
  // Second pass, kept: each body, with the columns every reference pins pushed into it.
  for (const bind of statement.bind) {
    const cte = inner.ctes.get(bind.alias.name.toLowerCase())!;
    const pinned = cte.refs.length > 0 ? cte.refs.reduce((a, b) => new Set([...a].filter((c) => b.has(c)))) : new Set<string>();
    summary = add(summary, analyzeStatement(bind.statement, inner, parent, pinned));
  }
  return summary;
}

function analyzeWithRecursive(statement: WithRecursiveStatement, ctx: Context, parent: Scope | null, pushdown?: ReadonlySet<string>): Summary {
  const inner: Context = { ...ctx, ctes: new Map(ctx.ctes) };
  const name = statement.alias.name.toLowerCase();
  inner.ctes.set(name, { scoped: false, refs: [] });
  const first = quietly(inner, (c) => analyzeStatement(statement.bind, c, parent));
  inner.ctes.set(name, { scoped: isScopedSummary(first), refs: [] });
  const summary = analyzeStatement(statement.in, inner, parent, pushdown);
  return add(summary, analyzeStatement(statement.bind, inner, parent));
}

function analyzeInsert(statement: InsertStatement, ctx: Context, parent: Scope | null): Summary {
  // A plain INSERT reads nothing; INSERT … SELECT reads what its SELECT reads.
  if (statement.insert.type === 'values') return EMPTY;
  return analyzeStatement(statement.insert, ctx, parent);
}

function analyzeUpdate(statement: UpdateStatement, ctx: Context, parent: Scope | null): Summary {
  const target: Source = { table: tableName(statement.table), alias: statement.table.alias ?? null, join: 'from', on: null, verb: 'changes' };
  const from = statement.from ? readFrom([statement.from], ctx, 'reads', 'cross', [target]) : null;
  const sources = [target, ...(from?.sources ?? [])];
  const qualifiers = new Set(sources.map(qualifierOfSource).filter((q): q is string => q !== null).map((q) => q.toLowerCase()));
  const where = statement.where ? toPredicate(statement.where, qualifiers) : null;
  const { result, summary: own } = emit({ sources, where }, ctx, parent, Boolean(statement.where));
  let summary = own;
  for (const derived of from?.derived ?? []) {
    summary = add(summary, analyzeStatement(derived.statement, ctx, parent, result.pinnedColumns[derived.index + 1]));
  }
  for (const sub of subqueries([statement.where, statement.sets.map((s) => s.value), ...(from?.expressions ?? [])])) {
    summary = add(summary, analyzeStatement(sub, ctx, result.scope));
  }
  return summary;
}

function analyzeDelete(statement: DeleteStatement, ctx: Context, parent: Scope | null): Summary {
  const target: Source = { table: tableName(statement.from), alias: statement.from.alias ?? null, join: 'from', on: null, verb: 'changes' };
  const qualifiers = new Set([qualifierOfSource(target)!.toLowerCase()]);
  const where = statement.where ? toPredicate(statement.where, qualifiers) : null;
  const { result, summary } = emit({ sources: [target], where }, ctx, parent, Boolean(statement.where));
  let total = summary;
  for (const sub of subqueries([statement.where])) total = add(total, analyzeStatement(sub, ctx, result.scope));
  return total;
}

function tableName(name: { name: string; schema?: string }): string {
  return name.schema ? `${name.schema}.${name.name}` : name.name;
}

// Expressions ------------------------------------------------------------------------------------------------------

function isStatementNode(value: unknown): value is SelectStatement {
  return typeof value === 'object' && value !== null && STATEMENT_TYPES.has((value as { type?: string }).type ?? '');
}

/** The subqueries directly inside these expressions (not those nested in a subquery: it finds its own). */
function subqueries(roots: unknown[]): Statement[] {
  const found: Statement[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isStatementNode(value)) {
      found.push(value);
      return;
    }
    if ((value as { type?: string }).type === 'array select') {
      found.push((value as { select: SelectStatement }).select);
      return;
    }
    for (const [key, child] of Object.entries(value)) if (key !== '_location') visit(child);
  };
  for (const root of roots) visit(root);
  return found;
}

function unwrapCast(expr: Expr): Expr {
  let current = expr;
  while (current.type === 'cast') current = current.operand;
  return current;
}

function columnOf(expr: Expr): ColumnRef | null {
  const value = unwrapCast(expr);
  if (value.type !== 'ref' || value.name === '*') return null;
  return { qualifier: value.table?.name ?? null, column: value.name };
}

/** Names a FROM clause defines, to tell a correlated subquery's own tables from the outer query's. */
function definedNames(statement: Statement): Set<string> {
  const names = new Set<string>();
  const visit = (s: unknown): void => {
    if (!isStatementNode(s)) return;
    const node = s as unknown as Record<string, unknown>;
    for (const from of (node.from as From[] | undefined) ?? []) {
      if (from.type === 'table') names.add((from.name.alias ?? from.name.name).toLowerCase());
      else if (from.type === 'statement') names.add(from.alias.toLowerCase());
      else if (from.alias) names.add(from.alias.name.toLowerCase());
    }
    const target = (node.table ?? node.from) as { name?: string; alias?: string } | undefined;
    if (target && !Array.isArray(target) && typeof target.name === 'string') names.add((target.alias ?? target.name).toLowerCase());
    for (const key of ['left', 'right', 'in']) visit(node[key]);
  };
  visit(statement);
  return names;
}

/** A value for a comparison: it reads no column of this query level (an uncorrelated subquery is a value). */
function isValue(expr: Expr, qualifiers: ReadonlySet<string>): boolean {
  let value = true;
  const visit = (node: unknown, shadowed: ReadonlySet<string> | null): void => {
    if (!value || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, shadowed);
      return;
    }
    const typed = node as { type?: string; table?: { name: string } };
    if (isStatementNode(node) && shadowed === null) {
      visit(Object.values(node), definedNames(node));
      return;
    }
    if (typed.type === 'ref') {
      if (shadowed === null) value = false;
      else if (typed.table && qualifiers.has(typed.table.name.toLowerCase()) && !shadowed.has(typed.table.name.toLowerCase())) value = false;
      return;
    }
    for (const [key, child] of Object.entries(node)) if (key !== '_location') visit(child, shadowed);
  };
  visit(expr, null);
  return value;
}

function valueOf(expr: Expr): SqlValue {
  const placeholders: string[] = [];
  let fromQuery = false;
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (isStatementNode(node)) {
      fromQuery = true;
      return;
    }
    const typed = node as { type?: string; name?: string };
    if (typed.type === 'parameter' && typed.name) placeholders.push(typed.name);
    for (const [key, child] of Object.entries(node)) if (key !== '_location') visit(child);
  };
  visit(expr);
  return { placeholders, nodes: [], fromQuery };
}

function flatten(kind: 'and' | 'or', left: Predicate, right: Predicate): Predicate {
  const items = [left, right].flatMap((p) => (p.kind === kind ? p.items : [p]));
  return { kind, items };
}

/** A filter expression as predicates over column references. */
export function toPredicate(expr: Expr, qualifiers: ReadonlySet<string>): Predicate {
  switch (expr.type) {
    case 'binary': {
      if (expr.op === 'AND' || expr.op === 'OR') {
        return flatten(expr.op === 'AND' ? 'and' : 'or', toPredicate(expr.left, qualifiers), toPredicate(expr.right, qualifiers));
      }
      if (expr.op === '=') return equality(expr.left, expr.right, qualifiers);
      if (expr.op === 'IN') {
        const column = columnOf(expr.left);
        return column && isValue(expr.right, qualifiers) ? { kind: 'eq', column, value: valueOf(expr.right) } : NONE;
      }
      return NONE;
    }
    case 'parameter':
      return { kind: 'unknown' }; // `WHERE ${filter}`: the interpolation may hold the tenant condition
    case 'cast':
      return unwrapCast(expr).type === 'parameter' ? { kind: 'unknown' } : NONE;
    default:
      return NONE;
  }
}

function equality(left: Expr, right: Expr, qualifiers: ReadonlySet<string>): Predicate {
  if (left.type === 'list' && right.type === 'list' && left.expressions.length === right.expressions.length) {
    return { kind: 'and', items: left.expressions.map((l, i) => equality(l, right.expressions[i], qualifiers)) };
  }
  const l = columnOf(left);
  const r = columnOf(right);
  if (l && r) return { kind: 'ref-eq', left: l, right: r };
  if (l && isValue(right, qualifiers)) return { kind: 'eq', column: l, value: valueOf(right) };
  if (r && isValue(left, qualifiers)) return { kind: 'eq', column: r, value: valueOf(left) };
  return NONE;
}

/** `"accountId"`, `account_id`: an identifier as SQL needs it written. */
export function quoteIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
