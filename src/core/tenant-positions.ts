/**
 * Tenant positions: the places in a query where a value decides whose rows are read or written — a Prisma
 * `where`/`data` tenant field or `connect` to the tenant, a Drizzle `eq(t.teamId, v)` or `.values({ teamId })`,
 * a Supabase `.eq('account_id', v)` or insert payload, and the `customer` of a Stripe call that acts for a
 * customer. Whoever controls the value there controls the tenant. The recognisers are the data layers' own
 * (Prisma client and model, Drizzle tables, Supabase clients and types), so a position is only ever reported on a
 * query the other rules would also recognise.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, memberName, propertyKeyName, resolveValue, unwrap, type Node } from './ast.js';
import type { LayerContext } from './data-layers.js';
import { resolveDrizzleTable } from './drizzle.js';
import { CREATE_OPERATIONS, FILTERING_OPERATIONS, matchPrismaQuery, WRITE_OPERATIONS, type PrismaQuery } from './prisma-client.js';
import { supabaseQueryTarget } from './supabase.js';
import type { TableInfo } from './tables.js';
import { relationTarget, type ModelInfo, type TenantModel } from './tenant-model.js';

export interface TenantPosition {
  layer: 'prisma' | 'drizzle' | 'supabase' | 'stripe';
  /** The value placed in the tenant position. */
  value: Node;
  /** The property that holds it, when in an object (`{ accountId }` needs a different suggestion than `{ accountId: x }`). */
  property?: TSESTree.Property;
  /** The tenant field as this layer spells it (`accountId`, `team_id`, `customer`). */
  field: string;
  /** The model or table (`Invoice`, `invoices`), or what a Stripe call acts on (`billing portal session`). */
  table: string;
  /** The query as the message shows it. */
  call: string;
  /** A filter (which rows are read or changed) or a write (which tenant a row is given to). */
  role: 'filter' | 'write';
  /** The other conditions of the same filter: one from the session confines the query to the signed-in user anyway. */
  siblings: Node[];
  /** The query call: guards must run before it. */
  at: TSESTree.CallExpression;
}

/** `data: { ...body }`: an object from elsewhere spread into a tenant-owned write or filter, which may carry the tenant field. */
export interface SpreadPosition {
  layer: TenantPosition['layer'];
  spread: TSESTree.SpreadElement | Node;
  field: string;
  table: string;
  call: string;
  role: 'filter' | 'write';
  /** The tenant field set explicitly before the spread, which the spread can then override (null: not set at all). */
  overrides: TSESTree.Property | null;
  at: TSESTree.CallExpression;
}

export interface Positions {
  values: TenantPosition[];
  spreads: SpreadPosition[];
}

const NONE: Positions = { values: [], spreads: [] };

const PRISMA_OPERATIONS: ReadonlySet<string> = new Set([...FILTERING_OPERATIONS, ...CREATE_OPERATIONS]);
/** Roots whose single rows are often public by design (a profile page): only writes to them by a browser id count. */
const USER_ROOT = /^(User|Users|Profile|Member|Person)$/;

function propertiesOf(node: Node | undefined, ctx: LayerContext): TSESTree.ObjectExpression | null {
  if (!node) return null;
  const value = resolveValue(ctx.sourceCode, node);
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
}

function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === key);
}

function textOf(node: Node, ctx: LayerContext): string {
  return ctx.sourceCode.getText(node as TSESTree.Node);
}

// ---------------------------------------------------------------------------------------------------------------
// Prisma

function prismaPositions(call: TSESTree.CallExpression, ctx: LayerContext): Positions {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || !PRISMA_OPERATIONS.has(memberName(call.callee) ?? '')) return NONE;
  const tenant = ctx.prisma();
  if (tenant.models.size === 0) return NONE;
  const query = matchPrismaQuery(call, tenant, { sourceCode: ctx.sourceCode, filename: ctx.filename, extraClientNames: ctx.settings.prismaClientNames, types: ctx.types }, PRISMA_OPERATIONS);
  if (!query) return NONE;
  const args = propertiesOf(query.args, ctx);
  if (!args) return NONE;
  const out: Positions = { values: [], spreads: [] };
  const label = `${textOf(query.delegate, ctx)}.${query.operation}()`;
  const where = property(args, 'where');
  if (where) prismaWhere(where.value, query, tenant, label, ctx, out);
  for (const key of ['data', 'create', 'update']) {
    const data = property(args, key);
    if (!data) continue;
    const value = unwrap(data.value);
    const rows = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [data.value];
    for (const row of rows) if (row && row.type !== AST_NODE_TYPES.SpreadElement) prismaData(row, query, tenant, label, ctx, out);
  }
  return out;
}

