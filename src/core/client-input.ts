/**
 * Where a value the browser controls enters the server: the request body, the query string, route params, search
 * params, form data, cookies and headers, the arguments of an exported server action or a tRPC / safe-action input,
 * and `supabase.auth.getSession()`, whose user is read from a cookie nobody verified. `clientSourceOf` follows a
 * value back to one of these within the file — through `const`/`let` bindings, destructuring, member reads,
 * template strings, `String()`/`Number()`/`as` casts, schema `.parse()`, `??`/`||` defaults, and the parameters
 * and return values of functions declared in the same file — and answers which source it is, or null when the
 * value is the session's, a constant, or something it cannot see (an import, a database row).
 *
 * Deliberately intra-file and bounded: it runs in the editor on every keystroke.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, followingStatements, importedName, isFunction, memberName, precedingStatements, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import { exitsEarly, isAccessCheckName, resultVariable } from './guards.js';
import { fromVerifiedWebhookEvent, isEntryFunction, valueOrigin } from './request-input.js';
import { isSessionCall } from './session.js';
import { parseModule, resolveImport } from './modules.js';

export type ClientSourceKind =
  | 'body'
  | 'query'
  | 'params'
  | 'search-params'
  | 'form-data'
  | 'cookie'
  | 'header'
  | 'action-argument'
  | 'procedure-input'
  | 'unverified-session';

export interface ClientSource {
  kind: ClientSourceKind;
  /** The expression where the browser's value is read (`req.json()`, `params`, `formData.get('teamId')`). */
  node: Node;
}

/** How each source reads in a message: "`teamId` comes from the request body". */
export const SOURCE_LABELS: Record<ClientSourceKind, string> = {
  body: 'from the request body',
  query: 'from the query string',
  params: 'from route params',
  'search-params': 'from the URL search params',
  'form-data': 'from form data',
  cookie: 'from a cookie',
  header: 'from a request header',
  'action-argument': 'from a server action argument',
  'procedure-input': "from the procedure's input",
  'unverified-session': 'from `supabase.auth.getSession()`, which is not verified on the server',
};

export interface FlowContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  filename: string;
  /** Extra session functions from settings: their results are trusted. */
  sessionFunctions: readonly string[];
  /** Functions whose result is verified even when their input came from the browser (a cookie passed to `unsealData`). */
  verifierFunctions: readonly string[];
  /**
   * Was this browser value checked against the session before `site`? Asked at each call of a helper of this file,
   * so `await assertMember(orgId, userId); return getOrg({ orgId })` makes the helper's parameter safe at that call.
   */
  checkedAt?: (value: Node, site: TSESTree.CallExpression) => boolean;
}

/** Built-in verifiers: they check a signature or a sealed cookie, so their output is the server's word. */
const VERIFIERS = /^(jwtVerify|verify|verifyToken|verifyJwt|verifyJWT|unsealData|unseal|getIronSession|decodeJwt|verifyIdToken|verifySession|decrypt)$/;
/** Calls that hand back their argument in another type: the value is still the browser's. */
const PASS_THROUGH_FUNCTIONS = /^(String|Number|BigInt|parseInt|parseFloat|decodeURIComponent|decodeURI|Boolean)$/;
const PASS_THROUGH_METHODS = /^(parse|parseAsync|toString|trim|toLowerCase|toUpperCase|valueOf|at|slice|substring|split)$/;
/** Request objects by their conventional names. */
const REQUEST_NAMES = /^(req|request)$/;
const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;

const MAX_DEPTH = 8;

/** The browser source of `node`'s value, or null when the value is trusted or unknown. */
export function clientSourceOf(node: Node, ctx: FlowContext): ClientSource | null {
  return trace(node, ctx, 0, new Set());
}

