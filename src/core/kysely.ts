/**
 * The Kysely data layer: `db.selectFrom('invoices')…`, `db.updateTable('invoices')…`, `db.deleteFrom('invoices')…`
 * (also `'invoices as i'`, joins, `updateTable(…).from(…)`, `deleteFrom(…).using(…)`), where `db` is a Kysely
 * instance by evidence: `new Kysely<DB>(…)`, an import from a project module that constructs one, a parameter typed
 * `Kysely<…>` / `Transaction<…>`, the callback of `db.transaction().execute(async (trx) => …)` or
 * `db.connection().execute(…)`, `await db.startTransaction().execute()`, and `db.withSchema(…)` and the like.
 *
 * Each query is read once, from its `selectFrom` / `updateTable` / `deleteFrom` call up through the chain, and
 * through a variable it is built in (`let q = db.selectFrom(…); if (x) q = q.where(…); await q.execute()`). Only
 * queries that are run here (`execute*`, `stream`, `compile`) are judged: a builder returned or passed on is
 * finished elsewhere. Filters: `.where('account_id', '=', v)` (also `'i.account_id'`, `'in'`), `.whereRef(…)`,
 * `.where((eb) => eb('account_id', '=', v))`, `eb.and([…])` / `eb.or([…])`, `({ eb, and, or }) => and([…])`,
 * `eb.and({ account_id: v })`, join conditions, `$if(cond, (qb) => qb.where(…))`. Anything else in a filter is
 * unknown and never reported. The scope decision is sql-scope.ts, shared with raw SQL.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, memberName, propertyKeyName, resolveValue, unwrap, type Node } from './ast.js';
import type { DataLayer, LayerContext, LayerFinding } from './data-layers.js';
import { annotationFrom, callbackCall, declaratorOf, importOf, importsPackage, isPackageImport, moduleMakes } from './sql-clients.js';
import { findingsFor } from './sql-findings.js';
import { evaluateLevel, type ColumnRef, type JoinKind, type Predicate, type Source } from './sql-scope.js';

const ROOTS = new Set(['selectFrom', 'updateTable', 'deleteFrom']);
const TERMINALS = new Set(['execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'stream', 'compile', 'explain']);
const JOINS: Record<string, JoinKind> = {
  innerJoin: 'inner',
  leftJoin: 'left',
  rightJoin: 'right',
  fullJoin: 'full',
  crossJoin: 'cross',
  innerJoinLateral: 'inner',
  leftJoinLateral: 'left',
  crossJoinLateral: 'cross',
};
/** Methods of a Kysely instance that return a Kysely instance. */
const DERIVED = new Set(['withSchema', 'withPlugin', 'withoutPlugins', 'withTables', 'with', 'withRecursive']);
const KYSELY_TYPES = new Set(['Kysely', 'Transaction', 'ControlledTransaction']);
const MAKES_KYSELY = { library: importsPackage(['kysely']), construct: /\bnew\s+Kysely\b/ };
const EQUALS = new Set(['=', '==', 'in']);

// Evidence ---------------------------------------------------------------------------------------------------------

/**
 * `db.transaction()`, `db.transaction().setIsolationLevel('serializable')`, `db.connection()`,
 * `db.startTransaction()`: the receiver `db` and which of these it was.
 */
function transactionReceiver(node: Node): { receiver: Node; kind: string } | null {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current.callee);
    if (name === 'transaction' || name === 'connection' || name === 'startTransaction') return { receiver: current.callee.object, kind: name };
    if (name !== 'setIsolationLevel' && name !== 'setAccessMode') return null;
    current = unwrap(current.callee.object);
  }
  return null;
}