function tenantKeysOf(model: ModelInfo): string[] {
  return model.isRoot && model.tenantFields.length === 0 ? ['id'] : model.tenantFields;
}

function prismaWhere(node: Node, query: PrismaQuery, tenant: TenantModel, call: string, ctx: LayerContext, out: Positions): void {
  const where = propertiesOf(node, ctx);
  if (!where) return;
  const model = query.model;
  const rootRead = model.isRoot && model.tenantFields.length === 0;
  // A profile looked up by id is often public; a team or account by an id from the URL is the tenant itself.
  if (rootRead && USER_ROOT.test(model.name) && !WRITE_OPERATIONS.has(query.operation)) return;
  const keys = tenantKeysOf(model);
  const siblingsOf = (prop: TSESTree.Property) =>
    where.properties.filter((p) => p !== prop).map((p) => (p.type === AST_NODE_TYPES.Property ? p.value : p.argument));
  let explicit: TSESTree.Property | null = null;
  for (const prop of where.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      out.spreads.push({ layer: 'prisma', spread: prop, field: (explicit && propertyKeyName(explicit)) ?? keys[0] ?? 'id', table: model.name, call, role: 'filter', overrides: explicit, at: query.call });
      continue;
    }
    const key = propertyKeyName(prop);
    if (!key) continue;
    if (keys.includes(key)) {
      explicit = prop;
      const value = filterValue(prop.value);
      if (value) out.values.push({ layer: 'prisma', value, property: prop, field: key, table: model.name, call, role: 'filter', siblings: siblingsOf(prop), at: query.call });
    } else if (key === 'AND') {
      const inner = unwrap(prop.value);
      const parts = inner.type === AST_NODE_TYPES.ArrayExpression ? inner.elements : [prop.value];
      for (const part of parts) if (part && part.type !== AST_NODE_TYPES.SpreadElement) prismaWhere(part, query, tenant, call, ctx, out);
    }
  }
  dropOverriddenSpreads(out, where, explicit);
}

/** `accountId: v`, `accountId: { equals: v }`, `accountId: { in: [v] }`: the value being matched. */
function filterValue(node: Node): Node | null {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.ObjectExpression) return value;
  const equals = property(value, 'equals') ?? property(value, 'in');
  return equals ? equals.value : null;
}

function prismaData(node: Node, query: PrismaQuery, tenant: TenantModel, call: string, ctx: LayerContext, out: Positions): void {
  const data = propertiesOf(node, ctx);
  const model = query.model;
  if (!data) {
    // `data: body`: a whole object from elsewhere becomes the row, with whatever tenant field it carries.
    if (model.tenantFields.length > 0 && unwrap(node).type !== AST_NODE_TYPES.ObjectExpression) {
      out.spreads.push({ layer: 'prisma', spread: node, field: model.tenantFields[0]!, table: model.name, call, role: 'write', overrides: null, at: query.call });
    }
    return;
  }
  let explicit: TSESTree.Property | null = null;
  for (const prop of data.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      if (model.tenantFields.length === 0) continue;
      out.spreads.push({ layer: 'prisma', spread: prop, field: explicit ? (propertyKeyName(explicit) ?? model.tenantFields[0]!) : model.tenantFields[0]!, table: model.name, call, role: 'write', overrides: explicit, at: query.call });
      continue;
    }
    const key = propertyKeyName(prop);
    if (!key) continue;
    if (model.tenantFields.includes(key)) {
      explicit = prop;
      const value = unwrap(prop.value);
      // `accountId: { set: v }` in updates
      const set = value.type === AST_NODE_TYPES.ObjectExpression ? property(value, 'set')?.value : prop.value;
      if (set) out.values.push({ layer: 'prisma', value: set, property: prop, field: key, table: model.name, call, role: 'write', siblings: [], at: query.call });
      continue;
    }
    // `account: { connect: { id: v } }` to the tenant
    const relation = relationTarget(tenant, model, key);
    if (!relation || relation.isList || !relation.model.isRoot) continue;
    const connect = propertiesOf(prop.value, ctx);
    const target = connect && propertiesOf(property(connect, 'connect')?.value, ctx);
    const id = target && property(target, 'id');
    if (id) {
      explicit = prop;
      out.values.push({ layer: 'prisma', value: id.value, property: id, field: `${key}.connect.id`, table: model.name, call, role: 'write', siblings: [], at: query.call });
    }
  }
  dropOverriddenSpreads(out, data, explicit);
}