function trace(node: Node, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  if (depth > MAX_DEPTH || seen.has(node)) return null;
  seen.add(node);
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.AwaitExpression:
      return trace(value.argument, ctx, depth + 1, seen);
    case AST_NODE_TYPES.ChainExpression:
      return trace(value.expression, ctx, depth + 1, seen);
    case AST_NODE_TYPES.TemplateLiteral:
      return firstSource(value.expressions, ctx, depth, seen);
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.BinaryExpression:
      if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator !== '+') return null;
      return firstSource([value.left, value.right], ctx, depth, seen);
    case AST_NODE_TYPES.ConditionalExpression:
      return firstSource([value.consequent, value.alternate], ctx, depth, seen);
    case AST_NODE_TYPES.CallExpression:
      return traceCall(value, ctx, depth, seen);
    case AST_NODE_TYPES.NewExpression:
      // `new URL(req.url).searchParams`, `new URLSearchParams(await req.text())`
      return calleeName(value) === 'URL' || calleeName(value) === 'URLSearchParams' ? firstSource(value.arguments.slice(0, 1), ctx, depth, seen) : null;
    case AST_NODE_TYPES.MemberExpression:
      return traceMember(value, ctx, depth, seen);
    case AST_NODE_TYPES.Identifier:
      return traceIdentifier(value, ctx, depth, seen);
    default:
      return null;
  }
}

function firstSource(nodes: readonly Node[], ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  for (const n of nodes) {
    const source = trace(n, ctx, depth + 1, seen);
    if (source) return source;
  }
  return null;
}

function isRequestObject(node: Node, ctx: FlowContext): boolean {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) {
    if (REQUEST_NAMES.test(value.name)) return true;
    const def = findVariable(ctx.sourceCode, value)?.defs[0];
    // the first parameter of a route handler, whatever it is called
    return def?.type === 'Parameter' && isRouteHandler(def.node as FunctionNode, ctx) && (def.node as FunctionNode).params[0] === def.name;
  }
  return false;
}

function isRouteHandler(fn: FunctionNode, ctx: FlowContext): boolean {
  if (!isFunction(fn) || !isEntryFunction(fn, ctx.filename, ctx.sourceCode)) return false;
  const path = ctx.filename.split('\\').join('/');
  return /\/route\.[cm]?[jt]sx?$/.test(path) || /\/pages\/api\//.test(path) || /\/api\//.test(path) || /^middleware\./.test(path.split('/').pop() ?? '');
}

function traceCall(call: TSESTree.CallExpression, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  const name = calleeName(call);
  if (isSessionCall(call, ctx.sessionFunctions)) return null;
  if (name && (VERIFIERS.test(name) || ctx.verifierFunctions.includes(name))) return null;
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(callee.object);
    // `req.json()`, `request.formData()`, `req.text()`
    if ((name === 'json' || name === 'text') && isRequestObject(object, ctx)) return { kind: 'body', node: call };
    if (name === 'formData' && isRequestObject(object, ctx)) return { kind: 'form-data', node: call };
    // `supabase.auth.getSession()`: the session is read from the cookie without being verified
    if (name === 'getSession' && object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'auth') {
      return { kind: 'unverified-session', node: call };
    }
    if (name === 'get' || name === 'getAll') {
      // `cookies().get('teamId')`, `headers().get('x-team-id')`, `req.cookies.get(…)`
      const holder = object.type === AST_NODE_TYPES.AwaitExpression ? unwrap(object.argument) : object;
      if (holder.type === AST_NODE_TYPES.CallExpression) {
        const maker = calleeName(holder);
        if (maker === 'cookies') return { kind: 'cookie', node: call };
        if (maker === 'headers') return { kind: 'header', node: call };
      }
      if (holder.type === AST_NODE_TYPES.MemberExpression && isRequestObject(holder.object, ctx)) {
        const member = memberName(holder);
        if (member === 'cookies') return { kind: 'cookie', node: call };
        if (member === 'headers') return { kind: 'header', node: call };
      }
      const source = trace(object, ctx, depth + 1, seen);
      // `formData.get('teamId')`: whether the FormData came from `req.formData()` or a server action's argument
      if (source) return source.kind === 'body' || source.kind === 'action-argument' ? { kind: 'form-data', node: source.node } : source;
      return null;
    }
    // `schema.parse(body)`, `z.string().parse(params.id)`: validated, but still the browser's choice
    if (name && PASS_THROUGH_METHODS.test(name)) {
      if (name === 'parse' || name === 'parseAsync') return firstSource(call.arguments, ctx, depth, seen);
      return trace(object, ctx, depth + 1, seen);
    }
    return null;
  }
  if (name && PASS_THROUGH_FUNCTIONS.test(name)) return firstSource(call.arguments.slice(0, 1), ctx, depth, seen);
  // A function of this file: what it returns.
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const fn = localFunction(callee, ctx);
    if (fn) return traceReturns(fn, call, ctx, depth, seen);
  }
  return null;
}

