/**
 * Recognising Stripe in a Next.js app: the server-side Stripe client, Stripe events and the objects they carry,
 * the email fields of those objects, and the database calls a webhook makes with them. Shared by
 * `no-stripe-email-lookup` and `require-webhook-verification`.
 *
 * - **The client**: a `new Stripe(key)` (or `require('stripe')(key)`) binding, a function that returns one
 *   (`getStripe()`, lazy singletons), an import of either from a module that constructs one (read through
 *   `modules.ts`), a value typed `Stripe` — and with `parserOptions.projectService`, any value whose type is the
 *   `Stripe` class. Only where evidence runs out (an import that does not resolve, `ctx.stripe`) does a name with
 *   `stripe` in it decide; `loadStripe()` (Stripe.js, the browser library) is never a client.
 * - **An event**: a value built by `stripe.webhooks.constructEvent(Async)` (or fetched back with
 *   `stripe.events.retrieve`), a binding typed `Stripe.Event`, or one whose `.type` the code compares with Stripe event
 *   names: Stripe-only ones (`'checkout.session.completed'`, `'payment_intent.succeeded'`) anywhere, names other
 *   providers share (`'customer.created'`, `'invoice.paid'`) only in a file that mentions Stripe.
 * - **A Stripe object**: `event.data.object`, a value typed or cast to a `Stripe.*` type, the result of a Stripe API
 *   call (`await stripe.checkout.sessions.retrieve(id)`).
 * - **Its email fields**: `customer_email`, `customer_details.email`, `receipt_email`, `billing_details.email`,
 *   `customer.email` (an expanded customer) and a customer object's own `email`; never `metadata.*`, which the
 *   server wrote. Values are followed through `const` bindings, destructuring and light transformations
 *   (`?.`, `??`, `.toLowerCase()`, `String(x)`).
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, isFunction, memberName, propertyKeyName, resolveValue, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import type { LayerContext } from './data-layers.js';
import { isDrizzleDatabase } from './drizzle.js';
import { moduleMatches, resolveImport } from './modules.js';
import { isPrismaClient, looksLikePrismaCall, type ClientContext } from './prisma-client.js';
import { fileLookup, supabaseClientOf, type Lookup } from './supabase-client.js';
import { createLayerContext } from './layer-context.js';
import { readSettings } from './settings.js';
import { createTypeHelper, type TypeHelper } from './types.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Variable = TSESLint.Scope.Variable;

export interface StripeContext {
  sourceCode: SourceCode;
  filename: string;
  /** Type information (answers `null` without `parserOptions.projectService`). */
  types: TypeHelper;
  /** Extra names Prisma clients go by (`settings['tenant-guard'].prismaClientNames`). */
  prismaClientNames: readonly string[];
  /** The data-layer context, built on first use (Drizzle receivers are judged with it). */
  layer: () => LayerContext;
}

/** The StripeContext of a rule: types and the data-layer context are built once per file, on first use. */
export function createStripeContext(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): StripeContext {
  let layer: LayerContext | undefined;
  return {
    sourceCode: context.sourceCode,
    filename: context.filename,
    types: createTypeHelper(context),
    prismaClientNames: readSettings(context.settings).prismaClientNames,
    layer: () =>
      (layer ??= createLayerContext(context, {
        accessCheckFunctions: [],
        inAuthFlow: false,
        reportHelperLookups: false,
        requireFilterWithRls: false,
        reportUnparsableSql: false,
      })),
  };
}

const caches = new WeakMap<SourceCode, { events: Map<Variable, EventEvidence | null>; clients: Map<Node, boolean>; lookup?: Lookup; mentions?: boolean }>();

function cacheOf(ctx: StripeContext) {
  let cache = caches.get(ctx.sourceCode);
  if (!cache) caches.set(ctx.sourceCode, (cache = { events: new Map(), clients: new Map() }));
  return cache;
}

/**
 * Does the file say "stripe" anywhere (an import, a type, a client)? Event names alone are not Stripe's: Paddle,
 * Polar and Clerk send `customer.created` too.
 */
export function fileMentionsStripe(ctx: StripeContext): boolean {
  const cache = cacheOf(ctx);
  return (cache.mentions ??= /stripe/i.test(ctx.sourceCode.text));
}

// ---------------------------------------------------------------------------------------------------------------
// The client

