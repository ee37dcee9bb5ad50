/**
 * The checks real code does instead of (or before) putting the tenant into a filter: an early exit when the
 * session is missing, an ownership comparison after a lookup by id, an access-check helper, an admin gate.
 * Each is recognised by shape, and each only ever suppresses a finding: a missed guard costs a report, a guard
 * seen where there is none would cost a leak, so the shapes are narrow.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, followingStatements, precedingStatements, rootIdentifier, unwrap, walk, type Node } from './ast.js';

/** Calls that end the request in Next.js, like `return` does. */
const EXITING_CALLS = new Set(['redirect', 'permanentRedirect', 'notFound', 'forbidden', 'unauthorized']);

/** Does running this statement always leave the function (return, throw, redirect())? */
export function exitsEarly(statement: Node): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement:
      return statement.body.some((s) => exitsEarly(s));
    case AST_NODE_TYPES.ExpressionStatement: {
      let expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
      if (expression.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(expression);
      return name !== null && EXITING_CALLS.has(name);
    }
    default:
      return false;
  }
}

/** Does `test` hold when `name` is missing: `!name`, `!name?.user`, `name == null`, `!a || !name`? */
function testCatchesMissing(test: Node, name: string): boolean {
  const value = unwrap(test);
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '!') {
    return rootIdentifier(value.argument)?.name === name;
  }
  if (value.type === AST_NODE_TYPES.LogicalExpression && value.operator === '||') {
    return testCatchesMissing(value.left, name) || testCatchesMissing(value.right, name);
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && ['==', '===', '!=', '!=='].includes(value.operator)) {
    const isNullish = (n: Node): boolean =>
      (n.type === AST_NODE_TYPES.Literal && n.value === null) || (n.type === AST_NODE_TYPES.Identifier && n.name === 'undefined');
    const other = isNullish(value.right) ? value.left : isNullish(value.left) ? value.right : null;
    return other !== null && value.operator.startsWith('=') && rootIdentifier(other)?.name === name;
  }
  return false;
}

/** Is `name` known to be present at `node`, because an earlier statement exits when it is missing? */
export function isGuardedAgainstMissing(name: string, node: Node): boolean {
  for (const statement of precedingStatements(node, { throughFunctions: true })) {
    if (statement.type === AST_NODE_TYPES.IfStatement && testCatchesMissing(statement.test, name) && exitsEarly(statement.consequent)) {
      return true;
    }
    // `assert(session)`, `invariant(session?.user, '…')`
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.CallExpression && /^(assert|invariant|ok)$/.test(calleeName(expression) ?? '')) {
        const first = expression.arguments[0];
        if (first && rootIdentifier(first)?.name === name) return true;
      }
    }
  }
  return false;
}

/** Names of helpers that check access to a row or tenant: `assertCanAccess`, `checkTeamAccess`, `verifyOwnership`. */
// `fetchAndCheckIsMember`, `getAndVerifyTeamAccess`: a lookup combined with the check counts too.
const ACCESS_CHECK = /^(?:[a-z]\w*?And(?=[A-Z]))?([aA]ssert|[cC]heck|[vV]erify|[eE]nsure|[rR]equire|[vV]alidate|[aA]uthori[sz]e|[cC]an|[hH]as|[iI]s)[A-Z_]\w*?(Access|Own|Owns|Owner|Ownership|Permission|Member|Membership|Admin|Authorized|Authorised|Allowed|Belongs)/;

export function isAccessCheckName(name: string, extra: readonly string[]): boolean {
  return ACCESS_CHECK.test(name) || extra.includes(name);
}

function callsAccessCheck(node: Node, extra: readonly string[], mentioning?: string): boolean {
  return walk(
    node,
    (n) => {
      if (n.type !== AST_NODE_TYPES.CallExpression) return false;
      const name = calleeName(n);
      if (!name || !isAccessCheckName(name, extra)) return false;
      return mentioning === undefined || n.arguments.some((a) => mentions(a, mentioning));
    },
    { skipFunctions: true },
  );
}

function mentions(node: Node, name: string): boolean {
  return walk(node, (n) => n.type === AST_NODE_TYPES.Identifier && n.name === name);
}

/**
 * The variable a query's result is stored in: `const row = await db.x.findUnique(…)`, or the row of a result
 * object destructured by its `data` (`const { data: row } = await supabase.from('x').select().single()`).
 */