/** `req.body`, `req.query`, `ctx.params`, `nextUrl.searchParams`, `body.accountId`, `params.orgId`. */
function traceMember(member: TSESTree.MemberExpression, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  const name = memberName(member);
  const object = unwrap(member.object);
  if (name && isRequestObject(object, ctx)) {
    if (name === 'body') return { kind: 'body', node: member };
    if (name === 'query') return { kind: 'query', node: member };
    if (name === 'cookies') return { kind: 'cookie', node: member };
    if (name === 'headers') return { kind: 'header', node: member };
    if (name === 'url' || name === 'nextUrl') return { kind: 'search-params', node: member };
  }
  if (name === 'searchParams') return { kind: 'search-params', node: member };
  if (name === 'params' && object.type === AST_NODE_TYPES.Identifier && /^(context|ctx|props|route|segmentData)$/.test(object.name)) {
    const def = findVariable(ctx.sourceCode, object)?.defs[0];
    if (def?.type === 'Parameter' && isEntryFunction(def.node as FunctionNode, ctx.filename, ctx.sourceCode)) return { kind: 'params', node: member };
  }
  return trace(object, ctx, depth + 1, seen);
}

function traceIdentifier(id: TSESTree.Identifier, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  const variable = findVariable(ctx.sourceCode, id);
  const def = variable?.defs[0];
  if (!variable || !def) return null;
  if (def.type === 'Parameter') return traceParameter(def.name as TSESTree.Identifier, def.node as FunctionNode, ctx, depth, seen);
  if (def.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  // A value from a Stripe event whose signature was checked was written by the server at checkout.
  if (declarator.init && fromVerifiedWebhookEvent(declarator.id.type === AST_NODE_TYPES.Identifier ? declarator.id : id, ctx.sourceCode)) return null;
  const writes: Node[] = [];
  if (declarator.init) writes.push(declarator.init);
  else {
    const loop = declarator.parent?.parent;
    if (loop?.type === AST_NODE_TYPES.ForOfStatement || loop?.type === AST_NODE_TYPES.ForInStatement) writes.push(loop.right);
  }
  for (const ref of variable.references) if (ref.writeExpr && !ref.init && ref.writeExpr !== declarator.init) writes.push(ref.writeExpr);
  // `const { teamId } = await req.json()`: a property of the browser's object is the browser's.
  return firstSource(writes, ctx, depth, seen);
}

/**
 * A parameter: of an entry point (the browser chooses it), of a builder callback (tRPC `input`, safe-action
 * `parsedInput`), or of a helper of this file, whose callers in this file decide.
 */
function traceParameter(param: TSESTree.Identifier, fn: FunctionNode, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  if (!isFunction(fn)) return null;
  const index = parameterIndex(fn, param);
  if (index < 0) return null;
  const top = fn.params[index]!;
  if (isServerContext(param, top)) return null;
  if (isEntryFunction(fn, ctx.filename, ctx.sourceCode)) {
    const path = ctx.filename.split('\\').join('/');
    if (isServerActionModule(fn, ctx)) return { kind: 'action-argument', node: param };
    if (/\/route\.[cm]?[jt]sx?$/.test(path) && HTTP_METHODS.test(entryName(fn) ?? '')) {
      // `GET(request, { params })`: the first is the request itself (its members are traced above).
      return index === 0 ? null : { kind: 'params', node: param };
    }
    if (/\/pages\/api\//.test(path)) return null; // `(req, res)`: sources are `req.query` / `req.body`
    // pages and layouts: `{ params, searchParams }`
    const key = destructuredKey(param, top);
    if (key === 'searchParams') return { kind: 'search-params', node: param };
    if (key === 'params' || (key === null && top.type === AST_NODE_TYPES.Identifier)) return key === null ? null : { kind: 'params', node: param };
    return key ? { kind: 'params', node: param } : null;
  }
  const call = fn.parent;
  if (call?.type === AST_NODE_TYPES.CallExpression && (call.arguments as Node[]).includes(fn)) {
    const method = calleeName(call);
    if (method && /^(query|mutation|subscription|action|stateAction|handler)$/.test(method) && call.callee.type === AST_NODE_TYPES.MemberExpression) {
      return { kind: 'procedure-input', node: param };
    }
    if (method && /^(map|forEach|flatMap|filter|find|some|every)$/.test(method) && call.callee.type === AST_NODE_TYPES.MemberExpression) {
      return trace(call.callee.object, ctx, depth + 1, seen);
    }
    return null;
  }
  // A helper declared in this file: what its callers here pass at this position.
  const fnId = functionIdentifier(fn);
  if (!fnId) return null;
  const variable = findVariable(ctx.sourceCode, fnId);
  if (!variable) return null;
  for (const ref of variable.references) {
    const site = ref.identifier.parent;
    if (site?.type !== AST_NODE_TYPES.CallExpression || site.callee !== ref.identifier) continue;
    const arg = site.arguments[index];
    if (!arg) continue;
    const destructured = destructuredKey(param, top);
    let passed: Node | null = arg;
    if (destructured && unwrap(arg).type === AST_NODE_TYPES.ObjectExpression) {
      const prop = (unwrap(arg) as TSESTree.ObjectExpression).properties.find(
        (p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && !p.computed && p.key.type === AST_NODE_TYPES.Identifier && p.key.name === destructured,
      );
      passed = prop ? prop.value : null;
    }
    const source = passed ? trace(passed, ctx, depth + 1, seen) : null;
    if (source && passed && ctx.checkedAt?.(passed, site)) continue;
    if (source) return source;
  }
  return null;
}

function parameterIndex(fn: FunctionNode, param: TSESTree.Identifier): number {
  return fn.params.findIndex((p) => p.range[0] <= param.range[0] && param.range[1] <= p.range[1]);
}

/** The key a destructured parameter binding reads: `searchParams` in `({ searchParams }) =>`, `teamId` in `({ teamId }) =>`. */
function destructuredKey(param: TSESTree.Identifier, top: TSESTree.Parameter): string | null {
  const pattern = top.type === AST_NODE_TYPES.AssignmentPattern ? top.left : top;
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return null;
  let found: string | null = null;
  walk(pattern, (n) => {
    if (n.type !== AST_NODE_TYPES.Property || n.computed || n.key.type !== AST_NODE_TYPES.Identifier) return false;
    const inner = n.value.type === AST_NODE_TYPES.AssignmentPattern ? n.value.left : n.value;
    if (inner.range[0] <= param.range[0] && param.range[1] <= inner.range[1]) {
      found = n.key.name;
      return true;
    }
    return false;
  });
  return found;
}

/** `ctx` of tRPC procedures and safe actions is built by server middleware. */
function isServerContext(param: TSESTree.Identifier, top: TSESTree.Parameter): boolean {
  if (param.name === 'ctx') return true;
  return destructuredKey(param, top) === 'ctx';
}

function isServerActionModule(fn: FunctionNode, ctx: FlowContext): boolean {
  const hasDirective = (body: readonly TSESTree.Node[]) =>
    body.some((s) => s.type === AST_NODE_TYPES.ExpressionStatement && 'directive' in s && s.directive === 'use server');
  if (fn.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(fn.body.body)) return true;
  return hasDirective(ctx.sourceCode.ast.body);
}

function entryName(fn: FunctionNode): string | null {
  if (fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.id) return fn.id.name;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null;
}

function functionIdentifier(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id : null;
}

function localFunction(id: TSESTree.Identifier, ctx: FlowContext): FunctionNode | null {
  const def = findVariable(ctx.sourceCode, id)?.defs[0];
  if (!def) return null;
  if (def.type === 'FunctionName' && isFunction(def.node as Node)) return def.node as FunctionNode;
  if (def.type === 'Variable') {
    const init = (def.node as TSESTree.VariableDeclarator).init;
    if (init && isFunction(init)) return init;
  }
  return null;
}

/** The sources of what a local function returns, with its parameters bound to this call's arguments. */
function traceReturns(fn: FunctionNode, call: TSESTree.CallExpression, ctx: FlowContext, depth: number, seen: Set<Node>): ClientSource | null {
  const returned: Node[] = [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
  else walk(fn.body, (n) => void (n.type === AST_NODE_TYPES.ReturnStatement && n.argument && returned.push(n.argument)), { skipFunctions: true });
  for (const value of returned) {
    // A return of one of its own parameters: the argument at that position at this call.
    const root = unwrap(value);
    if (root.type === AST_NODE_TYPES.Identifier) {
      const index = fn.params.findIndex((p) => p.type === AST_NODE_TYPES.Identifier && p.name === root.name);
      if (index >= 0) {
        const arg = call.arguments[index];
        const source = arg ? trace(arg, ctx, depth + 1, seen) : null;
        if (source) return source;
        continue;
      }
    }
    const source = trace(value, ctx, depth + 1, seen);
    if (source) return source;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Sanitisers

/**
 * Text paths a value goes by, to recognise it in a guard's arguments: `teamId` and, for a destructured
 * `const { teamId } = input`, also `input.teamId`.
 */
function pathsOf(value: Node, sourceCode: Readonly<TSESLint.SourceCode>): Set<string> {
  const node = unwrap(value);
  const paths = new Set([sourceCode.getText(node as TSESTree.Node)]);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const def = findVariable(sourceCode, node)?.defs[0];
    if (def?.type === 'Variable') {
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern && declarator.init) {
        paths.add(`${sourceCode.getText(unwrap(declarator.init) as TSESTree.Node)}.${node.name}`);
      } else if (declarator.init && declarator.id.type === AST_NODE_TYPES.Identifier) {
        paths.add(sourceCode.getText(unwrap(declarator.init) as TSESTree.Node));
      }
    }
  }
  return paths;
}

/** Names that hold the session or its user in code that checks access with them. */
const SESSION_NAMES = /^(session|user|userId|currentUser|viewer|me|auth|claims|ctx)$/;

function mentionsSession(node: Node, ctx: FlowContext, except: Set<string>): boolean {
  return walk(node, (n) => {
    if (n.type === AST_NODE_TYPES.CallExpression && isSessionCall(n, ctx.sessionFunctions)) return true;
    if (n.type !== AST_NODE_TYPES.Identifier || except.has(n.name)) return false;
    return SESSION_NAMES.test(n.name) || isSessionBinding(n, ctx);
  });
}

function isSessionBinding(id: TSESTree.Identifier, ctx: FlowContext): boolean {
  const def = findVariable(ctx.sourceCode, id)?.defs[0];
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init !== null && init !== undefined && isSessionCall(init, ctx.sessionFunctions);
}

export interface GuardVerdict {
  /** An access check, membership lookup or comparison with the session ran before `at` with this value. */
  checked: boolean;
  /** An async access check with this value whose promise is dropped (not awaited): it sanitises nothing. */
  unawaited?: TSESTree.CallExpression;
}

/** Does this function of the file read the session itself (`getAuthenticatedAdmin(teamId)` calls `getServerSession`)? */
function readsSessionItself(call: TSESTree.CallExpression, ctx: FlowContext): boolean {
  const callee = unwrap(call.callee);
  const fn = callee.type === AST_NODE_TYPES.Identifier ? localFunction(callee, ctx) : null;
  return fn !== null && walk(fn.body, (n) => n.type === AST_NODE_TYPES.CallExpression && isSessionCall(n, ctx.sessionFunctions));
}

/**
 * What the statements in `statements` (in source order) establish about a value: the names derived from it
 * (`const team = await db.team.findUnique({ where: { id: teamId } })`, `const users = team?.users`) and the names
 * that carry the session (`const ok = users.some((u) => u.userId === session.user.id)`). An early exit whose test
 * involves both checked the value against the session: `if (!ok) return 403`, `if (!membership) notFound()`.
 */
function checksAgainstSession(
  statements: readonly Node[],
  derived: Set<string>,
  paths: Set<string>,
  ctx: FlowContext,
  accessCheckFunctions: readonly string[],
  sessionPaths: ReadonlySet<string> = new Set(),
): GuardVerdict {
  const sessionish = new Set<string>();
  const mentionsAny = (node: Node, names: Set<string>) =>
    walk(node, (n) => (n.type === AST_NODE_TYPES.Identifier && names.has(n.name)) || ((n.type === AST_NODE_TYPES.MemberExpression || n.type === AST_NODE_TYPES.Identifier) && paths.has(ctx.sourceCode.getText(n as TSESTree.Node))));
  const carriesSession = (node: Node) =>
    mentionsSession(node, ctx, derived) ||
    mentionsAny(node, sessionish) ||
    walk(node, (n) => n.type === AST_NODE_TYPES.CallExpression && readsSessionItself(n, ctx));
  /**
   * Does this test tie the value to the session — not merely check that each exists (`if (!team || !session)`)?
   * A name derived from both (`!membership`), a comparison of one with the other, or a call on one with the other
   * (`team.users.some((u) => u.userId === session.user.id)`).
   */
  const relates = (test: Node): boolean =>
    walk(test, (n) => {
      if (n.type === AST_NODE_TYPES.Identifier) return derived.has(n.name) && sessionish.has(n.name);
      if (n.type === AST_NODE_TYPES.MemberExpression && sessionPaths.has(ctx.sourceCode.getText(n).replace(/\?\./g, '.'))) return true;
      if (n.type === AST_NODE_TYPES.BinaryExpression && /^[!=]==?$/.test(n.operator)) {
        return (mentionsAny(n.left, derived) && carriesSession(n.right)) || (mentionsAny(n.right, derived) && carriesSession(n.left));
      }
      if (n.type === AST_NODE_TYPES.CallExpression) {
        const on = [n.callee, ...n.arguments];
        return on.some((a) => mentionsAny(a, derived)) && on.some((a) => carriesSession(a));
      }
      return false;
    });
  let unawaited: TSESTree.CallExpression | undefined;
  let checked = false;
  for (const statement of [...statements].sort((a, b) => a.range[0] - b.range[0])) {
    // A function declared before the query is not run by it (its own names are its own).
    const declared = statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    if (isFunction(declared)) continue;
    walk(
      statement,
      (n) => {
        if (n.type === AST_NODE_TYPES.VariableDeclarator && n.init) {
          const names: string[] = [];
          walk(n.id, (p) => void (p.type === AST_NODE_TYPES.Identifier && names.push(p.name)));
          const fromValue = mentionsAny(n.init, derived);
          const withSession = carriesSession(n.init);
          for (const name of names) {
            if (fromValue) derived.add(name);
            if (withSession) sessionish.add(name);
          }
          return false;
        }
        if (n.type === AST_NODE_TYPES.CallExpression) {
          const name = calleeName(n);
          if (!name || !isAccessCheckName(name, accessCheckFunctions)) return false;
          if (!n.arguments.some((a) => mentionsAny(a, derived))) return false;
          if (isDroppedPromise(n, ctx)) {
            unawaited = n;
            return false;
          }
          checked = true;
          return true;
        }
        // `if (body.accountId !== session.accountId) return …`, `if (!isUserPartOfTeam) return res.status(403)`
        if (n.type === AST_NODE_TYPES.IfStatement && exitsEarly(n.consequent) && relates(n.test)) {
          checked = true;
          return true;
        }
        return false;
      },
      { skipFunctions: true },
    );
    if (checked) return { checked: true };
  }
  return { checked: false, unawaited };
}

/**
 * Was `value` checked against the session before `at`, in the statements that run first in its function and the
 * functions around it: `await assertTeamAccess(session, teamId)`, `if (body.accountId !== session.accountId) throw`,
 * a membership lookup by the value and the session whose empty result ends the request?
 */
export function guardBefore(value: Node, at: Node, ctx: FlowContext, accessCheckFunctions: readonly string[]): GuardVerdict {
  const paths = pathsOf(value, ctx.sourceCode);
  const derived = new Set([...paths].filter((p) => /^\w+$/.test(p)));
  return checksAgainstSession(precedingStatements(at, { throughFunctions: true }), derived, paths, ctx, accessCheckFunctions);
}

/**
 * A single-row lookup whose result is checked against the session right after, before it is used:
 * `const team = await db.team.findUnique({ where: { id: teamId } }); if (!team.users.some((u) => u.userId === me)) return 403`.
 */
export function checkedAfter(query: TSESTree.CallExpression, ctx: FlowContext, accessCheckFunctions: readonly string[]): boolean {
  const row = resultVariable(query);
  if (!row) return false;
  // `include: { users: { where: { userId } } }` filters the relation, not the row: `team.users` then holds the
  // session user's membership or nothing, and testing it is the check.
  const sessionPaths = new Set<string>();
  const args = query.arguments[0] ? unwrap(query.arguments[0]) : null;
  if (args?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const key of ['include', 'select']) {
      const nested = args.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && memberKey(p) === key);
      const object = nested && unwrap(nested.value);
      if (object?.type !== AST_NODE_TYPES.ObjectExpression) continue;
      for (const relation of object.properties) {
        if (relation.type !== AST_NODE_TYPES.Property) continue;
        const name = memberKey(relation);
        if (name && mentionsSession(relation.value, ctx, new Set())) sessionPaths.add(`${row.name}.${name}`);
      }
    }
  }
  return checksAgainstSession(followingStatements(query), new Set([row.name]), new Set(), ctx, accessCheckFunctions, sessionPaths).checked;
}

function memberKey(prop: TSESTree.Property): string | null {
  if (prop.computed) return null;
  return prop.key.type === AST_NODE_TYPES.Identifier ? prop.key.name : prop.key.type === AST_NODE_TYPES.Literal ? String(prop.key.value) : null;
}

/**
 * A request the server makes to itself: the handler ends early unless a header or token equals a server secret
 * (`if (token !== process.env.INTERNAL_API_KEY) return 401`, `timingSafeEqual`, QStash `verifySignature`). Its
 * body is the server's own word, not a browser's.
 */
export function isServerToServerRequest(at: Node): boolean {
  const readsSecret = (node: Node) =>
    walk(node, (n) => {
      if (n.type === AST_NODE_TYPES.MemberExpression && memberName(n) !== null) {
        const object = unwrap(n.object);
        if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'env') return true;
      }
      return n.type === AST_NODE_TYPES.CallExpression && /^(timingSafeEqual|verifySignature|safeCompare|secureCompare)$/.test(calleeName(n) ?? '');
    });
  const secretNames = new Set<string>();
  for (const statement of precedingStatements(at, { throughFunctions: true }).sort((a, b) => a.range[0] - b.range[0])) {
    let found = false;
    walk(
      statement,
      (n) => {
        if (n.type === AST_NODE_TYPES.VariableDeclarator && n.id.type === AST_NODE_TYPES.Identifier && n.init && readsSecret(n.init)) secretNames.add(n.id.name);
        if (n.type === AST_NODE_TYPES.IfStatement && exitsEarly(n.consequent)) {
          if (readsSecret(n.test) || walk(n.test, (m) => m.type === AST_NODE_TYPES.Identifier && secretNames.has(m.name))) {
            found = true;
            return true;
          }
        }
        return false;
      },
      { skipFunctions: true },
    );
    if (found) return true;
  }
  return false;
}

/** A call whose promise nobody awaits: an expression statement of its own (`assertOwner(id);`), in an async context. */
function isDroppedPromise(call: TSESTree.CallExpression, ctx: FlowContext): boolean {
  let node: Node = call;
  while (node.parent && (node.parent.type === AST_NODE_TYPES.ChainExpression || node.parent.type === AST_NODE_TYPES.TSNonNullExpression)) node = node.parent;
  if (node.parent?.type !== AST_NODE_TYPES.ExpressionStatement) return false;
  return isAsyncFunction(call, ctx);
}

/** Is the called function known to be async: declared `async` (or returning a promise) in this file or the module it is imported from? */
function isAsyncFunction(call: TSESTree.CallExpression, ctx: FlowContext): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const local = localFunction(callee, ctx);
  if (local) return local.async;
  const def = findVariable(ctx.sourceCode, callee)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportSpecifier) return false;
  const imported = importedName(def.node);
  const file = resolveImport((def.parent as TSESTree.ImportDeclaration).source.value, ctx.filename);
  const program = file ? parseModule(file) : null;
  if (!program) return false;
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === imported) return declaration.async;
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === imported && d.init && isFunction(d.init)) return d.init.async;
      }
    }
  }
  return false;
}

