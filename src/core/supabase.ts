/**
 * The Supabase data layer of `require-tenant-scope`: `client.from('invoices').select()…` chains and `client.rpc()`
 * calls on a Supabase client (`supabase-client.ts` decides which client is which), checked against the tables of
 * the generated `Database` types (`supabase-types.ts`) and the project's other table sources.
 *
 * Which clients: a **service-role** client bypasses Row Level Security, so each of its queries on a tenant-owned
 * table must filter by the tenant. A **user-bound** client runs under RLS, which is where Supabase apps put tenancy;
 * its queries are checked only with the rule option `requireFilterWithRls`.
 *
 * How a chain is read: only calls named `from` / `rpc` with a literal name are looked at (cheap, so the rule stays
 * fast); from there the chain is walked up through its parents (`.select().eq().single()`), so each query is
 * analysed once, from its `.from()`. A builder kept in a variable is followed through the function — postgrest
 * builders are mutable, so `query.eq(…)` and `query = query.eq(…)` both add their filter — to where it runs
 * (`await query`); a builder handed to another function is not followed, and unknown is never reported.
 *
 * What scopes a query: `.eq(col, v)`, `.in(col, list)`, `.match({ col: v })`, `.filter(col, 'eq' | 'in', v)` and
 * `.or('…')` when every branch is scoped, on a tenant column (for a tenant root table, its `id`). A filter whose value
 * is `undefined` does *not* widen a Supabase query — postgrest-js sends `account_id=eq.undefined`, which matches no
 * row — so the undefined-value case here is a tenant filter added only when the value is set
 * (`if (accountId) query = query.eq('account_id', accountId)`): without it, the query matches every tenant's rows.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, isFunction, precedingStatements, propertyKeyName, resolveIdentifier, rootIdentifier, unwrap, walk, type Node } from './ast.js';
import type { DataLayer, LayerContext, LayerFinding } from './data-layers.js';
import { warnOnce } from './diagnostics.js';
import { hasAccessCheckBefore, hasOwnershipCheckAfter, isGuardedAgainstMissing, isInAdminContext, resultVariable } from './guards.js';
import { isCredentialLookup } from './prisma-findings.js';
import { fromVerifiedWebhookEvent, valueOrigin } from './request-input.js';
import { toSnakeCase } from './settings.js';
import { fileLookup, supabaseClientOf, type Lookup, type SupabaseClientInfo } from './supabase-client.js';
import { discoverSupabaseTypes, referencedTable, supabaseModelOf, type SupabaseModel } from './supabase-types.js';
import { buildTableSet, findTable, type TableInfo, type TableSet } from './tables.js';

const NONE: LayerFinding[] = [];

/** The first method after `from()`: what the query does. */
const OPERATIONS = new Set(['select', 'insert', 'update', 'upsert', 'delete']);
const WRITES = new Set(['update', 'upsert', 'delete']);
/** `Promise.all([q1, q2])` runs the builders it is given. */
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'race', 'any']);

// ---------------------------------------------------------------------------------------------------------------
// Per-file state

interface FileState {
  lookup: Lookup;
  clients: Map<object, SupabaseClientInfo | null>;
  models: Map<string, SupabaseModel[]>;
  /** Earlier `.from()` calls judged as evidence: does that query pin the tenant (or run under RLS)? */
  verdicts: Map<Node, boolean>;
}

const states = new WeakMap<LayerContext, FileState>();

function stateOf(ctx: LayerContext): FileState {
  let state = states.get(ctx);
  if (!state) {
    state = { lookup: fileLookup(ctx.sourceCode, ctx.filename), clients: new Map(), models: new Map(), verdicts: new Map() };
    states.set(ctx, state);
  }
  return state;
}

/** Types a Supabase client goes by; with type information, a receiver of another named type is not one. */
const SUPABASE_TYPES = /^(SupabaseClient|PostgrestClient|PostgrestQueryBuilder)$/;

