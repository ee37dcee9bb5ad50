/**
 * The session value a rewrite puts into a query, and the code it takes to have one in scope.
 *
 * In order: a value the code already holds (the core's `sessionValueFor`, without guessing a session's shape);
 * the configured `--scope` path on a binding of the configured `--session` call that is in scope (`const auth =
 * await requireAuth()` gives `auth.accountId`); the same after binding a bare `await requireAuth();` statement; and
 * last a new `const session = await requireAuth();` at the top of the enclosing async function, with its import,
 * when that function serves a request (a route handler, a page, a server action: the core's `isEntryFunction`).
 * Anything else is not certain, and the caller leaves the query for review with the reason given here.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, isFunction, precedingStatements, unwrap, type FunctionNode } from '../../src/core/ast.js';
import { isEntryFunction } from '../../src/core/request-input.js';
import { isSessionCall, sessionBindingsBefore, sessionValueFor } from '../../src/core/session.js';
import type { Rewrite } from './codemod.js';
import type { TextEdit } from './edits.js';
import { planImport } from './imports.js';
import { scopeFor, type CodemodOptions, type ScopeEntry, type SessionCall } from './options.js';
import { indentAt, indentUnit, insertLineBefore, usesSemicolons } from './source.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;

export type SessionAnswer = { ok: true; value: string; commit: () => void } | { ok: false; reason: string };

/** What `--scope` says, relative to the session call's result. */
interface ScopeShape {
  /** Members of the call's result: `['accountId']` for `session.accountId` and for a destructured `accountId`. */
  resultPath: string[];
  /** The name a new binding gets: `session`, or the destructured `accountId`. */
  binding: string;
  destructure: boolean;
}

function shapeOf(entry: ScopeEntry): ScopeShape {
  if (entry.path.length === 0 && entry.root === entry.field) return { resultPath: [entry.root], binding: entry.root, destructure: true };
  return { resultPath: entry.path, binding: entry.root, destructure: false };
}

interface Plan {
  kind: 'insert' | 'bind' | 'extend';
  /** The function to insert into, the bare call statement to bind, or the object pattern to extend. */
  at: Node;
  /** For an object binding: its name. */
  object: string | null;
  /** For a destructuring: the names it gets. */
  names: string[];
  committed: boolean;
}

export class SessionPlanner {
  private readonly plans = new Map<Node, Plan>();
  private readonly sessionFunctions: string[];

  constructor(
    private readonly sourceCode: SourceCode,
    private readonly filename: string,
    private readonly options: CodemodOptions,
    settingsSessionFunctions: readonly string[],
  ) {
    this.sessionFunctions = [...settingsSessionFunctions, ...(options.session ? [options.session.name] : [])];
  }

  /**
   * `freed`: a variable the caller removes when it commits (the browser's `accountId` read, once nothing else uses
   * it), so its name is free for the session's value.
   */
  valueFor(node: Node, field: string, options: { freed?: TSESLint.Scope.Variable } = {}): SessionAnswer {
    const freed = options.freed;
    const known = sessionValueFor(node, field, this.sessionFunctions, { guess: false });
    if (known) return { ok: true, value: known, commit: () => {} };
    const entry = scopeFor(this.options, field);
    const session = this.options.session;
    if (!entry) {
      const bindings = sessionBindingsBefore(node, this.sessionFunctions).map((b) => `\`${b.name}\``);
      if (bindings.length > 0) {
        return { ok: false, reason: `${bindings.join(', ')} from the session is in scope, but not where its ${field} is: pass --scope ${field}=<expression>` };
      }
      if (session) return { ok: false, reason: `no session value for ${field}: pass --scope ${field}=<expression> (e.g. session.${field})` };
      return { ok: false, reason: `no session in scope: pass --session "<function> from <module>" and --scope ${field}=<expression> to insert one` };
    }
    const shape = shapeOf(entry);

    const existing = this.existingBinding(node);
    if (existing) return this.onBinding(existing, shape, field, freed);
    if (sessionBindingsBefore(node, this.sessionFunctions).length > 0 || !session) {
      const names = sessionBindingsBefore(node, this.sessionFunctions).map((b) => `\`${b.name}\``);
      return names.length > 0
        ? { ok: false, reason: `${names.join(', ')} from another session call is in scope: put its ${field} into the query by hand` }
        : { ok: false, reason: `no session in scope: pass --session "<function> from <module>" to insert one` };
    }

    const bare = this.bareCall(node, session);
    if (bare) return this.planned('bind', bare, shape, bare, freed);
    const target = asyncFunctionFor(node);
    if ('reason' in target) return { ok: false, reason: target.reason };
    // Only where a request is being served: a helper may also run in a job or a webhook, with no session to take.
    if (!isEntryFunction(target.fn, this.filename, this.sourceCode)) {
      return {
        ok: false,
        reason: `${functionName(target.fn)} is not a route handler, page or server action, so there may be no session when it runs: take the session in its caller and pass the ${field} in`,
      };
    }
    return this.planned('insert', target.fn, shape, target.fn, freed);
  }