/**
 * Is this value the session's: a session call's result or a member of one, a verified webhook event's, or a
 * parameter of a helper of this file that every caller here passes a session value (`isMember(session.userId, id)`)?
 */
export function isSessionValue(node: Node, ctx: FlowContext, depth = 0): boolean {
  if (depth > 3) return false;
  const origin = valueOrigin(node, ctx.filename, ctx.sourceCode, ctx.sessionFunctions);
  if (origin === 'session') return true;
  if (origin !== 'helper-parameter') return false;
  const value = unwrap(node);
  const root = value.type === AST_NODE_TYPES.Identifier ? value : null;
  const def = root && findVariable(ctx.sourceCode, root)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node as Node)) return false;
  const fn = def.node as FunctionNode;
  const index = parameterIndex(fn, def.name as TSESTree.Identifier);
  const fnId = functionIdentifier(fn);
  const variable = fnId && findVariable(ctx.sourceCode, fnId);
  if (index < 0 || fn.params[index]!.type !== AST_NODE_TYPES.Identifier || !variable) return false;
  let calls = 0;
  for (const ref of variable.references) {
    const site = ref.identifier.parent;
    if (site?.type !== AST_NODE_TYPES.CallExpression || site.callee !== ref.identifier) continue;
    const arg = site.arguments[index];
    if (!arg || !isSessionValue(arg, ctx, depth + 1)) return false;
    calls++;
  }
  return calls > 0;
}