export function isKysely(node: Node, ctx: LayerContext, depth = 0): boolean {
  if (depth > 5) return false;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrap(value.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'Kysely') return false;
      return importOf(callee, ctx.sourceCode)?.source === 'kysely';
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(value.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const name = memberName(callee);
      if (name && DERIVED.has(name)) return isKysely(callee.object, ctx, depth + 1);
      // `await db.startTransaction().execute()`: a controlled transaction
      if (name === 'execute') {
        const found = transactionReceiver(callee.object);
        return found?.kind === 'startTransaction' && isKysely(found.receiver, ctx, depth + 1);
      }
      return false;
    }
    case AST_NODE_TYPES.Identifier: {
      const info = importOf(value, ctx.sourceCode);
      if (info) return !isPackageImport(info.source) && moduleMakes(info.source, ctx.filename, MAKES_KYSELY.library, MAKES_KYSELY.construct);
      const def = findVariable(ctx.sourceCode, value)?.defs[0];
      if (def?.type === 'Parameter') {
        const param = def.name as Node;
        if (annotationFrom(param, KYSELY_TYPES, ['kysely'], ctx.sourceCode)) return true;
        const callback = callbackCall(param);
        if (!callback || callback.method !== 'execute') return false;
        const found = transactionReceiver((unwrap(callback.call.callee) as TSESTree.MemberExpression).object);
        return found !== null && found.kind !== 'startTransaction' && isKysely(found.receiver, ctx, depth + 1);
      }
      const declarator = declaratorOf(value, ctx.sourceCode);
      return declarator !== null && isKysely(declarator.init!, ctx, depth + 1);
    }
    default:
      return false;
  }
}

// The query --------------------------------------------------------------------------------------------------------

interface ChainCall {
  name: string;
  call: TSESTree.CallExpression;
}

/** The method calls made on `start`'s value, outward: `start.where(…).selectAll().execute()`. */
function chainFrom(start: Node): { calls: ChainCall[]; end: Node } {
  const calls: ChainCall[] = [];
  let current: Node = start;
  for (;;) {
    const parent = current.parent;
    if (!parent) break;
    if (
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = parent;
      continue;
    }
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === current && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
      const name = memberName(parent);
      if (!name) break;
      calls.push({ name, call: parent.parent });
      current = parent.parent;
      continue;
    }
    break;
  }
  return { calls, end: current };
}

interface Followed {
  calls: ChainCall[];
  /** The first chain, straight off the root call (where a suggestion can insert). */
  direct: ChainCall[];
  executed: boolean;
  /** The builder leaves the function unfinished (returned, passed on): its filter may be added elsewhere. */
  escaped: boolean;
}

/** The query's calls, through the variables it is built in. */
function follow(root: TSESTree.CallExpression, ctx: LayerContext): Followed {
  const result: Followed = { calls: [], direct: [], executed: false, escaped: false };
  const seen = new Set<unknown>();
  const visit = (start: Node, depth: number): void => {
    const { calls, end } = chainFrom(start);
    if (depth === 0) result.direct = calls;
    result.calls.push(...calls);
    if (calls.some((c) => TERMINALS.has(c.name))) {
      result.executed = true;
      return;
    }
    let parent = end.parent;
    let from = end;
    if (parent?.type === AST_NODE_TYPES.AwaitExpression) {
      from = parent;
      parent = parent.parent;
    }
    let target: TSESTree.Identifier | null = null;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === from && parent.id.type === AST_NODE_TYPES.Identifier) target = parent.id;
    else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === from && parent.left.type === AST_NODE_TYPES.Identifier) target = parent.left;
    else if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return; // built and dropped
    else {
      result.escaped = true;
      return;
    }
    const variable = findVariable(ctx.sourceCode, target);
    if (!variable || seen.has(variable) || depth > 6) return;
    seen.add(variable);
    for (const ref of variable.references) {
      if (!ref.isRead()) continue;
      visit(ref.identifier, depth + 1);
    }
  };
  visit(root, 0);
  return result;
}

/** `'invoices as i'` → table and alias; `'public.invoices'`. */
function parseTable(text: string): { table: string; alias: string | null } | null {
  const match = /^\s*([\w$."]+)(?:\s+as\s+([\w$"]+))?\s*$/i.exec(text);
  return match ? { table: match[1], alias: match[2] ?? null } : null;
}