function clientOf(node: Node, ctx: LayerContext, state: FileState): SupabaseClientInfo | null {
  const value = unwrap(node);
  const typeNames = ctx.types.typeNames(value)?.filter((n) => n !== '__type' && n !== '__object');
  if (typeNames && typeNames.length > 0 && !typeNames.some((n) => SUPABASE_TYPES.test(n))) return null;
  if (value.type !== AST_NODE_TYPES.Identifier) return supabaseClientOf(value, state.lookup);
  const variable = findVariable(ctx.sourceCode, value);
  if (!variable) return null; // a global (`Array`, `Buffer`): no client
  if (!state.clients.has(variable)) state.clients.set(variable, supabaseClientOf(value, state.lookup));
  return state.clients.get(variable)!;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables and functions

/** The generated types that describe this client's database: settings, else its `Database` type argument, then the conventional paths. */
function modelsFor(client: SupabaseClientInfo, ctx: LayerContext, state: FileState): SupabaseModel[] {
  const key = client.typesFile ?? '';
  let models = state.models.get(key);
  if (!models) {
    const discovered = discoverSupabaseTypes(ctx.filename, ctx.cwd, ctx.settings.supabaseTypes);
    const files = ctx.settings.supabaseTypes.length > 0 || !client.typesFile ? discovered : [client.typesFile, ...discovered.filter((f) => f !== client.typesFile)];
    models = files.flatMap((file) => {
      const model = supabaseModelOf(file, ctx.settings);
      return model ? [model] : [];
    });
    state.models.set(key, models);
  }
  return models;
}

const tableSets = new WeakMap<SupabaseModel, TableSet>();

function tableIn(model: SupabaseModel, name: string): TableInfo | undefined {
  let set = tableSets.get(model);
  if (!set) tableSets.set(model, (set = buildTableSet(model.tables)));
  return findTable(set, name);
}

function tableFor(name: string, schema: string | null, models: SupabaseModel[], ctx: LayerContext): TableInfo | undefined {
  const qualified = schema && schema !== 'public' ? `${schema}.${name}` : name;
  for (const model of models) {
    const table = tableIn(model, qualified);
    if (table) return table;
  }
  return findTable(ctx.tables(), qualified);
}

function isTenantData(table: TableInfo | undefined): table is TableInfo {
  return table !== undefined && (table.tenantColumns.length > 0 || table.isRoot);
}

// ---------------------------------------------------------------------------------------------------------------
// Chains

function stringValue(node: Node | undefined): string | null {
  if (!node) return null;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return value.value;
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? null;
  return null;
}

/** `client.from('t')`, `client.schema('s').from('t')`, `client.rpc('fn', args)`. */
interface Target {
  call: TSESTree.CallExpression;
  method: 'from' | 'rpc';
  name: string;
  nameNode: Node;
  schema: string | null;
  client: Node;
}

function targetOf(node: TSESTree.CallExpression): Target | null {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return null;
  const method = callee.property.name;
  if (method !== 'from' && method !== 'rpc') return null;
  const name = stringValue(node.arguments[0]);
  if (name === null) return null;
  let client: Node = callee.object;
  let schema: string | null = null;
  const inner = unwrap(client);
  if (
    inner.type === AST_NODE_TYPES.CallExpression &&
    inner.callee.type === AST_NODE_TYPES.MemberExpression &&
    !inner.callee.computed &&
    inner.callee.property.type === AST_NODE_TYPES.Identifier &&
    inner.callee.property.name === 'schema'
  ) {
    schema = stringValue(inner.arguments[0]);
    if (schema === null) return null;
    client = inner.callee.object;
  }
  return { call: node, method, name, nameNode: node.arguments[0], schema, client };
}

/** When a step runs: always (`null`), only when `tests` hold (`if (accountId) q = q.eq(…)`), or under a condition we cannot read. */
type Guard = null | { tests: Node[] } | 'conditional';

interface Step {
  name: string;
  call: TSESTree.CallExpression;
  guard: Guard;
}

function isWrapper(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.ChainExpression
  );
}

/** The method calls chained onto `start` (`.select().eq().single()`), and the outermost node of the chain. */
function stepsFrom(start: Node, guard: Guard): { steps: Step[]; end: Node } {
  const steps: Step[] = [];
  let current = start;
  for (;;) {
    while (current.parent && isWrapper(current.parent)) current = current.parent;
    const parent = current.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === current &&
      !parent.computed &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      parent.parent?.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      steps.push({ name: parent.property.name, call: parent.parent, guard });
      current = parent.parent;
      continue;
    }
    return { steps, end: current };
  }
}

type Use = { kind: 'executed' } | { kind: 'escaped' } | { kind: 'bound'; id: TSESTree.Identifier } | { kind: 'assigned'; id: TSESTree.Identifier };

/** What happens to the builder at the end of a chain: run, kept in a variable, or handed elsewhere. */
function useOf(end: Node): Use {
  let current = end;
  while (current.parent && isWrapper(current.parent)) current = current.parent;
  const parent = current.parent;
  if (!parent) return { kind: 'escaped' };
  switch (parent.type) {
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ExpressionStatement:
    case AST_NODE_TYPES.YieldExpression:
      return { kind: 'executed' };
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === current ? { kind: 'executed' } : { kind: 'escaped' };
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier ? { kind: 'bound', id: parent.id } : { kind: 'escaped' };
    case AST_NODE_TYPES.AssignmentExpression:
      return parent.right === current && parent.operator === '=' && parent.left.type === AST_NODE_TYPES.Identifier
        ? { kind: 'assigned', id: parent.left }
        : { kind: 'escaped' };
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.LogicalExpression:
      return parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test === current ? { kind: 'escaped' } : useOf(parent);
    case AST_NODE_TYPES.ArrayExpression: {
      const call = parent.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression) {
        const object = call.callee.object;
        if (object.type === AST_NODE_TYPES.Identifier && object.name === 'Promise' && PROMISE_COMBINATORS.has(calleeName(call) ?? '')) {
          return { kind: 'executed' };
        }
      }
      return { kind: 'escaped' };
    }
    default:
      return { kind: 'escaped' };
  }
}

