/**
 * Text edits on the original source, the way ESLint fixes are: a codemod computes them on the TSESTree the rule saw
 * and applies them all at once. Only the edited ranges change, so the formatting and comments around them are the
 * author's, byte for byte (recast would reprint every object literal it touches in its own layout).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

export interface TextEdit {
  range: readonly [number, number];
  text: string;
  /** Among insertions at the same offset, lower comes first (a session binding before a review comment). */
  order?: number;
}

type NodeOrToken = TSESTree.Node | TSESTree.Token;

/** An ESLint `RuleFixer` whose fixes are plain edits, so the rules' fix helpers (`src/fixes.ts`) serve the codemods too. */
export const fixer: TSESLint.RuleFixer = {
  insertTextAfter: (n: NodeOrToken, text: string) => ({ range: [n.range[1], n.range[1]], text }),
  insertTextAfterRange: (range: Readonly<TSESTree.Range>, text: string) => ({ range: [range[1], range[1]], text }),
  insertTextBefore: (n: NodeOrToken, text: string) => ({ range: [n.range[0], n.range[0]], text }),
  insertTextBeforeRange: (range: Readonly<TSESTree.Range>, text: string) => ({ range: [range[0], range[0]], text }),
  remove: (n: NodeOrToken) => ({ range: n.range, text: '' }),
  removeRange: (range: Readonly<TSESTree.Range>) => ({ range, text: '' }),
  replaceText: (n: NodeOrToken, text: string) => ({ range: n.range, text }),
  replaceTextRange: (range: Readonly<TSESTree.Range>, text: string) => ({ range, text }),
};

/** Fixes as ESLint fix functions return them (one, several, an iterable, or null), as edits. */
export function editsOf(fix: TSESLint.RuleFix | Iterable<TSESLint.RuleFix> | null | undefined): TextEdit[] {
  if (!fix) return [];
  if (Symbol.iterator in fix) return [...fix].map((f) => ({ range: f.range, text: f.text }));
  return [{ range: (fix as TSESLint.RuleFix).range, text: (fix as TSESLint.RuleFix).text }];
}

export class OverlappingEditsError extends Error {}

function sorted(edits: readonly TextEdit[]): TextEdit[] {
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.range[0] - b.edit.range[0] || a.edit.range[1] - b.edit.range[1] || (a.edit.order ?? 0) - (b.edit.order ?? 0) || a.index - b.index)
    .map(({ edit }) => edit);
}

/** Drops exact duplicates (two targets asking for the same import) and checks that no two edits overlap. */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  let end = -1;
  for (const edit of sorted(edits)) {
    const key = `${edit.range[0]}:${edit.range[1]}:${edit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (edit.range[0] < end) {
      throw new OverlappingEditsError(`overlapping edits at ${edit.range[0]}-${edit.range[1]}`);
    }
    end = Math.max(end, edit.range[1]);
    out.push(edit);
  }
  return out;
}

export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let output = '';
  let at = 0;
  for (const edit of normalizeEdits(edits)) {
    output += source.slice(at, edit.range[0]) + edit.text;
    at = edit.range[1];
  }
  return output + source.slice(at);
}

/** Where an offset of the original source ends up once `edits` are applied (insertions at it come before it). */
export function mapOffset(offset: number, edits: readonly TextEdit[]): number {
  let shift = 0;
  for (const edit of normalizeEdits(edits)) {
    if (edit.range[0] > offset || (edit.range[0] === offset && edit.range[1] > offset)) break;
    if (edit.range[1] > offset) return edit.range[0] + shift; // inside a replaced range: its start
    shift += edit.text.length - (edit.range[1] - edit.range[0]);
  }
  return offset + shift;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
