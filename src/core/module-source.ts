/**
 * A full `SourceCode` (tokens, comments, scopes, parent links) for a module other than the linted file, so that the
 * recognisers that need scope analysis (`findVariable`: Prisma client evidence, Drizzle tables, row flow) can run on
 * a helper the linted file imports. Parsed with the same parser ESLint runs (`@typescript-eslint/parser`), once per
 * version of the file's text (the mtime-validated text of `modules.ts`), never executed.
 */
import { parseForESLint } from '@typescript-eslint/parser';
import { TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readModuleText } from './modules.js';

type SourceCode = TSESLint.SourceCode;

const cache = new Map<string, { text: string; sourceCode: SourceCode | null }>();

/** The SourceCode of a project module, or null when it cannot be read or parsed (never throws). */
export function moduleSourceCode(file: string): SourceCode | null {
  const text = readModuleText(file);
  if (text === null) return null;
  const cached = cache.get(file);
  if (cached && cached.text === text) return cached.sourceCode;
  let sourceCode: SourceCode | null = null;
  try {
    const result = parseForESLint(text, {
      range: true,
      loc: true,
      tokens: true,
      comment: true,
      jsx: /\.[cm]?[jt]sx$/.test(file) || /\.js$/.test(file),
      sourceType: 'module',
      ecmaVersion: 'latest',
      filePath: file,
    });
    const visitorKeys = result.visitorKeys as Record<string, readonly string[] | undefined>;
    assignParents(result.ast as TSESTree.Node, visitorKeys);
    sourceCode = new TSESLint.SourceCode({
      text,
      ast: result.ast as TSESLint.SourceCode.Program,
      parserServices: result.services,
      scopeManager: result.scopeManager,
      visitorKeys: result.visitorKeys as unknown as TSESLint.SourceCode.VisitorKeys,
    });
  } catch {
    sourceCode = null;
  }
  cache.set(file, { text, sourceCode });
  return sourceCode;
}

function assignParents(root: TSESTree.Node, keys: Record<string, readonly string[] | undefined>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') {
          (child as { parent?: TSESTree.Node }).parent = node;
          stack.push(child as TSESTree.Node);
        }
      }
    }
  }
}
