/**
 * Does a value reach the browser, and which parts of it? Followed forward from where a query's result appears —
 * through `await`, `const` bindings and destructuring, object and array literals, array methods that keep the rows
 * (`filter`, `slice`, `find`, `[0]`), `map` callbacks, `.then`, `Promise.all`, `for…of`, helper functions of the same
 * file — to the places that send it to the client:
 *
 * - a response: `NextResponse.json(x)`, `Response.json(x)`, `new Response(JSON.stringify(x))`, `res.json(x)`,
 *   `res.send(x)`, `res.status(200).json(x)`;
 * - the return value of a server action (`'use server'`), or of a next-safe-action / zsa action or tRPC procedure
 *   callback, which the framework serialises to the caller;
 * - the `props` that `getServerSideProps` / `getStaticProps` return;
 * - a prop of a `'use client'` component rendered by a Server Component (`<ProfileForm user={user} />`, `{...user}`).
 *
 * What is followed is a set of *paths* (`[]` for the rows themselves, `['author']` for an included relation,
 * `['data']` for a Supabase response): `{ user }` prefixes them, `x.user` and `const { user } = x` select them, and
 * the ways code drops a field on the way out shorten what is left — `const { passwordHash, ...safe } = user`,
 * `{ ...user, passwordHash: undefined }`, `delete user.passwordHash`. Anything else — a helper of another module, a
 * serialiser, a mapper the code calls — is unknown, and unknown never reaches a sink.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { findVariable, importedName, isFunction, memberName, propertyKeyName, rootIdentifier, unwrap, type FunctionNode, type Node } from './ast.js';
import { moduleDirective } from './client-graph.js';
import { parseModule, readModuleText, resolveImport } from './modules.js';
import { isEntryFunction } from './request-input.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface FlowContext {
  sourceCode: SourceCode;
  filename: string;
  /** Also a sink (`returned`): what this function returns (a helper another module imports and calls). */
  returnsOf?: FunctionNode;
}

export interface Sink {
  kind: 'response' | 'action' | 'page-props' | 'client-prop' | 'returned';
  /** Where the value leaves: the response call, the `return`, the JSX attribute. */
  node: Node;
  /** `NextResponse.json()`, `updateProfile`, `<ProfileForm user>`. */
  label: string;
}

/** Something followed to the browser: a path in the value, and the sensitive fields still in it. */
export interface Tracked<T> {
  item: T;
  path: string[];
  fields: string[];
  /** Started without sensitive fields (a full row in `strict`): alive as long as its path is. */
  bare: boolean;
}

export interface Reach<T> {
  sink: Sink;
  tracked: Tracked<T>[];
}

const MAX_DEPTH = 14;

/** Array methods whose result holds the same rows (or one of them). */
const KEEPS_ROWS = new Set(['filter', 'slice', 'sort', 'reverse', 'find', 'findLast', 'at', 'concat', 'flat', 'toSorted', 'toReversed', 'toSpliced', 'catch', 'finally', 'toJSON', 'valueOf']);
/** `Promise.all([a, b])`, `prisma.$transaction([a, b])`: element `i` of the result is the result of `a`, `b`. */
const COMBINATORS = new Set(['all', '$transaction']);
/** Wrappers that memoise a helper without changing what it returns. */
const MEMOISERS = new Set(['cache', 'unstable_cache', 'memoize']);
const RESPONSE_OBJECTS = new Set(['NextResponse', 'Response']);
const RESPONSE_PARAMS = /^(res|response|reply)$/;

// ---------------------------------------------------------------------------------------------------------------
// Paths

function prefix<T>(state: Tracked<T>[], key: string): Tracked<T>[] {
  return state.map((t) => ({ ...t, path: [key, ...t.path] }));
}

/** A path that matches every key: a probe for "does any part of this value reach a sink?". */
export const ANY_PATH = ['*'];

