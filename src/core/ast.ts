/**
 * Small AST and data-flow helpers shared by the recognisers. They answer one question each, conservatively:
 * when a value cannot be followed (a parameter, a call result, a reassigned `let`), they say so with `null` and the
 * caller treats it as unknown, never as unsafe.
 */
import { visitorKeys } from '@typescript-eslint/visitor-keys';
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** Strips what does not change a value: `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** `a.b` and `a['b']` → `'b'`; computed non-literal → null. */
export function memberName(node: TSESTree.MemberExpression): string | null {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === 'string') {
    return node.property.value;
  }
  return null;
}

/** `{ a: 1 }`, `{ 'a': 1 }`, `{ [`a`]: 1 }` → `'a'`; other computed keys → null. */
export function propertyKeyName(prop: TSESTree.Property): string | null {
  const key = prop.key;
  if (!prop.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0].value.cooked ?? null;
  return null;
}

export function findVariable(sourceCode: SourceCode, id: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(id), id);
}

/** The declarator that gives a variable its single value: `const x = …` (or a `let` never assigned again). */
export function singleDeclarator(variable: TSESLint.Scope.Variable): TSESTree.VariableDeclarator | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return null;
  const parent = declarator.parent as TSESTree.VariableDeclaration;
  if (parent.kind !== 'const') {
    const reassigned = variable.references.some((ref) => ref.isWrite() && ref.identifier !== declarator.id && !ref.init);
    if (reassigned) return null;
  }
  return declarator;
}

/** The value an identifier holds, when it is bound once to an expression in view; else null. */
export function resolveIdentifier(sourceCode: SourceCode, id: TSESTree.Identifier): Expression | null {
  const variable = findVariable(sourceCode, id);
  if (!variable) return null;
  return singleDeclarator(variable)?.init ?? null;
}

/** Follows `const a = b; const b = {…}` chains to the first expression that is not a plain identifier. */
export function resolveValue(sourceCode: SourceCode, node: Node, depth = 0): Node {
  const value = unwrap(node);
  if (value.type !== AST_NODE_TYPES.Identifier || depth > 5) return value;
  const init = resolveIdentifier(sourceCode, value);
  return init ? resolveValue(sourceCode, init, depth + 1) : value;
}

export interface PropertyWrite {
  key: string;
  value: Node;
  node: Node;
}

/**
 * Writes into an object variable after it was created: `where.accountId = x`, `where['accountId'] = x`,
 * `Object.assign(where, { accountId })`. Code that builds a filter step by step is common and is scoped.
 */
export function propertyWrites(sourceCode: SourceCode, id: TSESTree.Identifier): PropertyWrite[] {
  const variable = findVariable(sourceCode, id);
  if (!variable) return [];
  const writes: PropertyWrite[] = [];
  for (const ref of variable.references) {
    const parent = ref.identifier.parent;
    if (!parent) continue;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === ref.identifier) {
      const assignment = parent.parent;
      const key = memberName(parent);
      if (key && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
        writes.push({ key, value: assignment.right, node: assignment });
      }
    } else if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === ref.identifier &&
      isMemberCall(parent, 'Object', 'assign')
    ) {
      for (const source of parent.arguments.slice(1)) {
        const object = resolveValue(sourceCode, source);
        if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const prop of object.properties) {
          if (prop.type !== AST_NODE_TYPES.Property) continue;
          const key = propertyKeyName(prop);
          if (key) writes.push({ key, value: prop.value, node: prop });
        }
      }
    }
  }
  return writes;
}

export function isMemberCall(node: TSESTree.CallExpression, object: string, property: string): boolean {
  const callee = node.callee;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === object &&
    memberName(callee) === property
  );
}

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export function isFunction(node: Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The innermost name a callee is known by: `auth()` → `auth`, `supabase.auth.getUser()` → `getUser`. */
export function calleeName(node: TSESTree.CallExpression | TSESTree.NewExpression): string | null {
  const callee = unwrap(node.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression) return memberName(callee);
  return null;
}

/** The identifier at the root of a member chain: `session?.user.id` → `session`. */
export function rootIdentifier(node: Node): TSESTree.Identifier | null {
  let current = unwrap(node);
  for (;;) {
    if (current.type === AST_NODE_TYPES.ChainExpression) current = current.expression;
    else if (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    else if (current.type === AST_NODE_TYPES.CallExpression) current = unwrap(current.callee);
    else break;
  }
  return current.type === AST_NODE_TYPES.Identifier ? current : null;
}

/**
 * Statements before (or after) `node` in every block between it and its function: where guards and checks stand.
 * With `throughFunctions`, also those around the enclosing functions (a callback created after
 * `if (!userId) return` still sees `userId` narrowed, as TypeScript agrees for `const` bindings).
 */
function siblingStatements(node: Node, side: 'before' | 'after', throughFunctions: boolean): Node[] {
  const result: Node[] = [];
  let current: Node = node;
  for (let parent = node.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.SwitchCase) {
      const body = (parent.type === AST_NODE_TYPES.SwitchCase ? parent.consequent : parent.body) as Node[];
      const index = body.indexOf(current);
      if (index >= 0) result.push(...(side === 'before' ? body.slice(0, index) : body.slice(index + 1)));
    }
    if (isFunction(parent) && !throughFunctions) break;
  }
  return result;
}

export function precedingStatements(node: Node, options: { throughFunctions?: boolean } = {}): Node[] {
  return siblingStatements(node, 'before', options.throughFunctions ?? false);
}

export function followingStatements(node: Node): Node[] {
  return siblingStatements(node, 'after', false);
}

/** Child keys of a node type that the visitor keys do not know (a newer parser): found once from a node of it. */
const extraKeys = new Map<string, string[]>();

function childKeys(node: Node): readonly string[] {
  const known = visitorKeys[node.type];
  if (known) return known;
  let keys = extraKeys.get(node.type);
  if (!keys) extraKeys.set(node.type, (keys = Object.keys(node).filter((k) => k !== 'parent' && k !== 'loc' && k !== 'range')));
  return keys;
}

/**
 * Depth-first walk with early exit (`visit` returns true to stop). Skips nested functions when asked. Children are
 * found through the parser's visitor keys, as ESLint does: no key list is allocated per node (rules walk on every
 * keystroke), and a Program's token and comment lists are not walked as if they were nodes.
 */
export function walk(node: Node, visit: (node: Node) => boolean | void, options: { skipFunctions?: boolean } = {}): boolean {
  if (visit(node) === true) return true;
  for (const key of childKeys(node)) {
    const value = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(value)) {
      for (const child of value) {
        if (isNode(child) && !(options.skipFunctions && isFunction(child)) && walk(child, visit, options)) return true;
      }
    } else if (isNode(value) && !(options.skipFunctions && isFunction(value)) && walk(value, visit, options)) {
      return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** What an import binding takes from its module: `x` in `import { x as y }`, `default`, or `*` (a namespace, `import x = require()`). */
export function importedName(spec: TSESTree.ImportClause | TSESTree.TSImportEqualsDeclaration): string {
  if (spec.type === AST_NODE_TYPES.ImportSpecifier) return spec.imported.type === AST_NODE_TYPES.Identifier ? spec.imported.name : spec.imported.value;
  return spec.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : '*';
}