/** `{ ...body, accountId }`: a tenant field set after a spread wins over whatever the spread carried. */
function dropOverriddenSpreads(out: Positions, object: TSESTree.ObjectExpression, lastExplicit: TSESTree.Property | null): void {
  if (!lastExplicit) return;
  out.spreads = out.spreads.filter((s) => !(s.overrides === null && object.properties.includes(s.spread as TSESTree.SpreadElement) && s.spread.range[0] < lastExplicit.range[0]));
}

// ---------------------------------------------------------------------------------------------------------------
// Drizzle

const DRIZZLE_FILTERS = new Set(['eq', 'inArray']);

function drizzleColumn(node: Node, ctx: LayerContext): { table: TableInfo; column: string } | null {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.MemberExpression) return null;
  const column = memberName(value);
  if (!column) return null;
  const table = resolveDrizzleTable(value.object, ctx);
  if (!table || !table.tenantColumns.some((c) => c.key === column)) return null;
  return { table, column };
}

function drizzlePositions(call: TSESTree.CallExpression, ctx: LayerContext): Positions {
  const name = calleeName(call);
  if (!name || (!DRIZZLE_FILTERS.has(name) && name !== 'values' && name !== 'set')) return NONE;
  if (DRIZZLE_FILTERS.has(name) && call.callee.type === AST_NODE_TYPES.Identifier && call.arguments.length === 2) {
    const column = drizzleColumn(call.arguments[0]!, ctx);
    if (!column) return NONE;
    const parent = call.parent;
    const siblings =
      parent?.type === AST_NODE_TYPES.CallExpression && calleeName(parent) === 'and' ? parent.arguments.filter((a) => a !== call) : [];
    return {
      values: [{ layer: 'drizzle', value: call.arguments[1]!, field: column.column, table: column.table.name, call: `${name}(${textOf(call.arguments[0]!, ctx)}, …)`, role: 'filter', siblings, at: call }],
      spreads: [],
    };
  }
  if ((name === 'values' || name === 'set') && call.callee.type === AST_NODE_TYPES.MemberExpression) {
    const builder = unwrap(call.callee.object);
    if (builder.type !== AST_NODE_TYPES.CallExpression || builder.callee.type !== AST_NODE_TYPES.MemberExpression) return NONE;
    const verb = memberName(builder.callee);
    if ((name === 'values' && verb !== 'insert') || (name === 'set' && verb !== 'update')) return NONE;
    const table = builder.arguments[0] && resolveDrizzleTable(builder.arguments[0], ctx);
    if (!table || table.tenantColumns.length === 0) return NONE;
    const label = `db.${verb}(${textOf(builder.arguments[0]!, ctx)}).${name}()`;
    const first = unwrap(call.arguments[0] ?? call);
    const rows = first.type === AST_NODE_TYPES.ArrayExpression ? first.elements : [call.arguments[0]];
    const out: Positions = { values: [], spreads: [] };
    for (const row of rows) {
      if (!row || row.type === AST_NODE_TYPES.SpreadElement) continue;
      objectWrite(row, table, (c) => c.key, 'drizzle', label, call, ctx, out);
    }
    return out;
  }
  return NONE;
}

