/**
 * Where a value comes from, as far as one function shows: the HTTP request (route params, query, body, form data,
 * search params), a parameter of an entry point (route handler, page, server action — reachable from the browser),
 * or a parameter of an internal helper, whose caller decides what it passes.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, isFunction, memberName, rootIdentifier, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import { isSessionCall } from './session.js';

export type ValueOrigin = 'request' | 'session' | 'entry-parameter' | 'helper-parameter' | 'other';

const HTTP_METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Builder methods whose callback receives browser input: tRPC procedures, next-safe-action / zsa actions. */
const ACTION_BUILDERS = new Set(['query', 'mutation', 'subscription', 'action', 'stateAction', 'handler']);
/** Array methods whose callback receives an element of the array. */
export const ITERATING_METHODS = new Set(['map', 'forEach', 'flatMap', 'filter', 'find', 'some', 'every']);
/** Member names that hold browser-controlled input. */
const REQUEST_MEMBERS = new Set(['query', 'body', 'params', 'searchParams', 'cookies', 'headers']);
/** Methods that read browser-controlled input. */
const REQUEST_METHODS = new Set(['json', 'formData', 'text']);

/** Is this expression built from request input: `req.query.id`, `await params`, `(await req.json()).teamId`, `formData.get('id')`? */
export function readsRequestInput(node: Node): boolean {
  return walk(node, (n) => {
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(n);
      const object = unwrap(n.object);
      if (name && REQUEST_MEMBERS.has(name) && object.type === AST_NODE_TYPES.Identifier && /^(req|request|ctx|context|event)$/.test(object.name)) {
        return true;
      }
      if (name === 'searchParams') return true; // `nextUrl.searchParams`, `new URL(req.url).searchParams`
    }
    if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = calleeName(n);
      const object = unwrap(n.callee.object);
      if (method && REQUEST_METHODS.has(method) && object.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(object.name)) return true;
      if (method === 'get' && object.type === AST_NODE_TYPES.Identifier && /^(formData|searchParams|params|form)$/.test(object.name)) return true;
    }
    return false;
  });
}

function hasUseServerDirective(body: readonly TSESTree.Node[]): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !('directive' in statement) || !statement.directive) return false;
    if (statement.directive === 'use server') return true;
  }
  return false;
}

/** The name a function is exported or declared under, and whether it is exported. */
function declaration(fn: FunctionNode): { name: string | null; exported: boolean; isDefault: boolean } {
  let name: string | null = fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id ? fn.id.name : null;
  let node: Node = fn;
  // `export const GET = async () => {}`, `export const POST = withAuth(async () => {})`
  for (let parent = fn.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) {
      name = parent.id.name;
      node = parent.parent;
      break;
    }
    if (parent.type !== AST_NODE_TYPES.CallExpression && parent.type !== AST_NODE_TYPES.TSAsExpression) break;
  }
  const parent = node.parent;
  const exported = parent?.type === AST_NODE_TYPES.ExportNamedDeclaration || parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration;
  return { name, exported, isDefault: parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration };
}

/**
 * Is this function reachable from the browser with arguments the browser chooses: a route handler, an API route,
 * a page or layout (its `params`/`searchParams`), a server action?
 */