/** `x.key` / `x[0]`: what is under that key. Indexes of arrays are transparent (rows and a list of rows alike). */
function member<T>(state: Tracked<T>[], key: string | number | null): Tracked<T>[] {
  return state.flatMap((t) => {
    if (t.path[0] === '*') return [t]; // the probe: any key at any depth
    if (key === null) return [];
    if (typeof key === 'number') {
      if (t.path[0]?.startsWith('#')) return t.path[0] === `#${key}` ? [{ ...t, path: t.path.slice(1) }] : [];
      return [t];
    }
    return t.path[0] === key ? [{ ...t, path: t.path.slice(1) }] : [];
  });
}

/** The value without these keys (rest destructuring, overriding spread, `delete`). */
function without<T>(state: Tracked<T>[], keys: ReadonlySet<string>): Tracked<T>[] {
  if (keys.size === 0) return state;
  return state.flatMap((t) => {
    if (t.path.length > 0) return keys.has(t.path[0]) ? [] : [t];
    if (t.bare) return [t];
    const fields = t.fields.filter((f) => !keys.has(f));
    return fields.length > 0 ? [{ ...t, fields }] : [];
  });
}

function numericKey(node: TSESTree.MemberExpression): number | null {
  if (!node.computed) return null;
  const property = unwrap(node.property);
  return property.type === AST_NODE_TYPES.Literal && typeof property.value === 'number' ? property.value : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Sinks

function responseCall(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const name = memberName(callee);
  const object = unwrap(callee.object);
  if (name === 'json' && object.type === AST_NODE_TYPES.Identifier && RESPONSE_OBJECTS.has(object.name)) return `${object.name}.json()`;
  if (name !== 'json' && name !== 'send') return null;
  const root = rootIdentifier(object);
  return root && RESPONSE_PARAMS.test(root.name) ? `${root.name}.${name}()` : null;
}

function hasDirective(body: readonly TSESTree.Node[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !('directive' in statement) || !statement.directive) return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** A server action: a function with its own `'use server'`, or an exported function of a `'use server'` module. */
function isServerAction(fn: FunctionNode, ctx: FlowContext): boolean {
  const own = fn.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(fn.body.body, 'use server');
  if (own) return true;
  return hasDirective(ctx.sourceCode.ast.body, 'use server') && isEntryFunction(fn, ctx.filename, ctx.sourceCode);
}

/**
 * The callback of a next-safe-action / zsa action or a tRPC procedure (`actionClient.schema(s).action(async () => …)`,
 * `protectedProcedure.query(async () => …)`): what it returns is sent to the caller. Null when `fn` is none.
 */
function actionBuilder(fn: FunctionNode, ctx: FlowContext): string | null {
  const call = fn.parent;
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as Node[]).includes(fn) || call.callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = memberName(call.callee);
  const receiver = ctx.sourceCode.getText(call.callee.object);
  if ((method === 'query' || method === 'mutation') && /procedure/i.test(receiver)) return `.${method}()`;
  if ((method === 'action' || method === 'stateAction') && /action|client/i.test(receiver)) return `.${method}()`;
  if (method === 'handler' && /action|procedure/i.test(receiver)) return '.handler()';
  return null;
}

/** The name a function is bound to in this file (`function getUser`, `const getUser = cache(async () => …)`). */
export function functionBinding(fn: FunctionNode): TSESTree.Identifier | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id ?? null;
  let node: Node | undefined = fn.parent;
  if (node?.type === AST_NODE_TYPES.CallExpression && (node.arguments as Node[]).includes(fn)) {
    const callee = unwrap(node.callee);
    const name = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : null;
    if (!name || !MEMOISERS.has(name)) return null;
    node = node.parent;
  }
  return node?.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier ? node.id : null;
}