  /** A binding of the session call in scope before `node`: `const session = await requireAuth()`, `const { userId } = …`. */
  private existingBinding(node: Node): TSESTree.VariableDeclarator | null {
    const wanted = this.options.session?.name;
    for (let scope: TSESLint.Scope.Scope | null = this.sourceCode.getScope(node); scope; scope = scope.upper) {
      for (const variable of scope.variables) {
        const def = variable.defs[0];
        if (def?.type !== 'Variable') continue;
        const declarator = def.node as TSESTree.VariableDeclarator;
        if (!declarator.init || declarator.range[1] > node.range[0]) continue;
        if (!isSessionCall(declarator.init, this.sessionFunctions)) continue;
        let call = unwrap(declarator.init);
        if (call.type === AST_NODE_TYPES.AwaitExpression) call = unwrap(call.argument);
        if (wanted && calleeName(call as TSESTree.CallExpression) !== wanted) continue;
        return declarator;
      }
    }
    return null;
  }

  private onBinding(declarator: TSESTree.VariableDeclarator, shape: ScopeShape, field: string, freed?: TSESLint.Scope.Variable): SessionAnswer {
    const id = declarator.id;
    if (id.type === AST_NODE_TYPES.Identifier) return { ok: true, value: [id.name, ...shape.resultPath].join('.'), commit: () => {} };
    if (id.type !== AST_NODE_TYPES.ObjectPattern || shape.resultPath.length !== 1) {
      return { ok: false, reason: `the session is destructured here: add its ${field} to \`${this.sourceCode.getText(id)}\` by hand` };
    }
    const key = shape.resultPath[0];
    for (const prop of id.properties) {
      if (prop.type === AST_NODE_TYPES.RestElement) {
        return { ok: false, reason: `the session is destructured with a rest element: add its ${field} by hand` };
      }
      if (!prop.computed && prop.key.type === AST_NODE_TYPES.Identifier && prop.key.name === key) {
        const value = prop.value.type === AST_NODE_TYPES.AssignmentPattern ? prop.value.left : prop.value;
        if (value.type === AST_NODE_TYPES.Identifier) return { ok: true, value: value.name, commit: () => {} };
        return { ok: false, reason: `the session's ${key} is destructured further: put it into the query by hand` };
      }
    }
    return this.planned('extend', id, { resultPath: [key], binding: key, destructure: true }, declarator, freed);
  }

  /** `await requireAuth();` as a statement before `node`, its result unused. */
  private bareCall(node: Node, session: SessionCall): TSESTree.ExpressionStatement | null {
    for (const statement of precedingStatements(node, { throughFunctions: true })) {
      if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
      let expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.AwaitExpression) expression = unwrap(expression.argument);
      if (
        expression.type === AST_NODE_TYPES.CallExpression &&
        expression.callee.type === AST_NODE_TYPES.Identifier &&
        expression.callee.name === session.name
      ) {
        return statement;
      }
    }
    return null;
  }

  private planned(kind: Plan['kind'], at: Node, shape: ScopeShape, nameScope: Node, freed?: TSESLint.Scope.Variable): SessionAnswer {
    const plan = this.plans.get(at);
    if (plan) {
      if (plan.object !== null) return { ok: true, value: [plan.object, ...shape.resultPath].join('.'), commit: () => (plan.committed = true) };
      if (shape.destructure) {
        const name = shape.binding;
        if (!plan.names.includes(name) && nameTaken(this.sourceCode, nameScope, name, freed)) return taken(name);
        return {
          ok: true,
          value: name,
          commit: () => {
            plan.committed = true;
            if (!plan.names.includes(name)) plan.names.push(name);
          },
        };
      }
      return { ok: false, reason: `the session is destructured here: add ${shape.resultPath.join('.')} to it by hand` };
    }
    if (nameTaken(this.sourceCode, nameScope, shape.binding, freed)) return taken(shape.binding);
    const next: Plan = { kind, at, object: shape.destructure ? null : shape.binding, names: shape.destructure ? [shape.binding] : [], committed: false };
    return {
      ok: true,
      value: shape.destructure ? shape.binding : [shape.binding, ...shape.resultPath].join('.'),
      commit: () => {
        next.committed = true;
        this.plans.set(at, next);
      },
    };
  }

  /** The edits of every plan a rewrite committed to, with what each one did (for the summary). */
  edits(): { edits: TextEdit[]; rewrites: Rewrite[] } {
    const edits: TextEdit[] = [];
    const rewrites: Rewrite[] = [];
    const kinds = { push: (kind: string, at: Node) => rewrites.push({ kind, at: at.range[0] }) };
    const semi = usesSemicolons(this.sourceCode) ? ';' : '';
    const session = this.options.session;
    let imported = false;
    for (const plan of this.plans.values()) {
      if (!plan.committed) continue;
      const pattern = plan.object ?? `{ ${plan.names.join(', ')} }`;
      if (plan.kind === 'extend') {
        const properties = (plan.at as TSESTree.ObjectPattern).properties;
        const last = properties[properties.length - 1];
        edits.push({ range: [last.range[1], last.range[1]], text: `, ${plan.names.join(', ')}` });
        kinds.push('session: value destructured', plan.at);
      } else if (plan.kind === 'bind') {
        edits.push({ range: [plan.at.range[0], plan.at.range[0]], text: `const ${pattern} = ` });
        kinds.push('session: call bound', plan.at);
      } else if (session) {
        edits.push(...insertAtTop(this.sourceCode, plan.at as FunctionNode, `const ${pattern} = await ${session.name}()${semi}`, semi));
        kinds.push('session: call inserted', plan.at);
        if (session.from && !imported) {
          imported = true;
          const plan = planImport(this.sourceCode, session.name, session.from, session.isDefault, true);
          if (plan.status === 'add') {
            edits.push(plan.edit);
            rewrites.push({ kind: 'import added', at: plan.edit.range[0] });
          }
        }
      }
    }
    return { edits, rewrites };
  }
}