const MAKES_STRIPE = /\bnew\s+Stripe\s*\(|require\(\s*['"]stripe['"]\s*\)\s*\(/;
const STRIPE_NAME = /stripe/i;
/** Stripe.js and React Stripe.js run in the browser and have no server API. */
const BROWSER_STRIPE = /^(loadStripe|useStripe|useElements|getStripeJs)$/;

function isStripeByName(name: string): boolean {
  return STRIPE_NAME.test(name) && !BROWSER_STRIPE.test(name);
}

/** `import Stripe from 'stripe'` (default, namespace or named `Stripe`), or an unresolved `Stripe`. */
function isStripeClassName(id: TSESTree.Identifier, sourceCode: SourceCode): boolean {
  const def = findVariable(sourceCode, id)?.defs[0];
  if (!def) return id.name === 'Stripe';
  if (def.type === 'ImportBinding') return (def.parent as TSESTree.ImportDeclaration).source.value === 'stripe';
  if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    return init !== null && init !== undefined && isRequireStripe(unwrap(init));
  }
  return false;
}

function isRequireStripe(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.CallExpression &&
    node.callee.type === AST_NODE_TYPES.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    node.arguments[0].value === 'stripe'
  );
}

/** Is this type annotation the `Stripe` client class (`Stripe`, `Stripe | null`)? */
function isStripeClassType(type: TSESTree.TypeNode | undefined, sourceCode: SourceCode): boolean {
  if (!type) return false;
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types.some((t) => isStripeClassType(t, sourceCode));
  return type.type === AST_NODE_TYPES.TSTypeReference && type.typeName.type === AST_NODE_TYPES.Identifier && isStripeClassName(type.typeName, sourceCode);
}

function annotationOf(node: Node): TSESTree.TypeNode | undefined {
  return (node as TSESTree.Identifier).typeAnnotation?.typeAnnotation;
}

/** Is this expression a server-side Stripe client? */
export function isStripeClient(node: Node, ctx: StripeContext): boolean {
  const cache = cacheOf(ctx).clients;
  let known = cache.get(node);
  if (known === undefined) {
    const names = ctx.types.typeNames(node);
    known = names && names.length > 0 ? names.includes('Stripe') : clientByEvidence(node, ctx, 0);
    cache.set(node, known);
  }
  return known;
}

function clientByEvidence(node: Node, ctx: StripeContext, depth: number): boolean {
  if (depth > 6) return false;
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) return isStripeClassName(callee, ctx.sourceCode);
      return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'Stripe';
    }
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(value.callee);
      if (isRequireStripe(callee)) return true; // require('stripe')(key)
      return functionReturnsClient(callee, ctx, depth);
    }
    case AST_NODE_TYPES.AwaitExpression:
      return clientByEvidence(value.argument, ctx, depth + 1);
    case AST_NODE_TYPES.LogicalExpression:
      return clientByEvidence(value.left, ctx, depth + 1) || clientByEvidence(value.right, ctx, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return clientByEvidence(value.consequent, ctx, depth + 1) || clientByEvidence(value.alternate, ctx, depth + 1);
    case AST_NODE_TYPES.MemberExpression: {
      const name = memberName(value); // `ctx.stripe`, `this.stripe`
      return name !== null && isStripeByName(name);
    }
    case AST_NODE_TYPES.Identifier:
      return identifierIsClient(value, ctx, depth);
    default:
      return false;
  }
}

function identifierIsClient(id: TSESTree.Identifier, ctx: StripeContext, depth: number): boolean {
  const variable = findVariable(ctx.sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || !def) return isStripeByName(id.name);
  switch (def.type) {
    case 'Variable': {
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) return isStripeByName(id.name); // `const { stripe } = ctx`
      if (isStripeClassType(annotationOf(declarator.id), ctx.sourceCode)) return true;
      // `let stripe = null; … stripe = new Stripe(key)`: any value it is given.
      for (const ref of variable.references) {
        if (ref.writeExpr && clientByEvidence(ref.writeExpr, ctx, depth + 1)) return true;
      }
      const init = declarator.init ? unwrap(declarator.init) : null;
      const opaque = !init || init.type === AST_NODE_TYPES.CallExpression || init.type === AST_NODE_TYPES.AwaitExpression || init.type === AST_NODE_TYPES.MemberExpression;
      return opaque && isStripeByName(id.name);
    }
    case 'ImportBinding': {
      const source = (def.parent as TSESTree.ImportDeclaration).source.value;
      if (source === 'stripe' || source.startsWith('@stripe/')) return false; // the class itself, or Stripe.js
      const file = resolveImport(source, ctx.filename);
      if (file && moduleMatches(file, MAKES_STRIPE)) return true;
      return isStripeByName(id.name);
    }
    case 'Parameter':
      return isStripeClassType(annotationOf(def.name), ctx.sourceCode) || isStripeByName(id.name);
    default:
      return false;
  }
}