export function functionName(fn: FunctionNode): string | null {
  return functionBinding(fn)?.name ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// Client components

const clientModules = new Map<string, boolean>();

/** Does the module start with `'use client'`, or re-export `name` from one that does? */
function isClientExport(file: string, name: string, depth = 0): boolean {
  if (depth > 3) return false;
  const key = `${file}\0${name}`;
  const cached = clientModules.get(key);
  if (cached !== undefined) return cached;
  clientModules.set(key, false);
  const text = readModuleText(file);
  let result = false;
  if (moduleDirective(file) === 'use client') result = depth === 0 || exportsName(file, name);
  else if (text !== null && /\bexport\b[^;]*\bfrom\b/.test(text)) {
    const program = parseModule(file);
    for (const statement of program?.body ?? []) {
      if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
        const target = resolveImport(statement.source.value, file);
        if (target && isClientExport(target, name, depth + 1)) result = true;
      } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
        for (const spec of statement.specifiers) {
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
          if (exported !== name) continue;
          const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
          const target = resolveImport(statement.source.value, file);
          if (target && isClientExport(target, local, depth + 1)) result = true;
        }
      }
      if (result) break;
    }
  }
  clientModules.set(key, result);
  return result;
}

/** Does the module export `name` itself (reached through `export *`, it must)? */
function exportsName(file: string, name: string): boolean {
  const program = parseModule(file);
  for (const statement of program?.body ?? []) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') return true;
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration && 'id' in declaration && declaration.id?.type === AST_NODE_TYPES.Identifier && declaration.id.name === name) return true;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.declarations.some((d) => d.id.type === AST_NODE_TYPES.Identifier && d.id.name === name)) return true;
    if (statement.specifiers.some((s) => (s.exported.type === AST_NODE_TYPES.Identifier ? s.exported.name : s.exported.value) === name)) return true;
  }
  return false;
}

