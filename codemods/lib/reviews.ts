/**
 * The review bookkeeping every codemod does the same way: one `// tenant-guard: review: …` comment per statement,
 * naming every reason left there, and the removal of markers an earlier run left above code this run rewrote.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Review } from './codemod.js';
import type { TextEdit } from './edits.js';
import { listStatement, removeReviewComments, reviewComment } from './source.js';

type Node = TSESTree.Node;

export interface NodeReview extends Review {
  /** The node the comment goes above the statement of. */
  node: Node;
}

/** One comment per statement (the first reason first), and no second one where an earlier run left one. */
export function reviewCommentEdits(sourceCode: TSESLint.SourceCode, reviews: readonly NodeReview[]): TextEdit[] {
  const byStatement = new Map<Node, string[]>();
  for (const r of reviews) {
    const statement = listStatement(r.node) ?? r.node;
    const reasons = byStatement.get(statement) ?? [];
    if (!reasons.includes(r.reason)) reasons.push(r.reason);
    byStatement.set(statement, reasons);
  }
  const edits: TextEdit[] = [];
  for (const [statement, reasons] of byStatement) {
    const edit = reviewComment(sourceCode, statement, reasons.join('; '));
    if (edit) edits.push(edit);
  }
  return edits;
}

/** Markers of an earlier run above the statements this run rewrote, unless this run leaves a review there too. */
export function staleReviewEdits(sourceCode: TSESLint.SourceCode, rewritten: Iterable<Node>, reviews: readonly NodeReview[]): TextEdit[] {
  const reviewed = new Set<Node | null>(reviews.map((r) => listStatement(r.node)));
  const edits: TextEdit[] = [];
  const seen = new Set<Node>();
  for (const node of rewritten) {
    const statement = listStatement(node);
    if (!statement || seen.has(statement) || reviewed.has(statement)) continue;
    seen.add(statement);
    edits.push(...removeReviewComments(sourceCode, statement));
  }
  return edits;
}

/** The reviews as a plan returns them. */
export function planReviews(reviews: readonly NodeReview[]): Review[] {
  return reviews.map(({ kind, at, reason }) => ({ kind, at, reason }));
}
