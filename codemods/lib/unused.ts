/**
 * Removing the reads a rewrite left unused: once `accountId` in a query is the session's, the
 * `const { accountId, body } = await req.json()` that read it from the browser loses `accountId` (and the whole
 * declaration goes when nothing is left of it), and what that read from (`const body = await req.json()`) goes too
 * when nothing else uses it.
 *
 * Only what is certainly unused and certainly harmless to drop is removed: a `const`/`let` binding declared in a
 * statement list, never reassigned, every reference of which was rewritten away; a property of a flat object
 * pattern without a rest element (a rest would then collect the removed key). A declaration whose initialiser may
 * do more than read (a call other than the request readers, `schema.parse(…)` that validates) keeps its
 * initialiser as a statement of its own: `schema.parse(await req.json());`.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../../src/core/ast.js';
import type { TextEdit } from './edits.js';
import { startsLine, usesSemicolons } from './source.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;
type Variable = TSESLint.Scope.Variable;

/** Methods that read from the request or a value without doing anything else. */
const READ_METHODS = new Set(['get', 'getAll', 'has', 'json', 'formData', 'text', 'toString', 'trim', 'toLowerCase', 'toUpperCase']);
const READ_FUNCTIONS = new Set(['String', 'Number']);
const READ_CONSTRUCTORS = new Set(['URL', 'URLSearchParams']);

/** An expression that only reads: names, member chains, the request's own readers (`await req.json()`, `formData.get('x')`). */
export function isPureRead(node: Node): boolean {
  const value = unwrap(node);
  switch (value.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.AwaitExpression:
      return isPureRead(value.argument);
    case AST_NODE_TYPES.ChainExpression:
      return isPureRead(value.expression);
    case AST_NODE_TYPES.MemberExpression:
      return isPureRead(value.object) && (!value.computed || isPureRead(value.property));
    case AST_NODE_TYPES.TemplateLiteral:
      return value.expressions.every(isPureRead);
    case AST_NODE_TYPES.CallExpression: {
      const callee = unwrap(value.callee);
      const args = value.arguments.every((a) => a.type !== AST_NODE_TYPES.SpreadElement && isPureRead(a));
      if (callee.type === AST_NODE_TYPES.Identifier) return READ_FUNCTIONS.has(callee.name) && args;
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
      return READ_METHODS.has(callee.property.name) && isPureRead(callee.object) && args;
    }
    case AST_NODE_TYPES.NewExpression:
      return (
        value.callee.type === AST_NODE_TYPES.Identifier &&
        READ_CONSTRUCTORS.has(value.callee.name) &&
        value.arguments.every((a) => a.type !== AST_NODE_TYPES.SpreadElement && isPureRead(a))
      );
    default:
      return false;
  }
}

/** How a removable variable is bound. */
type Binding =
  | { kind: 'declarator'; declarator: TSESTree.VariableDeclarator; declaration: TSESTree.VariableDeclaration }
  | { kind: 'property'; property: TSESTree.Property; pattern: TSESTree.ObjectPattern; declarator: TSESTree.VariableDeclarator; declaration: TSESTree.VariableDeclaration };

function bindingOf(variable: Variable): Binding | null {
  if (variable.defs.length !== 1) return null;
  const def = variable.defs[0];
  if (def.type !== 'Variable') return null;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const declaration = declarator.parent as TSESTree.VariableDeclaration;
  if (declaration.kind !== 'const' && declaration.kind !== 'let') return null;
  const holder = declaration.parent;
  if (
    holder?.type !== AST_NODE_TYPES.BlockStatement &&
    holder?.type !== AST_NODE_TYPES.Program &&
    !(holder?.type === AST_NODE_TYPES.SwitchCase && holder.consequent.includes(declaration))
  ) {
    return null; // `for (const x of …)`, `export const x = …`
  }
  if (!declarator.init) return null;
  // Reassigned: the other writes would be left dangling.
  if (variable.references.some((r) => r.isWrite() && !r.init)) return null;
  const name = def.name as TSESTree.Identifier;
  if (declarator.id === name) return { kind: 'declarator', declarator, declaration };
  let holderNode: Node | undefined = name.parent;
  if (holderNode?.type === AST_NODE_TYPES.AssignmentPattern) {
    if (holderNode.left !== name || !isPureRead(holderNode.right)) return null;
    holderNode = holderNode.parent;
  }
  if (holderNode?.type !== AST_NODE_TYPES.Property || holderNode.computed) return null;
  const pattern = holderNode.parent;
  if (pattern?.type !== AST_NODE_TYPES.ObjectPattern || declarator.id !== pattern) return null;
  if (pattern.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) return null;
  return { kind: 'property', property: holderNode, pattern, declarator, declaration };
}

