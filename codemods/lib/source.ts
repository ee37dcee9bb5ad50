/** Where and how to insert code so that it reads as if the author wrote it: statements, indentation, semicolons. */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TextEdit } from './edits.js';

type SourceCode = TSESLint.SourceCode;
type Node = TSESTree.Node;

/** The marker a codemod leaves where a rewrite was not certain; `tenant-guard migrate` lists each one. */
export const REVIEW_MARKER = 'tenant-guard: review';

/** The statement of a statement list (a block, the program, a `case`) that contains `node`. */
export function listStatement(node: Node): TSESTree.Statement | TSESTree.ProgramStatement | null {
  for (let current: Node | undefined = node; current?.parent; current = current.parent) {
    const parent: Node = current.parent;
    if (
      parent.type === AST_NODE_TYPES.BlockStatement ||
      parent.type === AST_NODE_TYPES.Program ||
      parent.type === AST_NODE_TYPES.StaticBlock ||
      (parent.type === AST_NODE_TYPES.SwitchCase && parent.consequent.includes(current as TSESTree.Statement))
    ) {
      return current as TSESTree.Statement;
    }
  }
  return null;
}

/** The whitespace that starts the line `offset` is on. */
export function indentAt(sourceCode: SourceCode, offset: number): string {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Only whitespace between the start of its line and `offset`. */
export function startsLine(sourceCode: SourceCode, offset: number): boolean {
  const text = sourceCode.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*$/.test(text.slice(lineStart, offset));
}

/** One indentation step as the file writes it (two spaces, four, or a tab). */
export function indentUnit(sourceCode: SourceCode): string {
  const counts = new Map<string, number>();
  let previous = '';
  for (const line of sourceCode.lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.length > previous.length && indent.startsWith(previous)) {
      const step = indent.slice(previous.length);
      counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    previous = indent;
  }
  let best = '  ';
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount) {
      best = step;
      bestCount = count;
    }
  }
  return best;
}

/** Does the file end its statements with semicolons? (Most statements that could, do.) */
export function usesSemicolons(sourceCode: SourceCode): boolean {
  let withSemi = 0;
  let without = 0;
  for (const statement of sourceCode.ast.body) {
    if (
      statement.type !== AST_NODE_TYPES.ImportDeclaration &&
      statement.type !== AST_NODE_TYPES.VariableDeclaration &&
      statement.type !== AST_NODE_TYPES.ExpressionStatement
    ) {
      continue;
    }
    const last = sourceCode.getLastToken(statement);
    if (last?.value === ';') withSemi++;
    else without++;
  }
  return withSemi >= without;
}

/** The quote the file's imports use. */
export function quoteStyle(sourceCode: SourceCode): string {
  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) return statement.source.raw.startsWith('"') ? '"' : "'";
  }
  return "'";
}

/**
 * The offset to insert a line before `statement` at, so that a comment block directly above it stays with it:
 * the start of its first leading comment that starts a line, else the statement's own start.
 */
export function lineInsertionPoint(sourceCode: SourceCode, statement: Node): number {
  const comments = sourceCode.getCommentsBefore(statement);
  for (const comment of comments) {
    // A review marker left by an earlier run may be removed by this one: insert below it, not into it.
    if (isReviewMarker(comment)) continue;
    if (startsLine(sourceCode, comment.range[0])) return comment.range[0];
  }
  return statement.range[0];
}

function isReviewMarker(comment: TSESTree.Comment): boolean {
  return comment.value.trim().startsWith(REVIEW_MARKER);
}

/**
 * Removes the review markers an earlier run left above `statement` (their whole lines), once the query there has
 * been rewritten: they would otherwise point at code that is now fine.
 */
export function removeReviewComments(sourceCode: SourceCode, statement: Node): TextEdit[] {
  const text = sourceCode.text;
  const edits: TextEdit[] = [];
  for (const comment of sourceCode.getCommentsBefore(statement)) {
    if (!isReviewMarker(comment)) continue;
    const lineStart = text.lastIndexOf('\n', comment.range[0] - 1) + 1;
    const newline = text.indexOf('\n', comment.range[1]);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (!startsLine(sourceCode, comment.range[0]) || text.slice(comment.range[1], lineEnd).trim() !== '') continue;
    edits.push({ range: [lineStart, lineEnd], text: '' });
  }
  return edits;
}

/** Inserts `text` as a line of its own above `statement` (or before it on the same line when it shares one). */
export function insertLineBefore(sourceCode: SourceCode, statement: Node, text: string, order = 0): TextEdit {
  const at = lineInsertionPoint(sourceCode, statement);
  if (startsLine(sourceCode, at)) return { range: [at, at], text: `${text}\n${indentAt(sourceCode, at)}`, order };
  return { range: [at, at], text: `${text} `, order };
}

/** Is there a review marker right above the statement already (the codemod ran here before)? */
export function hasReviewComment(sourceCode: SourceCode, statement: Node): boolean {
  return sourceCode.getCommentsBefore(statement).some(isReviewMarker);
}

/**
 * The edit that leaves `// tenant-guard: review: <reason>` above the statement holding `node`, or null when one
 * is there already. Inside JSX or a statement that does not start its line it is a block comment.
 */
export function reviewComment(sourceCode: SourceCode, node: Node, reason: string): TextEdit | null {
  const statement = listStatement(node);
  if (!statement) return null;
  if (hasReviewComment(sourceCode, statement)) return null;
  const oneLine = reason.replace(/\s+/g, ' ').trim();
  const at = lineInsertionPoint(sourceCode, statement);
  if (startsLine(sourceCode, at)) return { range: [at, at], text: `// ${REVIEW_MARKER}: ${oneLine}\n${indentAt(sourceCode, at)}`, order: 1 };
  return { range: [at, at], text: `/* ${REVIEW_MARKER}: ${oneLine.replace(/\*\//g, '* /')} */ `, order: 1 };
}

/** Adds `text` as the last property of a non-empty object literal, on a line of its own when the object spans lines. */
export function addLastProperty(sourceCode: SourceCode, object: TSESTree.ObjectExpression, text: string): TextEdit {
  const last = object.properties[object.properties.length - 1];
  const after = sourceCode.getTokenAfter(last)!;
  const close = sourceCode.getLastToken(object)!;
  const multiline = close.loc.start.line !== last.loc.end.line;
  if (after.value === ',') {
    // `{ a, }` / trailing comma on its own lines: keep the comma style.
    return multiline
      ? { range: [after.range[1], after.range[1]], text: `\n${indentAt(sourceCode, last.range[0])}${text},` }
      : { range: [after.range[1], after.range[1]], text: ` ${text},` };
  }
  return multiline
    ? { range: [last.range[1], last.range[1]], text: `,\n${indentAt(sourceCode, last.range[0])}${text}` }
    : { range: [last.range[1], last.range[1]], text: `, ${text}` };
}