/**
 * Is this object the browser's as it arrived — `req.body`, `req.query`, `await req.json()`, a server action's
 * argument, or a variable holding one — rather than fields picked or validated from it (`{ ...(name && { name }) }`,
 * `schema.parse(body)`)? Spreading such an object into a row lets the request set any column.
 */
export function rawClientObject(node: Node, ctx: FlowContext, depth = 0): ClientSource | null {
  if (depth > 4) return null;
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const name = calleeName(value);
    const callee = unwrap(value.callee);
    if ((name === 'json' || name === 'formData') && callee.type === AST_NODE_TYPES.MemberExpression && isRequestObject(callee.object, ctx)) {
      return trace(value, ctx, 0, new Set());
    }
    return null;
  }
  if (value.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(value);
    return (name === 'body' || name === 'query') && isRequestObject(value.object, ctx) ? trace(value, ctx, 0, new Set()) : null;
  }
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const def = findVariable(ctx.sourceCode, value)?.defs[0];
  if (def?.type === 'Parameter') {
    const source = trace(value, ctx, 0, new Set());
    return source?.kind === 'action-argument' && (def.name as Node).parent === def.node ? source : null;
  }
  if (def?.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  return declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init ? rawClientObject(declarator.init, ctx, depth + 1) : null;
}