export class UnusedReads {
  private readonly dead: Array<readonly [number, number]> = [];
  private readonly removedProperties = new Set<TSESTree.Property>();
  private readonly removedDeclarators = new Set<TSESTree.VariableDeclarator>();
  private readonly removed = new Set<Variable>();

  constructor(private readonly sourceCode: SourceCode) {}

  /** A range the rewrite replaced: references in it are gone. */
  markDead(range: readonly [number, number]): void {
    this.dead.push(range);
  }

  private isDead(node: Node): boolean {
    return this.dead.some(([start, end]) => start <= node.range[0] && node.range[1] <= end);
  }

  /**
   * Could `variable` be removed once its references in `gone` (and in the dead ranges) are? Its declaration must
   * be one this class knows how to take apart without changing what else runs.
   */
  removable(variable: Variable, gone: ReadonlySet<Node> = new Set()): boolean {
    const binding = bindingOf(variable);
    if (!binding) return false;
    const reads = variable.references.filter((r) => !r.init);
    if (!reads.every((r) => gone.has(r.identifier) || this.isDead(r.identifier))) return false;
    if (this.declaratorEmptied(binding) && !isPureRead(binding.declarator.init!) && binding.declaration.declarations.length > 1) {
      return false; // `const a = f(), b = 1`: `f()` would need a statement of its own between them
    }
    return true;
  }

  /** Would removing `variable` leave its declarator with nothing bound? */
  private declaratorEmptied(binding: Binding): boolean {
    if (binding.kind === 'declarator') return true;
    return binding.pattern.properties.every((p) => p === binding.property || this.removedProperties.has(p as TSESTree.Property));
  }

  /** Removes `variable` (the caller checked `removable`), and what only it used, as far as that is removable too. */
  remove(variable: Variable): void {
    const binding = bindingOf(variable);
    if (!binding || this.removed.has(variable)) return;
    this.removed.add(variable);
    let emptied: TSESTree.VariableDeclarator | null = null;
    if (binding.kind === 'declarator') emptied = binding.declarator;
    else {
      this.removedProperties.add(binding.property);
      this.markDead(binding.property.range);
      if (binding.pattern.properties.every((p) => this.removedProperties.has(p as TSESTree.Property))) emptied = binding.declarator;
    }
    if (!emptied) return;
    this.removedDeclarators.add(emptied);
    if (!isPureRead(emptied.init!)) return; // kept as a statement: what it reads is still used
    this.markDead(emptied.range);
    // What the removed initialiser read from may now be unused as well: `const body = await req.json()`.
    for (const variable of this.variablesIn(emptied.init!)) if (this.removable(variable)) this.remove(variable);
  }

  private variablesIn(node: Node): Variable[] {
    const found: Variable[] = [];
    const scope = this.sourceCode.getScope(node);
    const visit = (s: TSESLint.Scope.Scope) => {
      for (const ref of s.references) {
        if (ref.identifier.range[0] >= node.range[0] && ref.identifier.range[1] <= node.range[1] && ref.resolved && !found.includes(ref.resolved)) {
          found.push(ref.resolved);
        }
      }
    };
    visit(scope);
    return found;
  }

  /** Whether anything was removed. */
  get empty(): boolean {
    return this.removed.size === 0;
  }

  /** Where each removed binding was declared (offsets in the source). */
  removedAt(): number[] {
    return [...this.removed].map((v) => v.defs[0].name.range[0]);
  }

