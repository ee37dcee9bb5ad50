/**
 * Session sources: the server-side calls whose result identifies the signed-in user and tenant. Tenant scope
 * derived from these is trustworthy; the rules use them to propose the fix (`accountId: session.accountId`).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, isFunction, precedingStatements, unwrap, walk, type Node } from './ast.js';

/** Built-in session functions, by the name they are called with. Settings add to these. */
export const SESSION_FUNCTIONS = new Set([
  // next-auth / Auth.js
  'getServerSession',
  'auth',
  'getServerAuthSession',
  // Clerk
  'currentUser',
  'getAuth',
  // Supabase (`supabase.auth.getUser()`), lucia, jose
  'getUser',
  'getClaims',
  'validateRequest',
  'jwtVerify',
  // what apps name their own wrappers
  'requireAuth',
  'requireUser',
  'requireSession',
  'getCurrentUser',
  'getSessionUser',
  'getAuthSession',
  'getUserOrThrow',
  'requireCurrentUser',
]);

/** Functions whose result is a user object (`user.id`), rather than a session (`session.user.id`). */
const USER_RETURNING = /^(currentUser|getCurrentUser|getUser|requireUser|getSessionUser|getUserOrThrow|requireCurrentUser)$/;
/** next-auth shaped results: the user sits under `.user`. */
const NEXT_AUTH_SHAPED = /^(getServerSession|auth|getServerAuthSession|getAuthSession)$/;

/** Tenant fields that name the user rather than an organisation: scoped by the user's own id. */
export function isUserLevelField(field: string): boolean {
  return /^(user|owner|author|createdBy|creator|member)(_?id|Id)$/i.test(field) || /^(user|owner|author)_id$/.test(field);
}

export function isSessionCall(node: Node, extra: readonly string[]): boolean {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.AwaitExpression) value = unwrap(value.argument);
  if (value.type !== AST_NODE_TYPES.CallExpression) return false;
  const name = calleeName(value);
  return name !== null && (SESSION_FUNCTIONS.has(name) || extra.includes(name));
}

interface SessionBinding {
  name: string;
  /** `object`: a session or user object; `value`: a scalar taken from one (`const { accountId } = await requireAuth()`). */
  kind: 'object' | 'value';
  /** For objects: how the user id is read from it. */
  userIdPath?: string;
}

function bindingsOfPattern(pattern: Node, fnName: string, out: SessionBinding[]): void {
  if (pattern.type === AST_NODE_TYPES.Identifier) {
    const userIdPath = NEXT_AUTH_SHAPED.test(fnName) ? `${pattern.name}.user.id` : USER_RETURNING.test(fnName) ? `${pattern.name}.id` : undefined;
    out.push({ name: pattern.name, kind: 'object', userIdPath });
    return;
  }
  if (pattern.type !== AST_NODE_TYPES.ObjectPattern) return;
  for (const prop of pattern.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const value = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
    if (value.type === AST_NODE_TYPES.Identifier) {
      const isObject = value.name === 'user' || value.name === 'session';
      out.push({ name: value.name, kind: isObject ? 'object' : 'value', userIdPath: value.name === 'user' ? 'user.id' : undefined });
    } else {
      bindingsOfPattern(value, fnName, out); // `{ data: { user } }` from supabase.auth.getUser()
    }
  }
}

/** Session-derived bindings declared before `node` in its function and the functions around it. */
export function sessionBindingsBefore(node: Node, extra: readonly string[]): SessionBinding[] {
  const out: SessionBinding[] = [];
  for (let scopeNode: Node | undefined = node; scopeNode; ) {
    for (const statement of precedingStatements(scopeNode)) {
      if (statement.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of statement.declarations) {
        if (!declarator.init) continue;
        if (isSessionCall(declarator.init, extra)) {
          let call = unwrap(declarator.init);
          if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
          bindingsOfPattern(declarator.id, calleeName(call as TSESTree.CallExpression) ?? '', out);
        } else if (declarator.id.type === AST_NODE_TYPES.Identifier && isDerivedFrom(declarator.init, out)) {
          out.push({ name: declarator.id.name, kind: 'value' });
        }
      }
    }
    // continue with the enclosing function's own position
    let parent: Node | undefined = scopeNode.parent;
    while (parent && !isFunction(parent)) parent = parent.parent;
    scopeNode = parent;
  }
  return out;
}

/** `session.user.accountId`, `user.id`: a member chain rooted at a session object binding. */
function isDerivedFrom(init: Node, bindings: SessionBinding[]): boolean {
  let current = unwrap(init);
  if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  if (current.type !== AST_NODE_TYPES.MemberExpression) return false;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier && bindings.some((b) => b.kind === 'object' && b.name === (current as TSESTree.Identifier).name);
}

function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The expression, in scope at `node`, that holds the session's value for a tenant field — or null when there is no
 * session in view. Used for suggestions, so it prefers what the code already wrote over a guess of the shape.
 * With `guess: false` (the codemods), a custom session object's shape is not guessed (`session.accountId` for a
 * `const session = await requireAuth()` the function never reads a tenant from): only what is known is returned.
 */
export function sessionValueFor(node: Node, field: string, extra: readonly string[], options: { guess?: boolean } = {}): string | null {
  const bindings = sessionBindingsBefore(node, extra);
  if (bindings.length === 0) return null;
  const wanted = new Set([field, camel(field)]);
  const direct = bindings.find((b) => b.kind === 'value' && wanted.has(b.name));
  if (direct) return direct.name;

  // A path the function already reads elsewhere: `session.user.teamId`.
  const objects = bindings.filter((b) => b.kind === 'object');
  let fn: Node | undefined = node.parent;
  while (fn && !isFunction(fn)) fn = fn.parent;
  let used: string | null = null;
  if (fn) {
    walk(fn, (n) => {
      if (n.type !== AST_NODE_TYPES.MemberExpression || n.optional || n.computed) return;
      if (n.property.type !== AST_NODE_TYPES.Identifier || !wanted.has(n.property.name)) return;
      const path = memberPath(n);
      if (path && objects.some((b) => path.startsWith(`${b.name}.`))) {
        used = path;
        return true;
      }
    });
  }
  if (used) return used;

  if (isUserLevelField(field)) {
    const userValue = bindings.find((b) => b.kind === 'value' && (b.name === 'userId' || b.name === 'user_id'));
    if (userValue) return userValue.name;
    const withPath = objects.find((b) => b.userIdPath);
    if (withPath?.userIdPath) return withPath.userIdPath;
  }
  const custom = options.guess === false ? undefined : objects.find((b) => !b.userIdPath);
  if (custom) return `${custom.name}.${camel(field)}`;
  return null;
}

function memberPath(node: Node): string | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression && !value.computed && value.property.type === AST_NODE_TYPES.Identifier) {
    const object = memberPath(value.object);
    return object ? `${object}.${value.property.name}` : null;
  }
  return null;
}