/** Is `node` run only under a condition, between it and the block where the builder was created? */
function guardOf(node: Node, block: Node): Guard {
  const tests: Node[] = [];
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent === block) return tests.length > 0 ? { tests } : null;
    if (isFunction(parent)) return 'conditional';
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
        if (child === parent.consequent) tests.push(parent.test);
        else if (child === parent.alternate) return 'conditional';
        break;
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) tests.push(parent.test);
        else if (child === parent.alternate) return 'conditional';
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right) {
          if (parent.operator !== '&&') return 'conditional';
          tests.push(parent.left);
        }
        break;
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.SwitchCase:
      case AST_NODE_TYPES.CatchClause:
        return 'conditional';
      default:
    }
  }
  return 'conditional';
}

/** The block a statement-level node sits in. */
function enclosingBlock(node: Node): Node | null {
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.Program || current.type === AST_NODE_TYPES.SwitchCase) return current;
    if (isFunction(current)) return null;
  }
  return null;
}

interface Query {
  steps: Step[];
  op: Step;
  /** Where the builder runs (`await …`): the node a result variable and the checks around it are found from. */
  site: Node;
}

/**
 * A builder kept in a variable: every later `q.eq(…)` / `q = q.eq(…)` in the function adds its filter, `await q` runs
 * it. Null when it is also used in a way we cannot follow (passed to a helper, kept in a second variable).
 */
function followVariable(id: TSESTree.Identifier, steps: Step[], op: Step, sourceCode: Readonly<TSESLint.SourceCode>): Query | null {
  const variable = findVariable(sourceCode, id);
  const block = enclosingBlock(id);
  if (!variable || !block) return null;
  const all = [...steps];
  let site: Node | null = null;
  for (const ref of variable.references) {
    if (ref.identifier === id) continue;
    if (ref.isWrite()) {
      // `q = q.eq(…)`: the read on the right is followed below; any other new value is not.
      const assignment = ref.identifier.parent;
      if (assignment?.type === AST_NODE_TYPES.AssignmentExpression && rootIdentifier(assignment.right)?.name === id.name) continue;
      if (ref.init) continue;
      return null;
    }
    if (!ref.isRead()) continue;
    const { steps: more, end } = stepsFrom(ref.identifier, guardOf(ref.identifier, block));
    if (more.some((s) => OPERATIONS.has(s.name))) return null; // a second query from one builder: not followed
    all.push(...more);
    const use = useOf(end);
    if (use.kind === 'executed') site ??= end;
    else if (use.kind === 'assigned' && use.id.name === id.name) continue;
    else return null;
  }
  return site ? { steps: all, op, site } : null;
}