  edits(): TextEdit[] {
    const edits: TextEdit[] = [];
    const declarations = new Set<TSESTree.VariableDeclaration>();
    for (const d of this.removedDeclarators) declarations.add(d.parent as TSESTree.VariableDeclaration);
    const handledPatterns = new Set<TSESTree.ObjectPattern>();
    for (const declaration of declarations) {
      const gone = declaration.declarations.filter((d) => this.removedDeclarators.has(d));
      const impure = gone.filter((d) => !isPureRead(d.init!));
      for (const d of gone) if (d.id.type === AST_NODE_TYPES.ObjectPattern) handledPatterns.add(d.id);
      if (gone.length === declaration.declarations.length) {
        if (impure.length === 1 && gone.length === 1) {
          const semi = usesSemicolons(this.sourceCode) ? ';' : '';
          edits.push({ range: declaration.range, text: `${this.sourceCode.getText(impure[0].init!)}${semi}` });
        } else {
          edits.push(removeStatement(this.sourceCode, declaration));
        }
        continue;
      }
      edits.push(...removeListItems(declaration.declarations, new Set(gone)));
    }
    const patterns = new Set<TSESTree.ObjectPattern>();
    for (const p of this.removedProperties) patterns.add(p.parent as TSESTree.ObjectPattern);
    for (const pattern of patterns) {
      if (handledPatterns.has(pattern)) continue;
      edits.push(...removeListItems(pattern.properties, this.removedProperties as Set<Node>));
    }
    return edits;
  }
}

/** Removes a statement, with the rest of its line when it stands alone there. */
export function removeStatement(sourceCode: SourceCode, statement: Node): TextEdit {
  const text = sourceCode.text;
  const start = statement.range[0];
  let end = statement.range[1];
  const rest = /^[ \t]*(?:\r?\n[ \t]*)?/.exec(text.slice(end))![0];
  if (startsLine(sourceCode, start) && rest.includes('\n')) end += rest.length;
  else end += /^[ \t]*/.exec(text.slice(end))![0].length;
  return { range: [start, end], text: '' };
}

/**
 * Removes the items of a comma-separated list (properties of a pattern, declarators) in `gone`, with their commas:
 * a run of them up to the next kept item, or from the previous kept item when the run ends the list.
 */
export function removeListItems(items: readonly Node[], gone: ReadonlySet<Node>): TextEdit[] {
  const edits: TextEdit[] = [];
  for (let i = 0; i < items.length; ) {
    if (!gone.has(items[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < items.length && gone.has(items[j + 1])) j++;
    const next = items[j + 1];
    if (next) edits.push({ range: [items[i].range[0], next.range[0]], text: '' });
    else {
      // From the end of the previous kept item; a trailing comma after the run stays: `{ a, b, }` → `{ a, }`.
      const previous = items[i - 1];
      edits.push({ range: [previous ? previous.range[1] : items[i].range[0], items[j].range[1]], text: '' });
    }
    i = j + 1;
  }
  return edits;
}

/**
 * Joins deletions that overlap (a removed statement and the stale review marker on the line after it) into one, so
 * that they apply together; the joined deletion keeps the indentation of the line it ends on, as the removed
 * statement's own deletion did.
 */
export function mergeDeletions(sourceCode: SourceCode, edits: readonly TextEdit[]): TextEdit[] {
  const text = sourceCode.text;
  const deletions = edits.filter((e) => e.text === '' && e.range[1] > e.range[0]).sort((a, b) => a.range[0] - b.range[0]);
  const others = edits.filter((e) => !deletions.includes(e));
  const merged: TextEdit[] = [];
  for (const edit of deletions) {
    const last = merged[merged.length - 1];
    if (last && edit.range[0] < last.range[1]) {
      let end = Math.max(last.range[1], edit.range[1]);
      // Starting after its line's indentation, it ends after the next line's (which takes its place).
      const startsAtColumnZero = last.range[0] === text.lastIndexOf('\n', last.range[0] - 1) + 1;
      if (text[end - 1] === '\n' && !startsAtColumnZero) end += /^[ \t]*/.exec(text.slice(end))![0].length;
      merged[merged.length - 1] = { ...last, range: [last.range[0], end] };
    } else merged.push(edit);
  }
  return [...others, ...merged];
}