/** `getStripe()`, `stripeInstance()`: a function that returns a client, in this file or in a module that makes one. */
function functionReturnsClient(callee: Node, ctx: StripeContext, depth: number): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(callee);
    return name !== null && isStripeByName(name);
  }
  if (callee.type !== AST_NODE_TYPES.Identifier || BROWSER_STRIPE.test(callee.name)) return false;
  const def = findVariable(ctx.sourceCode, callee)?.defs[0];
  if (!def) return isStripeByName(callee.name);
  let fn: Node | null | undefined = null;
  if (def.type === 'FunctionName') fn = def.node as Node;
  else if (def.type === 'Variable') fn = (def.node as TSESTree.VariableDeclarator).init;
  else if (def.type === 'ImportBinding') {
    const source = (def.parent as TSESTree.ImportDeclaration).source.value;
    if (source === 'stripe' || source.startsWith('@stripe/')) return false;
    const file = resolveImport(source, ctx.filename);
    if (file && moduleMatches(file, MAKES_STRIPE)) return true;
    return isStripeByName(callee.name);
  }
  fn = fn ? unwrap(fn) : null;
  if (!fn || !isFunction(fn)) return isStripeByName(callee.name);
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return clientByEvidence(fn.body, ctx, depth + 1);
  let found = false;
  walk(
    fn.body,
    (n) => {
      if (n.type === AST_NODE_TYPES.ReturnStatement && n.argument && clientByEvidence(n.argument, ctx, depth + 1)) found = true;
      return found;
    },
    { skipFunctions: true },
  );
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// Stripe API calls

/** Top-level resources of the Stripe client: what keeps `db.customers.list()` or `api.events.retrieve()` out. */
const RESOURCES = new Set([
  'accounts', 'balanceTransactions', 'billing', 'billingPortal', 'charges', 'checkout', 'coupons', 'creditNotes',
  'customers', 'disputes', 'entitlements', 'events', 'files', 'invoiceItems', 'invoices', 'paymentIntents',
  'paymentLinks', 'paymentMethods', 'payouts', 'prices', 'products', 'promotionCodes', 'quotes', 'refunds',
  'setupIntents', 'subscriptionItems', 'subscriptionSchedules', 'subscriptions', 'tax', 'taxRates', 'transfers',
]);

export interface StripeApiCall {
  call: TSESTree.CallExpression;
  client: Node;
  /** `['checkout', 'sessions']` */
  resource: string[];
  /** `retrieve` */
  method: string;
}