/** `'account_id'`, `'i.account_id'`, `'public.invoices.account_id'` → qualifier and column. */
function parseColumn(text: string): ColumnRef | null {
  if (!/^[\w$."]+$/.test(text)) return null;
  const parts = text.split('.');
  const column = parts.pop()!;
  return { qualifier: parts.length > 0 ? parts[parts.length - 1] : null, column };
}

function stringOf(node: Node | undefined, ctx: LayerContext): string | null {
  if (!node) return null;
  const value = resolveValue(ctx.sourceCode, node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? null;
  return null;
}

/** Names an expression-builder callback gives its helpers: `(eb) =>`, `({ eb, and, or }) =>`. */
type Roles = Map<string, string>;

function rolesOf(param: TSESTree.Parameter | undefined): Roles | null {
  const roles: Roles = new Map();
  if (!param) return roles;
  if (param.type === AST_NODE_TYPES.Identifier) {
    roles.set(param.name, 'eb');
    return roles;
  }
  if (param.type !== AST_NODE_TYPES.ObjectPattern) return null;
  for (const prop of param.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) return null;
    const key = propertyKeyName(prop);
    if (key && prop.value.type === AST_NODE_TYPES.Identifier) roles.set(prop.value.name, key);
  }
  return roles;
}

/** The expression a callback returns: `(eb) => expr`, `(eb) => { return expr }`. */
function returned(fn: Node): { body: Node; param: TSESTree.Parameter | undefined } | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression) return null;
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return { body: fn.body, param: fn.params[0] };
  const statements = fn.body.body;
  const last = statements[statements.length - 1];
  if (statements.length !== 1 || last?.type !== AST_NODE_TYPES.ReturnStatement || !last.argument) return null;
  return { body: last.argument, param: fn.params[0] };
}

const UNKNOWN: Predicate = { kind: 'unknown' };
const NONE: Predicate = { kind: 'none' };

/** Is this the value a subquery gives (`db.selectFrom(…)…`, `eb.selectFrom(…)…`)? */
function isSubquery(node: Node): boolean {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    if (memberName(current.callee) === 'selectFrom') return true;
    current = unwrap(current.callee.object);
  }
  return false;
}

/** A column reference given as a value: `eb.ref('a.id')`, `ref('a.id')`. */
function refValue(node: Node, roles: Roles | null, ctx: LayerContext): ColumnRef | null {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = unwrap(value.callee);
  const isRef =
    (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'ref') ||
    (callee.type === AST_NODE_TYPES.Identifier && roles?.get(callee.name) === 'ref');
  const text = isRef ? stringOf(value.arguments[0], ctx) : null;
  return text ? parseColumn(text) : null;
}

/** `('account_id', '=', v)`: a comparison as Kysely spells it. */
function comparison(args: readonly Node[], roles: Roles | null, ctx: LayerContext, refs = false): Predicate {
  const [refNode, opNode, valueNode] = args;
  const refText = stringOf(refNode, ctx);
  const column = refText ? parseColumn(refText) : null;
  const op = stringOf(opNode, ctx);
  if (!column || op === null || !valueNode) return column && op !== null ? NONE : UNKNOWN;
  if (!EQUALS.has(op.toLowerCase())) return NONE;
  if (refs) {
    const otherText = stringOf(valueNode, ctx);
    const other = otherText ? parseColumn(otherText) : null;
    return other ? { kind: 'ref-eq', left: column, right: other } : UNKNOWN;
  }
  const other = refValue(valueNode, roles, ctx);
  if (other) return { kind: 'ref-eq', left: column, right: other };
  return { kind: 'eq', column, value: { placeholders: [], nodes: [valueNode], fromQuery: isSubquery(valueNode) } };
}

/** `[eb(…), eb(…)]` or `{ account_id: v }` given to `and` / `or`. */
function combination(kind: 'and' | 'or', arg: Node | undefined, roles: Roles, ctx: LayerContext): Predicate {
  const value = arg ? resolveValue(ctx.sourceCode, arg) : undefined;
  if (value?.type === AST_NODE_TYPES.ArrayExpression) {
    const items = value.elements.map((e) => (!e || e.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : expression(e, roles, ctx)));
    return { kind, items };
  }
  if (value?.type === AST_NODE_TYPES.ObjectExpression) {
    const items = value.properties.map((p): Predicate => {
      if (p.type !== AST_NODE_TYPES.Property) return UNKNOWN;
      const key = propertyKeyName(p);
      const column = key ? parseColumn(key) : null;
      return column ? { kind: 'eq', column, value: { placeholders: [], nodes: [p.value], fromQuery: isSubquery(p.value) } } : UNKNOWN;
    });
    return { kind, items };
  }
  return UNKNOWN;
}