/** A row object written to a table: its tenant columns are write positions, its spreads may carry one. */
function objectWrite(
  row: Node,
  table: TableInfo,
  keyOf: (c: TableInfo['tenantColumns'][number]) => string,
  layer: TenantPosition['layer'],
  call: string,
  at: TSESTree.CallExpression,
  ctx: LayerContext,
  out: Positions,
): void {
  const object = propertiesOf(row, ctx);
  const columns = table.tenantColumns.map(keyOf);
  if (!object) {
    out.spreads.push({ layer, spread: row, field: columns[0]!, table: table.name, call, role: 'write', overrides: null, at });
    return;
  }
  let explicit: TSESTree.Property | null = null;
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      out.spreads.push({ layer, spread: prop, field: explicit ? (propertyKeyName(explicit) ?? columns[0]!) : columns[0]!, table: table.name, call, role: 'write', overrides: explicit, at });
      continue;
    }
    const key = propertyKeyName(prop);
    if (key && columns.includes(key)) {
      explicit = prop;
      out.values.push({ layer, value: prop.value, property: prop, field: key, table: table.name, call, role: 'write', siblings: [], at });
    }
  }
  dropOverriddenSpreads(out, object, explicit);
}

// ---------------------------------------------------------------------------------------------------------------
// Supabase

const SUPABASE_PAYLOADS = new Set(['insert', 'update', 'upsert']);