/** `stripe.checkout.sessions.retrieve(id)` → its parts, when the receiver is a Stripe client. */
export function stripeApiCall(node: Node, ctx: StripeContext): StripeApiCall | null {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(call.callee);
  if (!method) return null;
  const resource: string[] = [];
  let object = unwrap(call.callee.object);
  while (object.type === AST_NODE_TYPES.MemberExpression && resource.length < 3) {
    const name = memberName(object);
    if (!name) return null;
    resource.unshift(name);
    if (RESOURCES.has(name)) {
      const client = unwrap(object.object);
      return isStripeClient(client, ctx) ? { call, client, resource, method } : null;
    }
    object = unwrap(object.object);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

/** Prefixes of Stripe's event types (`checkout.session.completed`, `invoice.paid`, `customer.subscription.updated`). */
const STRIPE_EVENT_TYPE =
  /^(account|application_fee|balance|billing|billing_portal|capability|cash_balance|charge|checkout|climate|coupon|credit_note|customer|customer_cash_balance_transaction|entitlements|file|financial_connections|identity|invoice|invoiceitem|invoice_payment|issuing_[a-z_]+|mandate|payment_intent|payment_link|payment_method|payout|person|plan|price|product|promotion_code|quote|radar|refund|reporting|review|setup_intent|sigma|source|subscription_schedule|tax|tax_rate|terminal|test_helpers|topup|transfer|treasury)\.[a-z_]+(\.[a-z_]+)*$/;

export function isStripeEventType(value: unknown): boolean {
  return typeof value === 'string' && STRIPE_EVENT_TYPE.test(value);
}

/**
 * Stripe event names no other provider sends: three segments (`checkout.session.completed`,
 * `customer.subscription.updated`) or Stripe's snake_case objects (`payment_intent.succeeded`,
 * `invoice.payment_failed`). Two-segment names (`customer.created`, `invoice.paid`) are Stripe's only in a file that
 * says Stripe.
 */
export function isDistinctStripeEventType(value: unknown): boolean {
  return isStripeEventType(value) && ((value as string).split('.').length >= 3 || (value as string).includes('_'));
}

/** Text that shows a file handles Stripe: the word, or a Stripe-only event name. Cheap pre-filter for the rules. */
export const STRIPE_TEXT = /stripe|checkout\.session\.|customer\.subscription\.|payment_intent\.|setup_intent\.|invoice\.payment_/i;

/** Calls that check a webhook's signature and return the event. */
const VERIFYING = /^(constructEvent|constructEventAsync|parseThinEvent|parseEventNotification)$/;

/** `stripe.webhooks.constructEvent(body, sig, secret)` (and the async / thin-event forms). */
export function isVerificationCall(node: Node): boolean {
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && VERIFYING.test(memberName(node.callee) ?? '');
}

/** Does this expression (not looking into functions) verify a signature, or fetch the event back from Stripe? */
export function verifiesOrFetches(node: Node, ctx: StripeContext): 'verified' | 'fetched' | null {
  let result: 'verified' | 'fetched' | null = null;
  walk(
    node,
    (n) => {
      if (isVerificationCall(n)) result = 'verified';
      else if (n.type === AST_NODE_TYPES.CallExpression && calleeName(n) === 'retrieve') {
        const api = stripeApiCall(n, ctx);
        if (api && api.resource.join('.') === 'events') result = 'fetched';
      }
      return result !== null;
    },
    { skipFunctions: true },
  );
  return result;
}

/**
 * The `Stripe.*` type a type annotation names, without the `Stripe.` prefix (`Checkout.Session`, `Event`), or null.
 * `Stripe` must be the `stripe` package's export (or unresolved, as in a global declaration).
 */
export function stripeTypeName(type: TSESTree.TypeNode | undefined, sourceCode: SourceCode): string | null {
  if (!type) return null;
  if (type.type === AST_NODE_TYPES.TSUnionType) {
    for (const part of type.types) {
      const name = stripeTypeName(part, sourceCode);
      if (name) return name;
    }
    return null;
  }
  if (type.type !== AST_NODE_TYPES.TSTypeReference) return null;
  const parts: string[] = [];
  let name: TSESTree.EntityName = type.typeName;
  while (name.type === AST_NODE_TYPES.TSQualifiedName) {
    parts.unshift(name.right.name);
    name = name.left;
  }
  if (name.type !== AST_NODE_TYPES.Identifier || parts.length === 0 || !isStripeClassName(name, sourceCode)) return null;
  return parts.join('.');
}

function isEventTypeName(name: string | null): boolean {
  return name !== null && /^(Event|DiscriminatedEvent|ThinEvent|\w+Event)$/.test(name);
}

export type EventEvidence = 'verified' | 'fetched' | 'typed' | 'dispatched' | 'data-object';

/**
 * Why this variable holds a Stripe event, or null. `verified`/`fetched`: one of its values came from
 * `constructEvent` / `stripe.events.retrieve`; `typed`: it is declared `Stripe.Event` (or cast to it); `dispatched`:
 * the code compares its `.type` with Stripe event names; `data-object`: it reads `.data.object` in a Stripe file.
 */
export function eventEvidence(variable: Variable, ctx: StripeContext): EventEvidence | null {
  const cache = cacheOf(ctx).events;
  if (cache.has(variable)) return cache.get(variable)!;
  cache.set(variable, null); // cycles
  const result = computeEventEvidence(variable, ctx);
  cache.set(variable, result);
  return result;
}

function computeEventEvidence(variable: Variable, ctx: StripeContext): EventEvidence | null {
  const def = variable.defs[0];
  if (!def) return null;
  let fetched = false;
  for (const write of eventWrites(variable)) {
    const source = verifiesOrFetches(write, ctx);
    if (source === 'verified') return 'verified';
    if (source === 'fetched') fetched = true;
  }
  if (fetched) return 'fetched';
  const id = def.name;
  if (isEventTypeName(stripeTypeName(annotationOf(id), ctx.sourceCode))) return 'typed';
  if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    if (init && (init.type === AST_NODE_TYPES.TSAsExpression || init.type === AST_NODE_TYPES.TSSatisfiesExpression) && isEventTypeName(stripeTypeName(init.typeAnnotation, ctx.sourceCode))) {
      return 'typed';
    }
  }
  let dataObject = false;
  for (const ref of variable.references) {
    const parent = ref.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier) {
      const name = memberName(parent);
      if (name === 'type' && isDispatch(parent, ctx)) return 'dispatched';
      if (name === 'data' && parent.parent?.type === AST_NODE_TYPES.MemberExpression && memberName(parent.parent) === 'object') dataObject = true;
    }
  }
  return dataObject && fileMentionsStripe(ctx) ? 'data-object' : null;
}

/** The values a variable is given: its initialiser and later assignments (for destructuring, the object destructured). */
export function eventWrites(variable: Variable): Node[] {
  const writes: Node[] = [];
  const def = variable.defs[0];
  if (def?.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (declarator.init) writes.push(declarator.init);
  }
  for (const ref of variable.references) {
    if (ref.writeExpr && !ref.init && !writes.includes(ref.writeExpr)) writes.push(ref.writeExpr);
  }
  return writes;
}