/** An expression built with the expression builder. */
function expression(node: Node, roles: Roles, ctx: LayerContext): Predicate {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.CallExpression) return UNKNOWN;
  const callee = unwrap(value.callee);
  let role: string | undefined;
  if (callee.type === AST_NODE_TYPES.Identifier) role = roles.get(callee.name);
  else if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && roles.get(callee.object.name) === 'eb') {
    role = memberName(callee) ?? undefined;
  }
  switch (role) {
    case 'eb':
    case 'cmpr':
      return comparison(value.arguments, roles, ctx);
    case 'and':
    case 'or':
      return combination(role, value.arguments[0], roles, ctx);
    case 'not':
    case 'exists':
    case 'between':
    case 'betweenSymmetric':
      return NONE;
    default:
      return UNKNOWN;
  }
}

/** The arguments of `.where(…)`, `.on(…)`: a comparison, or a callback. */
function filterArgs(args: readonly Node[], ctx: LayerContext): Predicate {
  if (args.length >= 3) return comparison(args, null, ctx);
  if (args.length !== 1) return UNKNOWN;
  const fn = resolveValue(ctx.sourceCode, args[0]);
  const callback = returned(fn);
  const roles = callback ? rolesOf(callback.param) : null;
  return callback && roles ? expression(callback.body, roles, ctx) : UNKNOWN;
}

/** The calls a builder callback makes on its parameter: `(qb) => qb.where(…).where(…)`. */
function callbackChain(fn: Node): ChainCall[] | null {
  const callback = returned(fn);
  if (!callback || callback.param?.type !== AST_NODE_TYPES.Identifier) return null;
  const calls: ChainCall[] = [];
  let current = unwrap(callback.body);
  while (current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current.callee);
    if (!name) return null;
    calls.unshift({ name, call: current });
    current = unwrap(current.callee.object);
  }
  return current.type === AST_NODE_TYPES.Identifier && current.name === callback.param.name ? calls : null;
}

const and = (a: Predicate | null, b: Predicate): Predicate => (a ? { kind: 'and', items: [a, b] } : b);

/** A join's condition: `(table, 'a.x', 'b.y')` or `(table, (join) => join.onRef(…).on(…))`. */
function joinCondition(args: readonly Node[], ctx: LayerContext): Predicate | null {
  if (args.length >= 3) {
    const left = stringOf(args[1], ctx);
    const right = stringOf(args[2], ctx);
    const l = left ? parseColumn(left) : null;
    const r = right ? parseColumn(right) : null;
    return l && r ? { kind: 'ref-eq', left: l, right: r } : UNKNOWN;
  }
  if (args.length < 2) return null;
  const calls = callbackChain(resolveValue(ctx.sourceCode, args[1]));
  if (!calls) return UNKNOWN;
  let on: Predicate | null = null;
  for (const { name, call } of calls) {
    if (name === 'on') on = and(on, filterArgs(call.arguments, ctx));
    else if (name === 'onRef') on = and(on, comparison(call.arguments, null, ctx, true));
    else if (name === 'orOn' || name === 'orOnRef') on = { kind: 'or', items: [on ?? NONE, name === 'orOn' ? filterArgs(call.arguments, ctx) : comparison(call.arguments, null, ctx, true)] };
    else if (name !== 'onTrue') on = and(on, UNKNOWN);
  }
  return on;
}

interface Query {
  level: { sources: Source[]; where: Predicate | null };
  /** The node each source is reported on (its table argument) and how the message names the call. */
  nodes: Node[];
  calls: string[];
}

function tableSource(arg: Node | undefined, join: JoinKind, verb: 'reads' | 'changes', ctx: LayerContext): { source: Source; node: Node } | null {
  if (!arg) return null;
  const text = stringOf(arg, ctx);
  if (text === null) return { source: { table: null, alias: null, join, on: null, verb }, node: arg }; // a subquery or an alias helper
  const parsed = parseTable(text);
  return parsed ? { source: { ...parsed, join, on: null, verb }, node: arg } : null;
}