/** The component's name when `<X …>` renders a component imported from a `'use client'` module; else null. */
function clientComponent(opening: TSESTree.JSXOpeningElement, ctx: FlowContext): string | null {
  let name = opening.name;
  let exported: string | null = null;
  if (name.type === AST_NODE_TYPES.JSXMemberExpression) {
    exported = name.property.name;
    while (name.type === AST_NODE_TYPES.JSXMemberExpression) name = name.object;
  }
  if (name.type !== AST_NODE_TYPES.JSXIdentifier || !/^[A-Z]/.test(name.name)) return null;
  const variable = ASTUtils.findVariable(ctx.sourceCode.getScope(opening), name.name);
  const def = variable?.defs[0];
  if (def?.type !== 'ImportBinding' || def.parent?.type !== AST_NODE_TYPES.ImportDeclaration) return null;
  const file = resolveImport(def.parent.source.value, ctx.filename);
  if (!file) return null;
  const spec = def.node;
  const imported = spec.type === AST_NODE_TYPES.ImportSpecifier || spec.type === AST_NODE_TYPES.ImportDefaultSpecifier ? importedName(spec) : exported;
  if (!imported) return null;
  return isClientExport(file, imported) ? ctx.sourceCode.getText(opening.name) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The walk

interface Search<T> {
  ctx: FlowContext;
  reaches: Reach<T>[];
  seen: Set<Node>;
}

/**
 * Where the value of `start` goes, as far as this file shows: every sink it reaches, with what is left of `items`
 * there. `items` are at paths of `start`'s value.
 */
export function sinksReached<T>(start: Node, items: Array<{ item: T; path: string[]; fields: string[] }>, ctx: FlowContext): Reach<T>[] {
  const search: Search<T> = { ctx, reaches: [], seen: new Set() };
  const state = items.map((i) => ({ item: i.item, path: i.path, fields: i.fields, bare: i.fields.length === 0 }));
  up(start, state, search, 0);
  return search.reaches;
}

function up<T>(node: Node, state: Tracked<T>[], search: Search<T>, depth: number): void {
  if (state.length === 0 || depth > MAX_DEPTH) return;
  const parent = node.parent;
  if (!parent) return;
  switch (parent.type) {
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion:
    case AST_NODE_TYPES.AwaitExpression:
    case AST_NODE_TYPES.ChainExpression:
      return up(parent, state, search, depth);
    case AST_NODE_TYPES.LogicalExpression:
      // `user && check(user)` is `user` only when that is empty: a row on the left of `&&` is not the result.
      return parent.operator === '&&' && parent.left === node ? undefined : up(parent, state, search, depth);
    case AST_NODE_TYPES.ConditionalExpression:
      return parent.test === node ? undefined : up(parent, state, search, depth);
    case AST_NODE_TYPES.SequenceExpression:
      return parent.expressions[parent.expressions.length - 1] === node ? up(parent, state, search, depth) : undefined;
    case AST_NODE_TYPES.Property: {
      const object = parent.parent;
      if (parent.value !== node || object?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const key = propertyKeyName(parent);
      return key === null ? undefined : up(object, prefix(state, key), search, depth);
    }
    case AST_NODE_TYPES.SpreadElement: {
      const container = parent.parent;
      if (container?.type === AST_NODE_TYPES.ArrayExpression) return up(container, state, search, depth);
      if (container?.type !== AST_NODE_TYPES.ObjectExpression) return;
      // `{ ...user, passwordHash: undefined }`: keys written after the spread replace the row's.
      const index = container.properties.indexOf(parent);
      const overridden = new Set(
        container.properties.slice(index + 1).flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [propertyKeyName(p) ?? ''] : [])),
      );
      return up(container, without(state, overridden), search, depth);
    }
    case AST_NODE_TYPES.ArrayExpression: {
      const index = parent.elements.indexOf(node as TSESTree.Expression);
      const call = parent.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === parent && call.callee.type === AST_NODE_TYPES.MemberExpression && COMBINATORS.has(memberName(call.callee) ?? '')) {
        return up(call, prefix(state, `#${index}`), search, depth);
      }
      return up(parent, state, search, depth);
    }
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === node ? memberUse(parent, state, search, depth) : undefined;
    case AST_NODE_TYPES.CallExpression:
      return argumentUse(parent, node, state, search, depth);
    case AST_NODE_TYPES.NewExpression: {
      const callee = unwrap(parent.callee);
      if (parent.arguments[0] === node && callee.type === AST_NODE_TYPES.Identifier && RESPONSE_OBJECTS.has(callee.name)) {
        search.reaches.push({ sink: { kind: 'response', node: parent, label: `new ${callee.name}()` }, tracked: state });
      }
      return;
    }
    case AST_NODE_TYPES.VariableDeclarator:
      return parent.init === node ? bind(parent.id, state, search, depth) : undefined;
    case AST_NODE_TYPES.AssignmentExpression: {
      if (parent.right !== node || parent.operator !== '=') return;
      const left = parent.left;
      if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.Identifier) {
        // `payload.user = user; return payload`
        const key = memberName(left);
        return key ? variable(left.object, prefix(state, key), search, depth, true) : undefined;
      }
      return bind(left, state, search, depth);
    }
    case AST_NODE_TYPES.ReturnStatement: {
      const fn = enclosingFunction(parent);
      return fn ? returned(fn, parent, state, search, depth) : undefined;
    }
    case AST_NODE_TYPES.ArrowFunctionExpression:
      return parent.body === node ? returned(parent, node, state, search, depth) : undefined;
    case AST_NODE_TYPES.JSXExpressionContainer: {
      const attribute = parent.parent;
      if (attribute?.type !== AST_NODE_TYPES.JSXAttribute) return;
      const opening = attribute.parent as TSESTree.JSXOpeningElement;
      const component = clientComponent(opening, search.ctx);
      const prop = attribute.name.type === AST_NODE_TYPES.JSXIdentifier ? attribute.name.name : search.ctx.sourceCode.getText(attribute.name);
      if (component) search.reaches.push({ sink: { kind: 'client-prop', node: attribute, label: `<${component} ${prop}>` }, tracked: state });
      return;
    }
    case AST_NODE_TYPES.JSXSpreadAttribute: {
      const opening = parent.parent as TSESTree.JSXOpeningElement;
      const component = clientComponent(opening, search.ctx);
      if (component) search.reaches.push({ sink: { kind: 'client-prop', node: parent, label: `<${component} {...}>` }, tracked: state });
      return;
    }
    case AST_NODE_TYPES.ForOfStatement: {
      if (parent.right !== node) return;
      const left = parent.left;
      if (left.type === AST_NODE_TYPES.VariableDeclaration && left.declarations[0]) return bind(left.declarations[0].id, member(state, 0), search, depth);
      return;
    }
    default:
  }
}