/** Is this `x.type` (or `type`) compared with a Stripe event name: `===`, `switch`/`case`, `[…].includes(x.type)`? */
function isDispatch(node: Node, ctx: StripeContext): boolean {
  let current: Node = node;
  while (current.parent?.type === AST_NODE_TYPES.ChainExpression || current.parent?.type === AST_NODE_TYPES.TSAsExpression) current = current.parent;
  return current.parent !== undefined && dispatchedValue(current.parent, ctx) === current;
}

/**
 * The value this statement or expression compares with Stripe event names, or null: the discriminant of a `switch`
 * with a `case 'invoice.paid':`, the other side of `=== 'checkout.session.completed'`, the argument of
 * `['invoice.paid', …].includes(x)` / `new Set([...]).has(x)` (also through a `const`).
 */
export function dispatchedValue(node: Node, ctx: StripeContext): Node | null {
  if (node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator)) {
    if (isStripeEventLiteral(node.right, ctx)) return node.left;
    if (isStripeEventLiteral(node.left, ctx)) return node.right;
    return null;
  }
  if (node.type === AST_NODE_TYPES.SwitchStatement) {
    return node.cases.some((c) => c.test !== null && isStripeEventLiteral(c.test, ctx)) ? node.discriminant : null;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 1 && node.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(node.callee);
    if (method !== 'includes' && method !== 'has') return null;
    let list = resolveValue(ctx.sourceCode, node.callee.object);
    if (list.type === AST_NODE_TYPES.NewExpression && list.arguments[0]) list = resolveValue(ctx.sourceCode, list.arguments[0]);
    const listed = list.type === AST_NODE_TYPES.ArrayExpression && list.elements.some((e) => e !== null && isStripeEventLiteral(e, ctx));
    return listed ? (node.arguments[0] as Node) : null;
  }
  return null;
}

function isStripeEventLiteral(node: Node, ctx: StripeContext): boolean {
  const value = unwrap(node);
  let text: unknown = null;
  if (value.type === AST_NODE_TYPES.Literal) text = value.value;
  else if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) text = value.quasis[0].value.cooked;
  return isDistinctStripeEventType(text) || (isStripeEventType(text) && fileMentionsStripe(ctx));
}

// ---------------------------------------------------------------------------------------------------------------
// Stripe objects and their email fields

/** Fields that hold an email on a Stripe object, at the end of a path (`customer_details.email`). */
const EMAIL_FIELDS = new Set(['email', 'customer_email', 'receipt_email']);

interface Flat {
  kind: 'event' | 'object' | 'other';
  /** The member path read from the root: `['data', 'object', 'customer_details', 'email']`. */
  path: string[];
}

/**
 * Follows a value back to what it was read from: member chains, `const` bindings, destructuring, `await`, and the
 * transformations that keep an email an email. Stops at a Stripe event, a Stripe-typed value, a Stripe API result,
 * or anything it cannot follow (`kind: 'other'`).
 */
function flatten(node: Node, ctx: StripeContext, depth = 0): Flat[] {
  if (depth > 8) return [];
  const path: string[] = [];
  let current: Node = node;
  for (let steps = 0; steps < 30; steps++) {
    if ((current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSSatisfiesExpression) && stripeTypeName(current.typeAnnotation, ctx.sourceCode)) {
      return [{ kind: isEventTypeName(stripeTypeName(current.typeAnnotation, ctx.sourceCode)) ? 'event' : 'object', path }];
    }
    const value = unwrap(current);
    switch (value.type) {
      case AST_NODE_TYPES.ChainExpression:
        current = value.expression;
        continue;
      case AST_NODE_TYPES.AwaitExpression:
        current = value.argument;
        continue;
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(value);
        const isIndex = value.computed && value.property.type === AST_NODE_TYPES.Literal && typeof value.property.value === 'number';
        if (!name && !isIndex) return [];
        if (path.length === 0 && name && /^(toLowerCase|toUpperCase|trim|toString|normalize|toLocaleLowerCase)$/.test(name)) return [];
        path.unshift(name ?? '#');
        current = value.object;
        continue;
      }
      case AST_NODE_TYPES.LogicalExpression:
        if (path.length > 0) return [];
        return [...flatten(value.left, ctx, depth + 1), ...flatten(value.right, ctx, depth + 1)];
      case AST_NODE_TYPES.ConditionalExpression:
        if (path.length > 0) return [];
        return [...flatten(value.consequent, ctx, depth + 1), ...flatten(value.alternate, ctx, depth + 1)];
      case AST_NODE_TYPES.TemplateLiteral:
        return path.length === 0 && value.expressions.length === 1 ? flatten(value.expressions[0], ctx, depth + 1) : [];
      case AST_NODE_TYPES.CallExpression: {
        if (path.length === 0) {
          // `email.toLowerCase()`, `String(email)`: still the same email.
          if (value.callee.type === AST_NODE_TYPES.MemberExpression && /^(toLowerCase|toUpperCase|trim|toString|normalize|toLocaleLowerCase)$/.test(memberName(value.callee) ?? '')) {
            current = value.callee.object;
            continue;
          }
          if (value.callee.type === AST_NODE_TYPES.Identifier && value.callee.name === 'String' && value.arguments[0]) {
            current = value.arguments[0];
            continue;
          }
        }
        return [{ kind: stripeApiCall(value, ctx) ? 'object' : 'other', path }];
      }
      case AST_NODE_TYPES.Identifier:
        return flattenIdentifier(value, path, ctx, depth);
      default:
        return [{ kind: 'other', path }];
    }
  }
  return [];
}