function buildQuery(root: TSESTree.CallExpression, method: string, calls: readonly ChainCall[], ctx: LayerContext): Query | null {
  const verb = method === 'selectFrom' ? 'reads' : 'changes';
  const query: Query = { level: { sources: [], where: null }, nodes: [], calls: [] };
  const rootText = ctx.sourceCode.getText(root);
  const first = root.arguments[0];
  const firsts = first && resolveValue(ctx.sourceCode, first).type === AST_NODE_TYPES.ArrayExpression ? (resolveValue(ctx.sourceCode, first) as TSESTree.ArrayExpression).elements : [first];
  for (const arg of firsts) {
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return null;
    const found = tableSource(arg, query.level.sources.length === 0 ? 'from' : 'cross', verb, ctx);
    if (!found) return null;
    query.level.sources.push(found.source);
    query.nodes.push(found.node);
    query.calls.push(rootText);
  }
  let where: Predicate | null = null;
  const apply = (list: readonly ChainCall[], depth: number): void => {
    for (const { name, call } of list) {
      const args = call.arguments as Node[];
      if (name === 'where') where = and(where, filterArgs(args, ctx));
      else if (name === 'whereRef') where = and(where, comparison(args, null, ctx, true));
      else if (name === 'orWhere' || name === 'orWhereRef') {
        where = { kind: 'or', items: [where ?? NONE, name === 'orWhere' ? filterArgs(args, ctx) : comparison(args, null, ctx, true)] };
      } else if (name in JOINS || name === 'from' || name === 'using') {
        const join: JoinKind = JOINS[name] ?? 'cross';
        const found = tableSource(args[0], join, 'reads', ctx);
        if (!found) continue;
        found.source.on = name in JOINS ? joinCondition(args, ctx) : null;
        query.level.sources.push(found.source);
        query.nodes.push(found.node);
        query.calls.push(`${rootText}….${name}(${ctx.sourceCode.getText(args[0])})`);
      } else if (name === '$if' && depth < 3) {
        const inner = args[1] ? callbackChain(resolveValue(ctx.sourceCode, args[1])) : null;
        if (inner) apply(inner, depth + 1);
        else where = and(where, UNKNOWN);
      } else if (name === '$call') {
        where = and(where, UNKNOWN);
      }
    }
  };
  apply(calls, 0);
  query.level.where = where;
  return query;
}

function checkQuery(root: TSESTree.CallExpression, method: string, ctx: LayerContext): LayerFinding[] {
  const followed = follow(root, ctx);
  if (!followed.executed || followed.escaped) return [];
  const query = buildQuery(root, method, followed.calls, ctx);
  if (!query) return [];
  const result = evaluateLevel(query.level, ctx.tables(), null);
  if (result.verdicts.length === 0) return [];
  const qualify = query.level.sources.length > 1;
  const lastWhere = [...followed.direct].reverse().find((c) => c.name === 'where' || c.name === 'whereRef');
  const insertAt = (lastWhere?.call ?? root).range[1];
  const findings: LayerFinding[] = [];
  for (const verdict of result.verdicts) {
    const source = query.level.sources[verdict.source];
    const column = verdict.table.tenantColumns[0].sqlName;
    const qualifier = source.alias ?? (qualify ? source.table : null);
    const where = `.where('${qualifier ? `${qualifier}.` : ''}${column}', '=', {value})`;
    findings.push(
      ...findingsFor(
        [verdict],
        {
          node: query.nodes[verdict.source],
          at: followed.calls.find((c) => TERMINALS.has(c.name))?.call ?? root,
          call: query.calls[verdict.source],
          fix: () => where,
          insert: () => ({ at: insertAt, text: where }),
          valueNodes: (value) => value.nodes,
        },
        ctx,
      ),
    );
  }
  return findings;
}

export const kyselyLayer: DataLayer = {
  name: 'kysely',
  CallExpression(node, ctx) {
    const callee = node.callee;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return [];
    const method = callee.property.name;
    if (!ROOTS.has(method) || node.arguments.length === 0) return [];
    if (!isKysely(callee.object, ctx)) return [];
    if (ctx.tables().bySqlName.size === 0) return [];
    return checkQuery(node, method, ctx);
  },
};