function supabasePositions(call: TSESTree.CallExpression, ctx: LayerContext): Positions {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || memberName(call.callee) !== 'from') return NONE;
  const target = supabaseQueryTarget(call, ctx);
  if (!target || target.table.tenantColumns.length === 0) return NONE;
  // Under Row Level Security the database itself refuses another tenant's rows; a browser value there is harmless.
  if (target.client.kind === 'user' && !ctx.requireFilterWithRls) return NONE;
  const table = target.table;
  const columns = new Set(table.tenantColumns.flatMap((c) => [c.sqlName, c.key]));
  const out: Positions = { values: [], spreads: [] };
  for (const query of target.queries) {
    const label = `.from('${table.sqlName}').${query.op}()`;
    const filters: Array<{ column: string; value: Node; call: TSESTree.CallExpression }> = [];
    for (const step of query.steps) {
      const args = step.call.arguments;
      const column = args[0] && unwrap(args[0]).type === AST_NODE_TYPES.Literal ? String((unwrap(args[0]) as TSESTree.Literal).value) : null;
      if ((step.name === 'eq' || step.name === 'in') && column && args[1]) filters.push({ column, value: args[1], call: step.call });
      else if (step.name === 'filter' && column && args[2]) filters.push({ column, value: args[2], call: step.call });
      else if (step.name === 'match') {
        const object = propertiesOf(args[0], ctx);
        for (const prop of object?.properties ?? []) {
          const key = prop.type === AST_NODE_TYPES.Property ? propertyKeyName(prop) : null;
          if (key && prop.type === AST_NODE_TYPES.Property) filters.push({ column: key, value: prop.value, call: step.call });
        }
      } else if (SUPABASE_PAYLOADS.has(step.name) && args[0]) {
        const first = unwrap(args[0]);
        const rows = first.type === AST_NODE_TYPES.ArrayExpression ? first.elements : [args[0]];
        for (const row of rows) if (row && row.type !== AST_NODE_TYPES.SpreadElement) objectWrite(row, table, (c) => c.sqlName, 'supabase', label, step.call, ctx, out);
      }
    }
    for (const filter of filters) {
      if (!columns.has(filter.column)) continue;
      const siblings = filters.filter((f) => f !== filter).map((f) => f.value);
      out.values.push({ layer: 'supabase', value: filter.value, field: filter.column, table: table.name, call: label, role: 'filter', siblings, at: filter.call });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Stripe

/** Stripe methods that act for the customer (or on the subscription) their argument names. */
const STRIPE_CUSTOMER_PARAM: Record<string, string> = {
  'billingPortal.sessions.create': "open another customer's billing portal",
  'checkout.sessions.create': 'check out as another customer',
  'customerSessions.create': "open another customer's session",
  'subscriptions.list': "list another customer's subscriptions",
  'subscriptions.create': 'subscribe another customer',
  'invoices.list': "list another customer's invoices",
  'invoices.createPreview': "preview another customer's invoices",
  'paymentMethods.list': "list another customer's payment methods",
  'setupIntents.create': "attach a card to another customer",
};
const STRIPE_ID_ARGUMENT: Record<string, { field: string; action: string }> = {
  'customers.retrieve': { field: 'customer', action: 'read another customer' },
  'customers.update': { field: 'customer', action: 'change another customer' },
  'customers.del': { field: 'customer', action: 'delete another customer' },
  'customers.listPaymentMethods': { field: 'customer', action: "list another customer's payment methods" },
  'subscriptions.retrieve': { field: 'subscription', action: "read another customer's subscription" },
  'subscriptions.update': { field: 'subscription', action: "change another customer's subscription" },
  'subscriptions.cancel': { field: 'subscription', action: "cancel another customer's subscription" },
  'subscriptions.del': { field: 'subscription', action: "cancel another customer's subscription" },
};

/** `stripe.billingPortal.sessions.create`: the member path after the client, and the client expression. */
/** The last names of the methods above: a cheap first test, run on every call before any path is built. */
const STRIPE_METHODS = new Set(['create', 'list', 'retrieve', 'update', 'del', 'cancel', 'listPaymentMethods', 'createPreview']);

function stripePath(call: TSESTree.CallExpression): { path: string; client: Node } | null {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression || !STRIPE_METHODS.has(memberName(call.callee) ?? '')) return null;
  const parts: string[] = [];
  let current: Node = unwrap(call.callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    if (!name) return null;
    parts.unshift(name);
    current = unwrap(current.object);
  }
  if (parts.length < 2 || parts.length > 3) return null;
  return { path: parts.join('.'), client: current };
}

/** A Stripe client by evidence: `new Stripe(…)`, an import of one, or a binding named for it. */
function isStripeClient(node: Node, ctx: LayerContext): boolean {
  const value = unwrap(node);
  const names = ctx.types.typeNames(value);
  if (names && names.length > 0) return names.includes('Stripe');
  if (value.type === AST_NODE_TYPES.NewExpression) return calleeName(value) === 'Stripe';
  if (value.type === AST_NODE_TYPES.CallExpression) return /stripe/i.test(calleeName(value) ?? '');
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  if (/^stripe(Client)?$/i.test(value.name)) return true;
  const def = findVariable(ctx.sourceCode, value)?.defs[0];
  if (def?.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    return init ? unwrap(init).type === AST_NODE_TYPES.NewExpression && calleeName(unwrap(init) as TSESTree.NewExpression) === 'Stripe' : false;
  }
  return false;
}

function stripePositions(call: TSESTree.CallExpression, ctx: LayerContext): Positions {
  const found = stripePath(call);
  if (!found) return NONE;
  const customerAction = STRIPE_CUSTOMER_PARAM[found.path];
  const idAction = STRIPE_ID_ARGUMENT[found.path];
  if (!customerAction && !idAction) return NONE;
  if (!isStripeClient(found.client, ctx)) return NONE;
  const label = `${textOf(found.client, ctx)}.${found.path}()`;
  if (idAction) {
    const arg = call.arguments[0];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return NONE;
    return { values: [{ layer: 'stripe', value: arg, field: idAction.field, table: idAction.action, call: label, role: 'filter', siblings: [], at: call }], spreads: [] };
  }
  const params = propertiesOf(call.arguments[0], ctx);
  const customer = params && property(params, 'customer');
  if (!customer) return NONE;
  return { values: [{ layer: 'stripe', value: customer.value, property: customer, field: 'customer', table: customerAction!, call: label, role: 'filter', siblings: [], at: call }], spreads: [] };
}

const LAYERS = [prismaPositions, drizzlePositions, supabasePositions, stripePositions];

/** Every tenant position this call makes, in every layer. Runs on every call: allocates nothing when there is none. */
export function tenantPositions(call: TSESTree.CallExpression, ctx: LayerContext): Positions {
  let found: Positions | null = null;
  for (const layer of LAYERS) {
    const positions = layer(call, ctx);
    if (positions === NONE) continue;
    if (!found) found = { values: [...positions.values], spreads: [...positions.spreads] };
    else {
      found.values.push(...positions.values);
      found.spreads.push(...positions.spreads);
    }
  }
  return found ?? NONE;
}

const CONNECT = '.connect.id';

/**
 * The session value a position wants: `accountId` for `accountId`, for `account: { connect: { id } }` and for the
 * Account's own `id` (the rule's message and suggestion, and the session-scope codemod, ask for this field).
 */
export function sessionFieldOf(position: Pick<TenantPosition, 'field' | 'table'>): string {
  if (position.field.endsWith(CONNECT)) return `${position.field.slice(0, -CONNECT.length)}Id`;
  if (position.field === 'id') return `${position.table.charAt(0).toLowerCase()}${position.table.slice(1)}Id`;
  return position.field;
}