function enclosingFunction(node: Node): FunctionNode | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}

/** `x.key`, `x[0]`, and method calls on the value. */
function memberUse<T>(expression: TSESTree.MemberExpression, state: Tracked<T>[], search: Search<T>, depth: number): void {
  const outer = expression.parent;
  if (outer?.type === AST_NODE_TYPES.CallExpression && outer.callee === expression) {
    const method = memberName(expression);
    const callback = outer.arguments[0];
    if (method && KEEPS_ROWS.has(method)) return up(outer, member(state, 0), search, depth);
    if ((method === 'then' || method === 'map' || method === 'flatMap' || method === 'forEach') && callback && isFunction(callback)) {
      const param = callback.params[0];
      // `then` hands over the value; the array methods one element of it.
      if (param) bind(param, method === 'then' ? state : member(state, 0), search, depth + 1);
    }
    return;
  }
  if (outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === expression) return;
  if (outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') return;
  const index = numericKey(expression);
  return up(expression, index !== null ? member(state, index) : member(state, memberName(expression)), search, depth);
}

/** The value is an argument of a call: a response, a serialiser, an array's `push`, or something unknown. */
function argumentUse<T>(call: TSESTree.CallExpression, node: Node, state: Tracked<T>[], search: Search<T>, depth: number): void {
  if (call.callee === node) return;
  const label = call.arguments[0] === node ? responseCall(call) : null;
  if (label) {
    search.reaches.push({ sink: { kind: 'response', node: call, label }, tracked: state });
    return;
  }
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
  const name = memberName(callee);
  const object = unwrap(callee.object);
  // `JSON.stringify(rows)`, and `JSON.parse(JSON.stringify(rows))` (a copy Pages Router props are often made with).
  if ((name === 'stringify' || name === 'parse') && object.type === AST_NODE_TYPES.Identifier && object.name === 'JSON' && call.arguments[0] === node) {
    return up(call, state, search, depth);
  }
  // `list.push(row)`: the list now holds the row.
  if (name === 'push' && object.type === AST_NODE_TYPES.Identifier) return variable(object, state, search, depth, true);
}

/** A value bound to a pattern: an identifier, `{ a, ...rest }`, `[first]`. */
function bind<T>(pattern: Node, state: Tracked<T>[], search: Search<T>, depth: number): void {
  if (state.length === 0) return;
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      return variable(pattern, state, search, depth, false);
    case AST_NODE_TYPES.AssignmentPattern:
      return bind(pattern.left, state, search, depth);
    case AST_NODE_TYPES.ObjectPattern: {
      const named = new Set<string>();
      for (const prop of pattern.properties) {
        if (prop.type === AST_NODE_TYPES.RestElement) continue;
        const key = propertyKeyName(prop);
        if (key === null) return; // a computed key: what the rest holds is unknown
        named.add(key);
        bind(prop.value, member(state, key), search, depth);
      }
      const rest = pattern.properties.find((p) => p.type === AST_NODE_TYPES.RestElement);
      if (rest) bind(rest.argument, without(state, named), search, depth);
      return;
    }
    case AST_NODE_TYPES.ArrayPattern:
      pattern.elements.forEach((element, index) => {
        if (!element) return;
        if (element.type === AST_NODE_TYPES.RestElement) bind(element.argument, state, search, depth);
        else bind(element, member(state, index), search, depth);
      });
      return;
    default:
  }
}