function flattenIdentifier(id: TSESTree.Identifier, path: string[], ctx: StripeContext, depth: number): Flat[] {
  const variable = findVariable(ctx.sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || !def) return [{ kind: 'other', path }];
  const evidence = eventEvidence(variable, ctx);
  const typeName = stripeTypeName(annotationOf(def.name), ctx.sourceCode);
  // A destructured binding: `const { customer_details } = session` reads `session.customer_details`.
  const keys = def.type === 'Variable' || def.type === 'Parameter' ? patternPath(def.name) : [];
  if (keys === null) return [];
  if (def.type === 'Parameter') {
    const param = patternRoot(def.name);
    const paramType = stripeTypeName(annotationOf(param), ctx.sourceCode) ?? typeName;
    if (evidence === 'typed' || isEventTypeName(paramType)) return [{ kind: 'event', path: [...keys, ...path] }];
    return [{ kind: paramType ? 'object' : 'other', path: [...keys, ...path] }];
  }
  if (def.type !== 'Variable') return [{ kind: 'other', path }];
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (evidence) return [{ kind: 'event', path: [...keys, ...path] }];
  if (typeName && keys.length === 0) return [{ kind: 'object', path }];
  const declaredType = stripeTypeName(annotationOf(declarator.id), ctx.sourceCode);
  if (declaredType) return [{ kind: isEventTypeName(declaredType) ? 'event' : 'object', path: [...keys, ...path] }];
  const writes = eventWrites(variable);
  if (writes.length !== 1) return [{ kind: 'other', path }];
  // For a destructured declarator, is the destructured object itself an event (`const { data } = event` or
  // `const { type, data } = await req.json()` whose `type` is dispatched on)?
  if (keys.length > 0 && declarator.id.type === AST_NODE_TYPES.ObjectPattern && patternDispatched(declarator.id, ctx)) {
    return [{ kind: 'event', path: [...keys, ...path] }];
  }
  return flatten(writes[0], ctx, depth + 1).map((f) => ({ kind: f.kind, path: [...f.path, ...keys, ...path] }));
}

/** `const { type, data } = …; switch (type)`: the destructured object is a dispatched event. */
function patternDispatched(pattern: TSESTree.ObjectPattern, ctx: StripeContext): boolean {
  for (const prop of pattern.properties) {
    if (prop.type !== AST_NODE_TYPES.Property || propertyKeyName(prop) !== 'type' || prop.value.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = findVariable(ctx.sourceCode, prop.value);
    if (variable && variable.references.some((r) => isDispatch(r.identifier, ctx))) return true;
  }
  return false;
}

/** The keys from the top of a destructuring pattern down to this binding (`{ a: { b } }` → `['a', 'b']`); null for rest/computed. */
function patternPath(id: Node): string[] | null {
  const keys: string[] = [];
  let current: Node = id;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.AssignmentPattern && parent.left === current) continue; // `{ email = '' }`
    if (parent.type === AST_NODE_TYPES.Property && parent.value === current) {
      const key = propertyKeyName(parent);
      if (key === null) return null;
      keys.unshift(key);
      continue;
    }
    if (parent.type === AST_NODE_TYPES.ObjectPattern) continue;
    if (parent.type === AST_NODE_TYPES.ArrayPattern) {
      keys.unshift('#');
      continue;
    }
    if (parent.type === AST_NODE_TYPES.RestElement) return null;
    break;
  }
  return keys;
}