export function resultVariable(call: Node): TSESTree.Identifier | null {
  let current: Node = call;
  while (
    current.parent &&
    (current.parent.type === AST_NODE_TYPES.AwaitExpression ||
      current.parent.type === AST_NODE_TYPES.TSAsExpression ||
      current.parent.type === AST_NODE_TYPES.TSNonNullExpression)
  ) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
    return parent.id;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const prop of parent.id.properties) {
      if (prop.type === AST_NODE_TYPES.Property && !prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === 'data') {
        return prop.value.type === AST_NODE_TYPES.Identifier ? prop.value : null;
      }
    }
  }
  // `const [row] = await sql\`…\``: raw SQL returns a list of rows.
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.ArrayPattern) {
    const first = parent.id.elements[0];
    return parent.id.elements.length === 1 && first?.type === AST_NODE_TYPES.Identifier ? first : null;
  }
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === current && parent.left.type === AST_NODE_TYPES.Identifier) {
    return parent.left;
  }
  return null;
}

/**
 * A lookup followed by an ownership check before the row is used:
 * `if (!row || row.accountId !== session.accountId) notFound()`, `if (!doc.team.members.some(m => m.userId === id))`,
 * `assertCanAccess(row, session)`.
 */
export function hasOwnershipCheckAfter(call: Node, tenantFields: readonly string[], extra: readonly string[]): boolean {
  const row = resultVariable(call);
  if (!row) return false;
  const name = row.name;
  for (const statement of followingStatements(call)) {
    if (statement.type === AST_NODE_TYPES.IfStatement && mentions(statement.test, name)) {
      if (comparesTenantOf(statement.test, name, tenantFields) || callsAccessCheck(statement.test, extra, name)) return true;
    }
    if (statement.type === AST_NODE_TYPES.ExpressionStatement && callsAccessCheck(statement, extra, name)) return true;
    // `return row.accountId === accountId ? row : null` and similar inline checks
    if (statement.type === AST_NODE_TYPES.ReturnStatement && statement.argument && comparesTenantOf(statement.argument, name, tenantFields)) {
      return true;
    }
  }
  return false;
}

/** Does `node` compare a tenant field (or a membership list) of `row`: `row.accountId !== x`, `row.team.users.some(...)`. */
function comparesTenantOf(node: Node, row: string, tenantFields: readonly string[]): boolean {
  const fields = new Set([...tenantFields, 'id']);
  return walk(node, (n) => {
    if (n.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!='].includes(n.operator)) {
      return [n.left, n.right].some((side) => {
        const chain = memberChain(side);
        return chain !== null && chain[0] === row && chain.length >= 2 && chain.slice(1).some((p) => fields.has(p) || tenantFields.includes(p));
      });
    }
    if (n.type === AST_NODE_TYPES.CallExpression && n.callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = calleeName(n);
      const chain = memberChain(n.callee.object);
      return chain !== null && chain[0] === row && (method === 'some' || method === 'find' || method === 'includes' || method === 'every');
    }
    return false;
  });
}

function memberChain(node: Node): string[] | null {
  let current = unwrap(node);
  if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
  const parts: string[] = [];
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    if (current.computed || current.property.type !== AST_NODE_TYPES.Identifier) return null;
    parts.unshift(current.property.name);
    current = unwrap(current.object);
  }
  if (current.type !== AST_NODE_TYPES.Identifier) return null;
  parts.unshift(current.name);
  return parts;
}

/** An access-check helper called before the query, in the same function: `await assertTeamAccess(teamId, userId)`. */
export function hasAccessCheckBefore(node: Node, extra: readonly string[]): boolean {
  return precedingStatements(node).some((statement) => callsAccessCheck(statement, extra));
}

/** Code behind an admin gate (`requireAdmin()`, `if (!user.isAdmin)`, `role === 'ADMIN'`) may read across tenants. */
const ADMIN_GATE = /\b(require|assert|ensure|check|verify|is)(Super|Platform|Site)?Admin\b|\bisAdmin\b|\bisSuperAdmin\b|\brole\s*[!=]==?\s*['"`](super_?)?admin['"`]/i;

/** Wrappers that run their callback only for admins: `adminActionClient.action(cb)`, tRPC `adminProcedure.query(cb)`. */
const ADMIN_WRAPPER = /\b(admin|superAdmin|platformAdmin)\w*/i;

export function isInAdminContext(node: Node, sourceCode: Readonly<TSESLint.SourceCode>): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      current.type === AST_NODE_TYPES.FunctionDeclaration ||
      current.type === AST_NODE_TYPES.FunctionExpression ||
      current.type === AST_NODE_TYPES.ArrowFunctionExpression
    ) {
      if (ADMIN_GATE.test(sourceCode.getText(current))) return true;
      const call = current.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && (call.arguments as Node[]).includes(current) && ADMIN_WRAPPER.test(sourceCode.getText(call.callee))) {
        return true;
      }
    }
  }
  return false;
}