export function isEntryFunction(fn: FunctionNode, filename: string, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasUseServerDirective(fn.body.body)) return true;
  const { name, exported, isDefault } = declaration(fn);
  if (!exported) return false;
  const path = filename.split('\\').join('/');
  if (hasUseServerDirective(sourceCode.ast.body)) return true;
  if (/\/route\.[cm]?[jt]sx?$/.test(path) && name !== null && HTTP_METHODS.has(name)) return true;
  if (/\/pages\/api\//.test(path) && isDefault) return true;
  if (/\/(page|layout|default|template)\.[cm]?[jt]sx?$/.test(path) && (isDefault || name === 'generateMetadata')) return true;
  if (/\/pages\//.test(path) && (name === 'getServerSideProps' || isDefault)) return true;
  return false;
}

/** Where the value of `node` comes from, following `const` bindings within the file. */
/** Was this value taken from a Stripe event whose signature was checked (`stripe.webhooks.constructEvent(…)`)? */
export function fromVerifiedWebhookEvent(node: Node, sourceCode: Readonly<TSESLint.SourceCode>, depth = 0): boolean {
  const root = rootIdentifier(node);
  if (!root || depth > 4) return false;
  const variable = findVariable(sourceCode, root);
  if (!variable) return false;
  for (const ref of variable.references) {
    const written = ref.writeExpr;
    if (!written) continue;
    const verified = walk(written, (n) => n.type === AST_NODE_TYPES.CallExpression && /^constructEvent(Async)?$/.test(calleeName(n) ?? ''));
    if (verified) return true;
    const from = rootIdentifier(written);
    if (from && from.name !== root.name && fromVerifiedWebhookEvent(written, sourceCode, depth + 1)) return true;
  }
  return false;
}

/**
 * `ctx` in tRPC procedures and next-safe-action / zsa actions is built on the server by middleware (the session, the
 * authorised account), never by the browser — unlike Next.js's route `context`, whose `params` are request input.
 */
function isServerContextParameter(param: TSESTree.Identifier): boolean {
  if (param.name === 'ctx') return true;
  for (let node: Node | undefined = param.parent; node && !isFunction(node); node = node.parent) {
    if (node.type === AST_NODE_TYPES.Property && node.key.type === AST_NODE_TYPES.Identifier && node.key.name === 'ctx') return true;
  }
  return false;
}

/**
 * `req.auth.userId`, `request.auth.emailAccountId`: the session the server attached to the request — Auth.js's
 * `auth((req) => …)` sets `req.auth`, and apps' own `withAuth`/`withEmailAccount` wrappers do the same after
 * verifying it. The browser cannot write that property.
 */
function isRequestAuth(node: Node): boolean {
  let current = unwrap(node);
  if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  let below: string | null = null;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    below = memberName(current);
    current = unwrap(current.object);
  }
  return below === 'auth' && current.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(current.name);
}

export function valueOrigin(
  node: Node,
  filename: string,
  sourceCode: Readonly<TSESLint.SourceCode>,
  sessionFunctions: readonly string[] = [],
  depth = 0,
): ValueOrigin {
  if (isRequestAuth(node)) return 'session';
  if (readsRequestInput(node)) return 'request';
  // A webhook event whose signature was checked was written by Stripe, with ids the server put there at checkout.
  if (depth === 0 && fromVerifiedWebhookEvent(node, sourceCode)) return 'session';
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  const root = rootIdentifier(value);
  if (!root || depth > 5) return 'other';
  const variable = findVariable(sourceCode, root);
  const def = variable?.defs[0];
  if (!def) return 'other';
  if (def.type === 'Parameter') {
    const fn = def.node as FunctionNode;
    if (!isFunction(fn)) return 'other';
    if (isServerContextParameter(def.name as TSESTree.Identifier)) return 'session';
    if (isEntryFunction(fn, filename, sourceCode)) return 'entry-parameter';
    const call = fn.parent;
    if (call?.type === AST_NODE_TYPES.CallExpression && (call.arguments as Node[]).includes(fn)) {
      const method = calleeName(call);
      // `ids.map((id) => …)`: the element comes from the list.
      if (call.callee.type === AST_NODE_TYPES.MemberExpression && method && ITERATING_METHODS.has(method)) {
        return valueOrigin(call.callee.object, filename, sourceCode, sessionFunctions, depth + 1);
      }
      // tRPC `.query(({ input }) => …)`, next-safe-action `.action(({ parsedInput }) => …)`: browser input.
      if (method && ACTION_BUILDERS.has(method)) return 'entry-parameter';
      // `export const getX = cache(async (id) => …)`: a memoised helper. An anonymous callback elsewhere: unknown.
      return declaration(fn).name !== null ? 'helper-parameter' : 'other';
    }
    return 'helper-parameter';
  }
  if (def.type === 'Variable') {
    const declarator = def.node as TSESTree.VariableDeclarator;
    if (!declarator.init) return 'other';
    if (isSessionCall(declarator.init, sessionFunctions)) return 'session';
    return valueOrigin(declarator.init, filename, sourceCode, sessionFunctions, depth + 1);
  }
  return 'other';
}
