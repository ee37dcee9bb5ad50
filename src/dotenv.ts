/**
 * `tenant-guard/dotenv`: an ESLint language for dotenv files, so that `no-public-env-secret` can read `.env.local`
 * and `.env.example` the way it reads code. ESLint lints only what a language can parse; with this one, the plugin's
 * configs lint `**\/.env` and `**\/.env.*` too. It implements the language interface of ESLint 9.7+ and 10
 * (`parse`, `createSourceCode`, a source code object with `traverse`, `getLoc`, `getRange` and disable directives)
 * without depending on `@eslint/plugin-kit`.
 *
 * Disable directives work as in code, in `#` comments:
 *
 *     # eslint-disable-next-line tenant-guard/no-public-env-secret -- a demo key, rotated daily
 *     NEXT_PUBLIC_DEMO_SECRET=…
 */
import {
  DOTENV_VISITOR_KEYS,
  lineStarts,
  parseDotenv,
  type DotenvComment,
  type DotenvDocument,
  type DotenvNode,
  type SourceLocation,
} from './core/dotenv.js';

export type { DotenvComment, DotenvDocument, DotenvEntry, DotenvKey, DotenvNode, DotenvValue } from './core/dotenv.js';

interface LanguageFile {
  path: string;
  physicalPath?: string;
  bom?: boolean;
  body: string | Uint8Array;
}

type DirectiveType = 'disable' | 'enable' | 'disable-line' | 'disable-next-line';

interface Directive {
  type: DirectiveType;
  node: DotenvComment;
  value: string;
  justification: string;
}

interface VisitStep {
  kind: 1;
  type: 'visit';
  target: DotenvNode;
  phase: 1 | 2;
  args: [DotenvNode, DotenvNode | undefined];
}

const DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint-enable)(?=\s|$)(.*)$/s;

/** The source code object rules see for a dotenv file (`context.sourceCode`). */
export class DotenvSourceCode {
  readonly text: string;
  readonly ast: DotenvDocument;
  readonly lines: string[];
  readonly visitorKeys = DOTENV_VISITOR_KEYS;
  /** Marks this object for rules that run in both languages. */
  readonly isDotenv = true;
  #lineStarts: number[] | null = null;

  constructor({ text, ast }: { text: string; ast: DotenvDocument }) {
    this.text = text;
    this.ast = ast;
    this.lines = text.split(/\r\n|\r|\n/);
  }

  getLoc(node: { loc: SourceLocation }): SourceLocation {
    return node.loc;
  }

  getRange(node: { range: [number, number] }): [number, number] {
    return node.range;
  }

  getText(node?: { range: [number, number] }): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  /** 0-based offset → `{ line (1-based), column (0-based) }`. */
  getLocFromIndex(index: number): { line: number; column: number } {
    this.#lineStarts ??= lineStarts(this.text);
    const starts = this.#lineStarts;
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1] <= index) line++;
    return { line: line + 1, column: index - starts[line] };
  }

  getIndexFromLoc(loc: { line: number; column: number }): number {
    this.#lineStarts ??= lineStarts(this.text);
    return (this.#lineStarts[loc.line - 1] ?? this.text.length) + loc.column;
  }

  *traverse(): Iterable<VisitStep> {
    const visit = function* (node: DotenvNode, parent: DotenvNode | undefined): Generator<VisitStep> {
      yield { kind: 1, type: 'visit', target: node, phase: 1, args: [node, parent] };
      for (const key of DOTENV_VISITOR_KEYS[node.type]) {
        const child = (node as unknown as Record<string, DotenvNode | DotenvNode[] | null>)[key];
        if (Array.isArray(child)) for (const c of child) yield* visit(c, node);
        else if (child) yield* visit(child, node);
      }
      yield { kind: 1, type: 'visit', target: node, phase: 2, args: [node, parent] };
    };
    yield* visit(this.ast, undefined);
  }

  /** `# eslint-disable…` comments, for ESLint to apply. */
  getDisableDirectives(): { directives: Directive[]; problems: Array<{ ruleId: null; message: string; loc: SourceLocation }> } {
    const directives: Directive[] = [];
    for (const comment of this.ast.comments) {
      const m = DIRECTIVE.exec(comment.value);
      if (!m) continue;
      const [directivePart, ...justification] = m[2].split(/\s-{2,}\s/);
      directives.push({
        type: m[1].slice('eslint-'.length) as DirectiveType,
        node: comment,
        value: directivePart.trim(),
        justification: justification.join(' -- ').trim(),
      });
    }
    return { directives, problems: [] };
  }

  /** The directive comments, so that ESLint can warn about them under `noInlineConfig`. */
  getInlineConfigNodes(): DotenvComment[] {
    return this.ast.comments.filter((comment) => DIRECTIVE.test(comment.value));
  }

  /** Rule configuration comments (`# eslint rule: off`) are not supported in dotenv files. */
  applyInlineConfig(): { configs: never[]; problems: never[] } {
    return { configs: [], problems: [] };
  }
}

/** Does a rule's `context.sourceCode` belong to a dotenv file? */
export function isDotenvSourceCode(sourceCode: unknown): sourceCode is DotenvSourceCode {
  return typeof sourceCode === 'object' && sourceCode !== null && (sourceCode as { isDotenv?: unknown }).isDotenv === true;
}

export const dotenvLanguage = {
  fileType: 'text' as const,
  lineStart: 1 as const,
  columnStart: 0 as const,
  nodeTypeKey: 'type',
  visitorKeys: DOTENV_VISITOR_KEYS,
  defaultLanguageOptions: {},
  meta: { name: 'tenant-guard/dotenv' },

  /** It has no options; options meant for JavaScript (a global `languageOptions` block) are ignored, not rejected. */
  validateLanguageOptions(): void {},

  parse(file: LanguageFile): { ok: true; ast: DotenvDocument } | { ok: false; errors: Array<{ message: string; line: number; column: number }> } {
    try {
      const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
      return { ok: true, ast: parseDotenv(text) };
    } catch (error) {
      return { ok: false, errors: [{ message: `tenant-guard/dotenv: cannot read ${file.path}: ${String(error)}`, line: 1, column: 1 }] };
    }
  },

  createSourceCode(file: LanguageFile, input: { ast: DotenvDocument }): DotenvSourceCode {
    const text = typeof file.body === 'string' ? file.body : new TextDecoder().decode(file.body);
    return new DotenvSourceCode({ text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, ast: input.ast });
  },
};

/** The files the plugin's configs lint as dotenv. `.envrc` (a shell script) and `.env.ts` are not dotenv files. */
export const DOTENV_FILES = ['**/.env', '**/.env.*'];
export const DOTENV_IGNORES = ['**/.env.*.{js,jsx,mjs,cjs,ts,tsx,mts,cts,json}', '**/.env.{js,jsx,mjs,cjs,ts,tsx,mts,cts,json}'];