/** The queries a `.from()` call starts (a table handle kept in a variable may start several), or null when not followable. */
function queriesOf(fromCall: TSESTree.CallExpression, sourceCode: Readonly<TSESLint.SourceCode>): Query[] | null {
  const { steps, end } = stepsFrom(fromCall, null);
  const op = steps.find((s) => OPERATIONS.has(s.name));
  const use = useOf(end);
  if (!op) {
    // `const invoices = supabase.from('invoices')`: each `invoices.select()…` is a query of its own.
    if (use.kind !== 'bound') return [];
    const variable = findVariable(sourceCode, use.id);
    if (!variable) return null;
    const queries: Query[] = [];
    for (const ref of variable.references) {
      if (ref.identifier === use.id || !ref.isRead()) continue;
      const more = stepsFrom(ref.identifier, null);
      const refOp = more.steps.find((s) => OPERATIONS.has(s.name));
      if (!refOp) return null;
      const refUse = useOf(more.end);
      if (refUse.kind === 'executed') queries.push({ steps: more.steps, op: refOp, site: more.end });
      else if (refUse.kind === 'bound' || refUse.kind === 'assigned') {
        const followed = followVariable(refUse.id, more.steps, refOp, sourceCode);
        if (!followed) return null;
        queries.push(followed);
      } else return null;
    }
    return queries;
  }
  if (use.kind === 'executed') return [{ steps, op, site: end }];
  if (use.kind === 'escaped') return null;
  const followed = followVariable(use.id, steps, op, sourceCode);
  return followed ? [followed] : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Filters

interface Facts {
  /** A tenant filter that always applies. */
  scoped: boolean;
  /** The value of a tenant filter that is only added when that value is set. */
  conditional: Node | null;
  /** A filter we cannot read (a computed column, `.or(filters)`, `.match(where)`): it may hold the tenant. */
  opaque: boolean;
  /** Filters on the row's own id or a parent's id (`project_id`), with their values. */
  keys: Array<{ column: string; value: Node }>;
  /** Columns of the other filters. */
  other: string[];
  /** Every column pinned to a value (`eq`, `in`, `match`, `filter(…, 'eq')`). */
  equal: string[];
  /** `.single()`, `.maybeSingle()`, `.limit(1)`. */
  single: boolean;
  /** The columns of `.select('…')`, when a plain list. */
  selected: string[] | null;
}

function scopingColumns(table: TableInfo): Set<string> {
  const columns = new Set(table.tenantColumns.flatMap((c) => [c.sqlName, c.key]));
  if (table.isRoot) columns.add('id');
  return columns;
}

/** A filter by the row's own id, or by the id of a tenant-owned parent (`tasks.project_id`): a lookup of known rows. */
function isIdentifying(table: TableInfo, column: string, lookup: (name: string) => TableInfo | undefined): boolean {
  if (column === 'id') return true;
  const referenced = referencedTable(table, column);
  const candidates = referenced ? [referenced] : /_id$/.test(column) ? [`${column.slice(0, -3)}s`, column.slice(0, -3)] : [];
  return candidates.some((name) => {
    const parent = lookup(name);
    return parent !== undefined && parent !== table && isTenantData(parent);
  });
}

function mentionsName(node: Node, name: string): boolean {
  return walk(node, (n) => n.type === AST_NODE_TYPES.Identifier && n.name === name);
}

/** The text of a filter string with its `${…}` parts as placeholders: `account_id.eq.${id},x.eq.1` → `account_id.eq.?,x.eq.1`. */
function filterText(node: Node | undefined): string | null {
  if (!node) return null;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.quasis.map((q) => q.value.cooked ?? '').join('?');
  return stringValue(value);
}

/** Splits a PostgREST logic string at its top-level commas. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** Does this `.or()` branch pin a scoping column: `account_id.eq.x`, `and(account_id.eq.x,status.eq.open)`? */
function branchScoped(branch: string, scoping: Set<string>): boolean {
  const group = /^(and|or)\((.*)\)$/s.exec(branch);
  if (group) {
    const inner = splitTop(group[2]);
    return group[1] === 'and' ? inner.some((b) => branchScoped(b, scoping)) : inner.length > 0 && inner.every((b) => branchScoped(b, scoping));
  }
  const [column, operator] = branch.split('.');
  return scoping.has(column.replace(/"/g, '')) && (operator === 'eq' || operator === 'in');
}

function objectOf(node: Node | undefined, sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.ObjectExpression | null {
  if (!node) return null;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    const init = resolveIdentifier(sourceCode, value);
    if (!init) return null;
    value = unwrap(init);
  }
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
}

function readFacts(query: Query, table: TableInfo, scoping: Set<string>, lookup: (name: string) => TableInfo | undefined, sourceCode: Readonly<TSESLint.SourceCode>): Facts {
  const facts: Facts = { scoped: false, conditional: null, opaque: false, keys: [], other: [], equal: [], single: false, selected: null };
  const consider = (column: string, value: Node | undefined, guard: Guard) => {
    if (!value) return;
    facts.equal.push(column);
    if (scoping.has(column)) {
      if (guard === null) facts.scoped = true;
      else if (guard !== 'conditional') {
        // `if (accountId) query = query.eq('account_id', accountId)`: no tenant filter when the value is missing.
        const root = rootIdentifier(value);
        if (root && guard.tests.some((t) => mentionsName(t, root.name))) facts.conditional ??= value;
        else facts.opaque = true; // under some other condition (`if (!isAdmin)`): not ours to judge
      } else facts.opaque = true;
    } else if (guard === null && isIdentifying(table, column, lookup)) facts.keys.push({ column, value });
    else facts.other.push(column);
  };

  const selectStep = query.op.name === 'select' ? query.op : null;
  if (selectStep) {
    const columns = stringValue(selectStep.call.arguments[0]);
    facts.selected = columns === null ? (selectStep.call.arguments.length === 0 ? ['*'] : null) : columns.split(',').map((c) => c.trim());
  }
  for (const step of query.steps) {
    const args = step.call.arguments;
    switch (step.name) {
      case 'eq':
      case 'in': {
        const column = stringValue(args[0]);
        if (column === null) facts.opaque = true;
        else consider(column, args[1], step.guard);
        break;
      }
      case 'filter': {
        const column = stringValue(args[0]);
        const operator = stringValue(args[1]);
        if (column === null || operator === null) facts.opaque = true;
        else if (operator === 'eq' || operator === 'in') consider(column, args[2], step.guard);
        else facts.other.push(column);
        break;
      }
      case 'match': {
        const object = objectOf(args[0], sourceCode);
        if (!object) {
          facts.opaque = true;
          break;
        }
        for (const prop of object.properties) {
          if (prop.type === AST_NODE_TYPES.Property) {
            const key = propertyKeyName(prop);
            if (key === null) facts.opaque = true;
            else consider(key, prop.value, step.guard);
            continue;
          }
          // `...(accountId ? { account_id: accountId } : {})`: the tenant only when it is set.
          const spread = unwrap(prop.argument);
          const test = spread.type === AST_NODE_TYPES.ConditionalExpression ? spread.test : spread.type === AST_NODE_TYPES.LogicalExpression && spread.operator === '&&' ? spread.left : null;
          const inner = spread.type === AST_NODE_TYPES.ConditionalExpression ? spread.consequent : spread.type === AST_NODE_TYPES.LogicalExpression ? spread.right : spread;
          const innerObject = objectOf(inner, sourceCode);
          if (!innerObject) {
            facts.opaque = true;
            continue;
          }
          const guard: Guard = test ? { tests: [test, ...(step.guard && step.guard !== 'conditional' ? step.guard.tests : [])] } : step.guard;
          for (const p of innerObject.properties) {
            const key = p.type === AST_NODE_TYPES.Property ? propertyKeyName(p) : null;
            if (key === null) facts.opaque = true;
            else consider(key, (p as TSESTree.Property).value, step.guard === 'conditional' ? 'conditional' : guard);
          }
        }
        break;
      }
      case 'or': {
        const options = objectOf(args[1], sourceCode);
        const onOtherTable = options?.properties.some((p) => p.type === AST_NODE_TYPES.Property && /^(referencedTable|foreignTable)$/.test(propertyKeyName(p) ?? ''));
        if (onOtherTable) break;
        const text = filterText(args[0]);
        if (text === null) {
          facts.opaque = true;
          break;
        }
        const branches = splitTop(text);
        if (branches.length > 0 && branches.every((b) => branchScoped(b, scoping))) {
          if (step.guard === null) facts.scoped = true;
          else facts.opaque = true;
        } else facts.other.push('or');
        break;
      }
      case 'single':
      case 'maybeSingle':
        facts.single = true;
        break;
      case 'limit': {
        const first = args[0] && unwrap(args[0]);
        if (first?.type === AST_NODE_TYPES.Literal && first.value === 1) facts.single = true;
        break;
      }
      case 'neq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
      case 'like':
      case 'ilike':
      case 'is':
      case 'not':
      case 'contains':
      case 'containedBy':
      case 'overlaps':
      case 'textSearch':
      case 'likeAllOf':
      case 'likeAnyOf':
      case 'ilikeAllOf':
      case 'ilikeAnyOf': {
        const column = stringValue(args[0]);
        facts.other.push(column ?? '?');
        break;
      }
      default:
    }
  }
  return facts;
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence around a query

interface Check {
  ctx: LayerContext;
  state: FileState;
}

/**
 * Is this call a `.from()` query that vouches for the rows it matched: it pins the tenant, its row is checked against
 * the session right after (`if (row.account_id !== accountId) notFound()`), or it runs on a user-bound client (RLS
 * decides what it returns)?
 */
function isVouchingQuery(node: Node, check: Check): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const cached = check.state.verdicts.get(node);
  if (cached !== undefined) return cached;
  check.state.verdicts.set(node, false);
  const target = targetOf(node);
  let verdict = false;
  if (target?.method === 'from') {
    const client = clientOf(target.client, check.ctx, check.state);
    if (client?.kind === 'user') verdict = true;
    else if (client) {
      const models = modelsFor(client, check.ctx, check.state);
      const table = tableFor(target.name, target.schema, models, check.ctx);
      const queries = isTenantData(table) ? queriesOf(node, check.ctx.sourceCode) : null;
      if (table && queries && queries.length > 0) {
        const lookup = (name: string) => tableFor(name, target.schema, models, check.ctx);
        const tenantNames = table.tenantColumns.flatMap((c) => [c.sqlName, c.key]);
        verdict = queries.every(
          (q) =>
            readFacts(q, table, scopingColumns(table), lookup, check.ctx.sourceCode).scoped ||
            hasOwnershipCheckAfter(q.site, tenantNames, check.ctx.accessCheckFunctions),
        );
      }
    }
  }
  check.state.verdicts.set(node, verdict);
  return verdict;
}

/**
 * Was this id vouched for before the query: read out of a row that a scoped (or RLS-bound) query returned
 * (`project.id`), or passed into such a query whose missing result ends the request
 * (`…eq('id', projectId).eq('account_id', accountId).single(); if (!project) notFound()`)?
 */
function isVouchedFor(value: Node, site: Node, check: Check): boolean {
  const root = rootIdentifier(value);
  if (!root) return false;
  const def = findVariable(check.ctx.sourceCode, root)?.defs[0];
  if (def?.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    if (init && walk(init, (n) => isVouchingQuery(n, check), { skipFunctions: true })) return true;
  }
  return precedingStatements(site).some((statement) =>
    walk(
      statement,
      (n) => {
        if (n.type !== AST_NODE_TYPES.CallExpression || !isVouchingQuery(n, check)) return false;
        const { steps, end } = stepsFrom(n, null);
        if (!steps.some((s) => s.call.arguments.some((a) => mentionsName(a, root.name)))) return false;
        const result = resultVariable(end);
        return result !== null && isGuardedAgainstMissing(result.name, site);
      },
      { skipFunctions: true },
    ),
  );
}

/** An earlier scoped (or RLS-bound) query on the same table, by the same ids: the row was checked before this one. */
function sameTableCheckedBefore(site: Node, table: TableInfo, values: Node[], check: Check, models: SupabaseModel[]): boolean {
  const names = values.map((v) => rootIdentifier(v)?.name).filter((n): n is string => n !== undefined);
  if (names.length === 0) return false;
  return precedingStatements(site).some((statement) =>
    walk(
      statement,
      (n) => {
        if (n.type !== AST_NODE_TYPES.CallExpression) return false;
        const target = targetOf(n);
        if (target?.method !== 'from' || tableFor(target.name, target.schema, models, check.ctx) !== table) return false;
        const { steps } = stepsFrom(n, null);
        const mentioned = names.some((name) => steps.some((s) => s.call.arguments.some((a) => mentionsName(a, name))));
        return mentioned && isVouchingQuery(n, check);
      },
      { skipFunctions: true },
    ),
  );
}

/** A lookup by ids that is fine: the checks real code does around it, or ids that were vouched for. */
function isJustifiedLookup(query: Query, facts: Facts, values: Node[], table: TableInfo, check: Check, models: SupabaseModel[]): boolean {
  const { ctx } = check;
  if (ctx.inAuthFlow) return true;
  const tenantNames = table.tenantColumns.flatMap((c) => [c.sqlName, c.key]);
  if (query.op.name === 'select' && facts.selected?.every((c) => c === 'id' || tenantNames.includes(c))) return true;
  if (hasOwnershipCheckAfter(query.site, tenantNames, ctx.accessCheckFunctions)) return true;
  if (hasAccessCheckBefore(query.site, ctx.accessCheckFunctions)) return true;
  if (sameTableCheckedBefore(query.site, table, values, check, models)) return true;
  const origins = values.map((v) => valueOrigin(v, ctx.filename, ctx.sourceCode, ctx.settings.sessionFunctions));
  if (values.every((v, i) => origins[i] === 'session' || isVouchedFor(v, query.site, check))) return true;
  if (!ctx.reportHelperLookups && origins.every((o) => o === 'helper-parameter')) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Findings

function clientText(target: Target, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const node = target.client;
  const text = sourceCode.getText(node as TSESTree.Node);
  const simple = node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.ThisExpression;
  return (simple ? text : `(${text})`) + (target.schema ? `.schema('${target.schema}')` : '');
}

function checkFrom(target: Target, client: SupabaseClientInfo, check: Check): LayerFinding[] {
  const { ctx, state } = check;
  const models = modelsFor(client, ctx, state);
  const table = tableFor(target.name, target.schema, models, ctx);
  if (!table) {
    if (models.length === 0 && client.kind === 'service' && ctx.tables().bySqlName.size === 0) {
      warnOnce(
        `supabase-no-types:${ctx.cwd}`,
        `found Supabase queries on a service-role client (e.g. in ${ctx.filename}) but no generated Database types: looked for the module of ` +
          `the \`Database\` type argument of createClient<Database>() and at types/supabase.ts, lib/database.types.ts and the other conventional ` +
          `paths. require-tenant-scope cannot tell which tables are tenant-owned without them: run \`supabase gen types typescript\` and set ` +
          `settings['tenant-guard'].supabaseTypes to the file, or list tables in settings['tenant-guard'].models.`,
      );
    }
    return NONE;
  }
  if (!isTenantData(table)) return NONE;
  const queries = queriesOf(target.call, ctx.sourceCode);
  if (!queries || queries.length === 0) return NONE;
  if (isInAdminContext(target.call, ctx.sourceCode)) return NONE;
  const scoping = scopingColumns(table);
  const lookup = (name: string) => tableFor(name, target.schema, models, ctx);
  const field = table.tenantColumns[0]?.sqlName ?? 'id';
  const findings: LayerFinding[] = [];
  for (const query of queries) {
    const op = query.op.name;
    if (op === 'insert') continue; // not a read; where its tenant value comes from is another rule's job
    const facts = readFacts(query, table, scoping, lookup, ctx.sourceCode);
    const call = `${clientText(target, ctx.sourceCode)}.from('${target.name}').${op}()`;
    const verb = WRITES.has(op) ? 'changes' : 'reads';
    const eq = `.eq('${field}', {value})`;
    const insert = { at: query.op.call.range[1], text: eq };
    if (facts.scoped) continue;
    if (facts.conditional) {
      findings.push({ kind: 'maybe-undefined', node: facts.conditional, call, table: table.name, field, verb, value: facts.conditional, fix: eq });
      continue;
    }
    if (facts.opaque) continue;
    if (op === 'upsert') {
      const finding = checkUpsert(query, table, field, call, check, models, facts);
      if (finding) findings.push({ ...finding, node: target.nameNode });
      continue;
    }
    if (facts.keys.length > 0) {
      const values = facts.keys.map((k) => k.value);
      if (isJustifiedLookup(query, facts, values, table, check, models)) continue;
      findings.push({ kind: 'unscoped-unique', node: target.nameNode, call, table: table.name, field, verb, keys: facts.keys.map((k) => k.column), fix: eq, insert });
      continue;
    }
    if (facts.single && facts.other.length > 0 && (table.isRoot || ctx.inAuthFlow || isCredentialLookup(facts.other))) continue;
    // `.select('username').eq('username', name)`: an existence check, which returns nothing the caller did not pass.
    if (op === 'select' && facts.selected?.length && facts.selected.every((c) => facts.equal.includes(c))) continue;
    if (facts.other.length > 0 && facts.keys.length === 0) {
      // keyed by something the server trusts (`.eq('stripe_customer_id', event.data.object.customer)`)
      const values = query.steps.filter((s) => s.name === 'eq' || s.name === 'in').map((s) => s.call.arguments[1]).filter((v): v is TSESTree.CallExpressionArgument => v !== undefined);
      if (values.length > 0 && values.every((v) => fromVerifiedWebhookEvent(v, ctx.sourceCode))) continue;
    }
    findings.push({ kind: 'unscoped', node: target.nameNode, call, table: table.name, field, verb, fix: eq, insert });
  }
  return findings;
}

/**
 * `upsert(row)` conflicts on the primary key by default: a row whose `id` belongs to another tenant is overwritten
 * (and, with `account_id` in the payload, moved to this tenant). Scoped when `onConflict` names the tenant column;
 * a payload without an id inserts, which is not a read of anyone's rows.
 */
function checkUpsert(query: Query, table: TableInfo, field: string, call: string, check: Check, models: SupabaseModel[], facts: Facts): Omit<LayerFinding, 'node'> | null {
  const { ctx } = check;
  const args = query.op.call.arguments;
  const options = objectOf(args[1], ctx.sourceCode);
  const onConflict = options?.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'onConflict') as TSESTree.Property | undefined;
  if (onConflict) {
    const columns = stringValue(onConflict.value);
    if (columns === null || columns.split(',').some((c) => scopingColumns(table).has(c.trim()))) return null;
  }
  let payload = args[0] ? unwrap(args[0]) : undefined;
  if (payload?.type === AST_NODE_TYPES.Identifier) payload = resolveIdentifier(ctx.sourceCode, payload) ?? payload;
  const rows = payload?.type === AST_NODE_TYPES.ArrayExpression ? payload.elements : [payload];
  const ids: Node[] = [];
  for (const row of rows) {
    const object = row && row.type !== AST_NODE_TYPES.SpreadElement ? objectOf(row, ctx.sourceCode) : null;
    if (!object) return null;
    for (const prop of object.properties) {
      if (prop.type !== AST_NODE_TYPES.Property) return null;
      if (propertyKeyName(prop) === 'id') ids.push(prop.value);
    }
  }
  if (ids.length === 0) return null;
  if (isJustifiedLookup(query, facts, ids, table, check, models)) return null;
  return {
    kind: 'unscoped-unique',
    call,
    table: table.name,
    field,
    verb: 'changes',
    keys: ['id'],
    fix: `upsert({ ..., ${field}: {value} }, { onConflict: '${field},id' })`,
  };
}

/** `p_account_id`, `_org_id`, `account_id`, `accountId`: an argument that carries the tenant. */
function tenantArgument(name: string, tenantFields: readonly string[]): string | null {
  const bare = name.replace(/^(p_|_|in_|arg_|param_)/, '');
  const field = tenantFields.find((f) => f === bare || toSnakeCase(f) === toSnakeCase(bare));
  return field ? toSnakeCase(field) : null;
}

/**
 * `rpc('fn', args)` on a service-role client runs a SQL function with RLS bypassed. With the generated types the
 * function is known: it matters when it takes a tenant argument or returns rows of a tenant-owned table, and it is
 * scoped when the call passes the tenant argument (or filters the returned rows by the tenant). A function the
 * types do not know is reported when its arguments carry no tenant column name.
 */
function checkRpc(target: Target, client: SupabaseClientInfo, check: Check): LayerFinding[] {
  const { ctx, state } = check;
  const tenantFields = ctx.settings.tenantFields;
  let keys: string[] = [];
  const argsNode = target.call.arguments[1];
  if (argsNode) {
    const object = objectOf(argsNode, ctx.sourceCode);
    if (!object || object.properties.some((p) => p.type !== AST_NODE_TYPES.Property)) return NONE;
    keys = object.properties.map((p) => propertyKeyName(p as TSESTree.Property) ?? '');
  }
  if (keys.some((k) => tenantArgument(k, tenantFields))) return NONE;
  const models = modelsFor(client, ctx, state);
  const fn = models.flatMap((m) => m.functions).find((f) => f.name === target.name && (!target.schema || f.schema === target.schema));
  const returned = fn?.returnsTables.map((name) => tableFor(name, fn.schema, models, ctx)).find((t) => t !== undefined && t.tenantColumns.length > 0);
  const { steps } = stepsFrom(target.call, null);
  const filtered = (column: string) => steps.some((s) => (s.name === 'eq' || s.name === 'in') && stringValue(s.call.arguments[0]) === column);
  let field: string;
  let argument: string | undefined;
  if (fn) {
    argument = fn.args.find((a) => tenantArgument(a, tenantFields));
    const returnedColumn = returned?.tenantColumns[0]?.sqlName ?? fn.returnsColumns.find((c) => tenantArgument(c, tenantFields) === c);
    if (!argument && !returnedColumn) return NONE; // neither takes nor returns a tenant: not tenant data as far as the types say
    if (returnedColumn && filtered(returnedColumn)) return NONE;
    field = argument ? tenantArgument(argument, tenantFields)! : returnedColumn!;
  } else {
    field = mostCommonTenantColumn(models) ?? toSnakeCase(tenantFields[0]);
    if (filtered(field)) return NONE;
  }
  if (isInAdminContext(target.call, ctx.sourceCode)) return NONE;
  const verb = /^(get|list|select|search|find|fetch|count|read|load|query)/i.test(target.name) ? 'reads' : 'changes';
  const param = argument ?? (fn ? undefined : `p_${field}`);
  return [
    {
      kind: 'unscoped',
      node: target.nameNode,
      call: `${clientText(target, ctx.sourceCode)}.rpc('${target.name}')`,
      table: returned?.name ?? `${target.name}()`,
      field,
      verb,
      fix: param ? `rpc('${target.name}', { ..., ${param}: {value} })` : `.eq('${field}', {value})`,
      insert: param ? undefined : { at: target.call.range[1], text: `.eq('${field}', {value})` },
    },
  ];
}

function mostCommonTenantColumn(models: SupabaseModel[]): string | null {
  const counts = new Map<string, number>();
  for (const table of models.flatMap((m) => m.tables)) {
    const column = table.tenantColumns[0]?.sqlName;
    if (column) counts.set(column, (counts.get(column) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [column, count] of counts) if (best === null || count > counts.get(best)!) best = column;
  return best;
}

/** A `.from('table')` query on a Supabase client, for rules that look at its filters and payloads. */
export interface SupabaseQueryTarget {
  client: SupabaseClientInfo;
  table: TableInfo;
  /** Each query the `.from()` starts: its operation and every method chained onto it (filters, modifiers). */
  queries: Array<{ op: string; steps: Array<{ name: string; call: TSESTree.CallExpression }> }>;
}

/** The Supabase queries this `.from()` call starts, with the table they run on; null when it is none or not followable. */
export function supabaseQueryTarget(node: TSESTree.CallExpression, ctx: LayerContext): SupabaseQueryTarget | null {
  const target = targetOf(node);
  if (!target || target.method !== 'from') return null;
  const state = stateOf(ctx);
  const client = clientOf(target.client, ctx, state);
  if (!client) return null;
  const table = tableFor(target.name, target.schema, modelsFor(client, ctx, state), ctx);
  if (!table) return null;
  const queries = queriesOf(target.call, ctx.sourceCode);
  if (!queries) return null;
  return { client, table, queries: queries.map((q) => ({ op: q.op.name, steps: q.steps.map((s) => ({ name: s.name, call: s.call })) })) };
}

export const supabaseLayer: DataLayer = {
  name: 'supabase',
  CallExpression(node, ctx) {
    const target = targetOf(node);
    if (!target) return NONE;
    const state = stateOf(ctx);
    const client = clientOf(target.client, ctx, state);
    if (!client || (client.kind === 'user' && !ctx.requireFilterWithRls)) return NONE;
    const check: Check = { ctx, state };
    return target.method === 'from' ? checkFrom(target, client, check) : checkRpc(target, client, check);
  },
};