/** The outermost pattern of a destructured parameter (`{ session }: { session: Stripe.Checkout.Session }`). */
function patternRoot(id: Node): Node {
  let current: Node = id;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.Property || current.parent.type === AST_NODE_TYPES.ObjectPattern || current.parent.type === AST_NODE_TYPES.ArrayPattern || current.parent.type === AST_NODE_TYPES.AssignmentPattern) &&
    !isFunction(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

export interface StripeEmail {
  /** The field as read on the Stripe object: `customer_details.email`, `customer_email`. */
  field: string;
}

/** Is this value an email read from a Stripe object (`session.customer_details.email`, through variables)? */
export function stripeEmailOf(node: Node, ctx: StripeContext): StripeEmail | null {
  for (const flat of flatten(node, ctx)) {
    let rest: string[];
    if (flat.kind === 'event') {
      if (flat.path[0] !== 'data' || flat.path[1] !== 'object') continue;
      rest = flat.path.slice(2);
    } else if (flat.kind === 'object') {
      rest = flat.path;
    } else continue;
    rest = rest.filter((k) => k !== '#');
    if (rest[0] === 'data') rest = rest.slice(1); // `(await stripe.customers.list()).data[0].email`
    if (rest.length === 0 || rest.includes('metadata') || !EMAIL_FIELDS.has(rest[rest.length - 1])) continue;
    return { field: rest.join('.') };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Database calls (through the data-layer recognisers)

const PRISMA_LOOKUPS = new Set(['findUnique', 'findUniqueOrThrow', 'findFirst', 'findFirstOrThrow', 'findMany', 'count', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany']);
const PRISMA_WRITES = new Set(['create', 'createMany', 'createManyAndReturn', 'update', 'updateMany', 'updateManyAndReturn', 'upsert', 'delete', 'deleteMany']);
const SUPABASE_FILTERS = new Set(['eq', 'ilike', 'like', 'match', 'filter', 'in', 'or']);
const SUPABASE_WRITES = new Set(['insert', 'update', 'upsert', 'delete']);
const DRIZZLE_COMPARISONS = new Set(['eq', 'ilike', 'like', 'inArray']);

function prismaContext(ctx: StripeContext): ClientContext {
  return { sourceCode: ctx.sourceCode, filename: ctx.filename, extraClientNames: ctx.prismaClientNames };
}

function supabaseLookup(ctx: StripeContext): Lookup {
  const cache = cacheOf(ctx);
  return (cache.lookup ??= fileLookup(ctx.sourceCode, ctx.filename));
}

export interface FilterValue {
  /** The query as the message names it: `db.user.findFirst()`, `supabase.from('users').eq()`, `eq(users.email, …)`. */
  call: string;
  /** What is looked up: the Prisma model / table, as the code names it. */
  target: string;
  /** The value compared in the filter. */
  value: Node;
}

/** `db.user.findFirst(...)`, when `db` is a Prisma client: the delegate and operation. */
function prismaCall(call: TSESTree.CallExpression, ops: Set<string>, ctx: StripeContext): { delegate: TSESTree.MemberExpression; operation: string; model: string } | null {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const operation = memberName(call.callee);
  if (!operation || !ops.has(operation)) return null;
  const delegate = unwrap(call.callee.object);
  if (delegate.type !== AST_NODE_TYPES.MemberExpression) return null;
  const model = memberName(delegate);
  if (!model || model.startsWith('$') || !isPrismaClient(delegate.object, prismaContext(ctx))) return null;
  return { delegate, operation, model };
}

/** Every value a Prisma `where` compares with (`{ email }`, `{ email: { equals: x } }`, `AND`/`OR`, relation filters). */
function whereValues(node: Node, ctx: StripeContext, out: Node[], depth = 0): void {
  if (depth > 5) return;
  const object = resolveValue(ctx.sourceCode, node);
  if (object.type === AST_NODE_TYPES.ArrayExpression) {
    for (const element of object.elements) if (element && element.type !== AST_NODE_TYPES.SpreadElement) whereValues(element, ctx, out, depth + 1);
    return;
  }
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const value = unwrap(prop.value);
    if (value.type === AST_NODE_TYPES.ObjectExpression || value.type === AST_NODE_TYPES.ArrayExpression) whereValues(value, ctx, out, depth + 1);
    else out.push(prop.value);
  }
}

/**
 * The values a database lookup filters by, for the data layers tenant-guard knows: Prisma `where`, Drizzle
 * comparisons (`eq(users.email, x)` with `eq` from `drizzle-orm`), Supabase filters on a Supabase client's
 * `.from(…)` chain. Empty for anything else.
 */
export function lookupFilterValues(call: TSESTree.CallExpression, ctx: StripeContext): FilterValue[] {
  if (looksLikePrismaCall(call)) {
    const prisma = prismaCall(call, PRISMA_LOOKUPS, ctx);
    if (!prisma) return [];
    const args = call.arguments[0] ? resolveValue(ctx.sourceCode, call.arguments[0]) : null;
    if (args?.type !== AST_NODE_TYPES.ObjectExpression) return [];
    const where = args.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'where');
    if (!where) return [];
    const values: Node[] = [];
    whereValues(where.value, ctx, values);
    const text = `${ctx.sourceCode.getText(prisma.delegate)}.${prisma.operation}()`;
    return values.map((value) => ({ call: text, target: prisma.model, value }));
  }
  const name = calleeName(call);
  if (call.callee.type === AST_NODE_TYPES.Identifier && name && DRIZZLE_COMPARISONS.has(name) && isDrizzleOperator(call.callee, ctx) && call.arguments.length === 2) {
    const [column, value] = call.arguments;
    const table = unwrap(column).type === AST_NODE_TYPES.MemberExpression ? ctx.sourceCode.getText((unwrap(column) as TSESTree.MemberExpression).object) : 'a table';
    return [{ call: `${name}(${ctx.sourceCode.getText(column)}, …)`, target: table, value }];
  }
  if (call.callee.type === AST_NODE_TYPES.MemberExpression && name && SUPABASE_FILTERS.has(name)) {
    const from = supabaseFrom(call.callee.object, ctx);
    if (!from) return [];
    const text = `${ctx.sourceCode.getText(from.client)}.from('${from.table}').${name}()`;
    const args = name === 'match' ? matchValues(call.arguments[0], ctx) : name === 'or' ? call.arguments.slice(0, 1) : call.arguments.slice(1);
    return args.map((value) => ({ call: text, target: from.table, value }));
  }
  return [];
}

function matchValues(node: Node | undefined, ctx: StripeContext): Node[] {
  const values: Node[] = [];
  if (node) whereValues(node, ctx, values);
  return values;
}

/** `eq` imported from `drizzle-orm`, or the operators a relational `where` callback receives (`(u, { eq }) => …`). */
function isDrizzleOperator(id: TSESTree.Identifier, ctx: StripeContext): boolean {
  const def = findVariable(ctx.sourceCode, id)?.defs[0];
  if (def?.type === 'ImportBinding') return /^drizzle-orm(\/|$)/.test((def.parent as TSESTree.ImportDeclaration).source.value);
  if (def?.type === 'Parameter') {
    const fn = def.node as FunctionNode;
    return fn.params.length >= 2 && fn.params[1].type === AST_NODE_TYPES.ObjectPattern && fn.parent?.type === AST_NODE_TYPES.Property && propertyKeyName(fn.parent) === 'where';
  }
  return false;
}

/** Walks a postgrest chain down to `client.from('table')` on a Supabase client. */
function supabaseFrom(node: Node, ctx: StripeContext): { client: Node; table: string } | null {
  let current = unwrap(node);
  for (let i = 0; i < 20 && current.type === AST_NODE_TYPES.CallExpression && current.callee.type === AST_NODE_TYPES.MemberExpression; i++) {
    if (memberName(current.callee) === 'from') {
      const arg = current.arguments[0];
      if (arg?.type !== AST_NODE_TYPES.Literal || typeof arg.value !== 'string') return null;
      const client = unwrap(current.callee.object);
      return supabaseClientOf(client, supabaseLookup(ctx)) ? { client, table: arg.value } : null;
    }
    current = unwrap(current.callee.object);
  }
  return null;
}

/** A database write (Prisma create/update/upsert/delete, Drizzle insert/update/delete, Supabase insert/update/upsert/delete): its text, or null. */
export function databaseWrite(call: TSESTree.CallExpression, ctx: StripeContext): string | null {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(call.callee);
  if (!method) return null;
  if (PRISMA_WRITES.has(method)) {
    const prisma = prismaCall(call, PRISMA_WRITES, ctx);
    if (prisma) return `${ctx.sourceCode.getText(prisma.delegate)}.${prisma.operation}()`;
  }
  if ((method === 'insert' || method === 'update' || method === 'delete') && call.arguments.length === 1) {
    const receiver = unwrap(call.callee.object);
    if (receiver.type !== AST_NODE_TYPES.CallExpression && isDrizzleDatabase(receiver, ctx.layer())) {
      return `${ctx.sourceCode.getText(receiver)}.${method}(${ctx.sourceCode.getText(call.arguments[0])})`;
    }
  }
  if (SUPABASE_WRITES.has(method)) {
    const from = supabaseFrom(call.callee.object, ctx);
    const object = unwrap(call.callee.object);
    if (from && object.type === AST_NODE_TYPES.CallExpression && memberName(object.callee as TSESTree.MemberExpression) === 'from') {
      return `${ctx.sourceCode.getText(from.client)}.from('${from.table}').${method}()`;
    }
  }
  return null;
}