function functionName(fn: FunctionNode): string {
  if (fn.id) return `\`${fn.id.name}\``;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return `\`${parent.id.name}\``;
  return 'the function around it';
}

function taken(name: string): SessionAnswer {
  return { ok: false, reason: `\`${name}\` is already a name here, so the session cannot be bound to it: put the session value into the query by hand` };
}

/**
 * The async function to take the session in: the nearest one, or further out through callbacks
 * (`ids.map(async (id) => …)` inside an async handler takes it once, in the handler).
 */
function asyncFunctionFor(node: Node): { fn: FunctionNode } | { reason: string } {
  let candidate: FunctionNode | null = null;
  for (let current: Node | undefined = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    if (current.async) candidate = current;
    const parent = current.parent;
    const isCallback =
      current.type !== AST_NODE_TYPES.FunctionDeclaration &&
      (parent?.type === AST_NODE_TYPES.CallExpression || parent?.type === AST_NODE_TYPES.NewExpression) &&
      parent.arguments.includes(current as TSESTree.Expression);
    if (!isCallback) break;
  }
  if (candidate) return { fn: candidate };
  return { reason: 'the function around it is not async, so the session cannot be awaited there: take the session in its caller and pass it in' };
}

/**
 * Is `name` declared in (or used from outside) the function, or visible where it is? Then binding it could change a
 * reference. `freed` does not count: the caller removes it.
 */
function nameTaken(sourceCode: SourceCode, at: Node, name: string, freed?: TSESLint.Scope.Variable): boolean {
  const scopeManager = sourceCode.scopeManager!;
  let container: Node | undefined = at;
  while (container && !isFunction(container) && container.type !== AST_NODE_TYPES.Program) container = container.parent;
  if (!container) return true;
  const scope = scopeManager.acquire(container, true) ?? sourceCode.getScope(container);
  const declares = (s: TSESLint.Scope.Scope) => {
    const variable = s.set.get(name);
    return variable !== undefined && variable !== freed;
  };
  for (let s: TSESLint.Scope.Scope | null = scope; s; s = s.upper) if (declares(s)) return true;
  const inside = (s: TSESLint.Scope.Scope): boolean =>
    declares(s) || s.through.some((r) => r.identifier.name === name && (freed === undefined || r.resolved !== freed)) || s.childScopes.some(inside);
  return inside(scope);
}

/** Inserts a statement at the top of a function body (after its directives), or turns an expression body into a block. */
function insertAtTop(sourceCode: SourceCode, fn: FunctionNode, statement: string, semi: string): TextEdit[] {
  const body = fn.body;
  if (body.type === AST_NODE_TYPES.BlockStatement) {
    const first = body.body.find((s) => !(s.type === AST_NODE_TYPES.ExpressionStatement && s.directive !== undefined));
    if (first) return [insertLineBefore(sourceCode, first, statement, 0)];
    const close = sourceCode.getLastToken(body)!;
    return [{ range: [close.range[0], close.range[0]], text: `${statement} ` }];
  }
  // Two insertions around the expression rather than one replacement, so that edits inside it (the query's own) still apply.
  const arrow = sourceCode.getTokenBefore(body, { filter: (t) => t.value === '=>', includeComments: false });
  const start = sourceCode.getTokenAfter(arrow!)!;
  const end = sourceCode.getLastToken(fn)!;
  const outer = indentAt(sourceCode, fn.range[0]);
  const inner = outer + indentUnit(sourceCode);
  return [
    { range: [start.range[0], start.range[0]], text: `{\n${inner}${statement}\n${inner}return `, order: -1 },
    { range: [end.range[1], end.range[1]], text: `${semi}\n${outer}}`, order: 1 },
  ];
}