/**
 * Every later read of a variable that holds the value. A variable given other values too (`let user = …; user =
 * sanitize(user)`) is not followed, except for writes of members (`payload.user = user`, with `members`).
 */
function variable<T>(id: TSESTree.Identifier, state: Tracked<T>[], search: Search<T>, depth: number, members: boolean): void {
  const v = findVariable(search.ctx.sourceCode, id);
  if (!v || search.seen.has(id)) return;
  search.seen.add(id);
  // `let premium = null; if (…) premium = { ...row }`: other writes of an empty placeholder do not clean the row.
  const writes = v.references.filter((r) => r.isWrite() && r.identifier !== id && !isPlaceholderWrite(r.writeExpr));
  if (!members && writes.length > 0) return;
  // `delete user.passwordHash`, `user.passwordHash = undefined`: those keys are gone wherever it is read.
  const dropped = new Set<string>();
  const reads: TSESTree.Identifier[] = [];
  for (const ref of v.references) {
    const identifier = ref.identifier as TSESTree.Identifier;
    const parent = identifier.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === identifier) {
      const key = memberName(parent);
      const outer = parent.parent;
      if (key && outer?.type === AST_NODE_TYPES.UnaryExpression && outer.operator === 'delete') {
        dropped.add(key);
        continue;
      }
      if (key && outer?.type === AST_NODE_TYPES.AssignmentExpression && outer.left === parent) {
        if (!members) dropped.add(key);
        continue;
      }
    }
    if (ref.isRead() && identifier !== id) reads.push(identifier);
  }
  const left = without(state, dropped);
  for (const read of reads) up(read, left, search, depth + 1);
}

/** `null`, `undefined`, `false`, `0`, `''`, `[]`, `{}`: a value that carries no row. */
function isPlaceholderWrite(node: Node | null | undefined): boolean {
  if (!node) return false;
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return value.value === null || value.value === false || value.value === 0 || value.value === '';
  if (value.type === AST_NODE_TYPES.Identifier) return value.name === 'undefined';
  if (value.type === AST_NODE_TYPES.ArrayExpression) return value.elements.length === 0;
  if (value.type === AST_NODE_TYPES.ObjectExpression) return value.properties.length === 0;
  return false;
}

/** The value is what `fn` returns. */
function returned<T>(fn: FunctionNode, at: Node, state: Tracked<T>[], search: Search<T>, depth: number): void {
  const { ctx } = search;
  const call = fn.parent;
  if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && call.callee.type === AST_NODE_TYPES.MemberExpression) {
    const method = memberName(call.callee);
    if (method === 'then') return up(call, state, search, depth);
    if (method === 'map' || method === 'flatMap') return up(call, state, search, depth);
  }
  if (fn === ctx.returnsOf) {
    search.reaches.push({ sink: { kind: 'returned', node: at, label: functionName(fn) ?? 'the function' }, tracked: state });
    return;
  }
  const builder = actionBuilder(fn, ctx);
  if (builder) {
    search.reaches.push({ sink: { kind: 'action', node: at, label: `the ${builder} callback` }, tracked: state });
    return;
  }
  const name = functionName(fn);
  if (isServerAction(fn, ctx)) {
    search.reaches.push({ sink: { kind: 'action', node: at, label: name ? `the server action \`${name}\`` : 'the server action' }, tracked: state });
    return;
  }
  if ((name === 'getServerSideProps' || name === 'getStaticProps') && isEntryFunction(fn, ctx.filename, ctx.sourceCode)) {
    const props = member(state, 'props');
    if (props.length > 0) search.reaches.push({ sink: { kind: 'page-props', node: at, label: `\`${name}\`` }, tracked: props });
    return;
  }
  // A helper of this file: follow its calls.
  const binding = functionBinding(fn);
  const v = binding ? findVariable(ctx.sourceCode, binding) : null;
  if (!v || search.seen.has(fn)) return;
  search.seen.add(fn);
  for (const ref of v.references) {
    const parent = ref.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === ref.identifier) up(parent, state, search, depth + 1);
  }
}
