/**
 * A parser for dotenv files (`.env`, `.env.local`, `.env.example`) that keeps positions, for the plugin's dotenv
 * language and `tenant-guard check`. It reads what `dotenv` (and therefore Next.js's `@next/env`) reads:
 * `KEY=value`, `export KEY=value`, `KEY: value`, single/double/backtick-quoted values that may span lines, `#`
 * comments (an unquoted value ends at `#`). Lines it does not understand are skipped, as dotenv skips them, so a
 * dotenv file never fails to parse.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 0-based. */
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

interface BaseNode {
  range: [number, number];
  loc: SourceLocation;
}

export interface DotenvKey extends BaseNode {
  type: 'DotenvKey';
  name: string;
}

export interface DotenvValue extends BaseNode {
  type: 'DotenvValue';
  /** The value dotenv yields: quotes removed, `\n` expanded in double quotes. */
  value: string;
  /** The source text, quotes included. */
  raw: string;
  quote: '"' | "'" | '`' | null;
}

export interface DotenvEntry extends BaseNode {
  type: 'DotenvEntry';
  key: DotenvKey;
  /** Null for `KEY=` (an empty value). */
  value: DotenvValue | null;
  exported: boolean;
}

export interface DotenvComment extends BaseNode {
  type: 'DotenvComment';
  /** The text after `#`, untrimmed. */
  value: string;
}

export interface DotenvDocument extends BaseNode {
  type: 'DotenvDocument';
  body: DotenvEntry[];
  comments: DotenvComment[];
}

export type DotenvNode = DotenvDocument | DotenvEntry | DotenvKey | DotenvValue | DotenvComment;

export const DOTENV_VISITOR_KEYS: Record<DotenvNode['type'], string[]> = {
  DotenvDocument: ['body'],
  DotenvEntry: ['key', 'value'],
  DotenvKey: [],
  DotenvValue: [],
  DotenvComment: [],
};

/** Offsets of the first character of every line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionAt(starts: readonly number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] };
}

const KEY = /^([ \t]*)(export[ \t]+)?([A-Za-z_][\w.-]*)[ \t]*(?:=|:(?=[ \t]))[ \t]*/;

export function parseDotenv(input: string): DotenvDocument {
  // Offsets are into the text without a byte order mark, as ESLint hands it to languages.
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const starts = lineStarts(text);
  const node = <T extends { type: string }>(fields: T, start: number, end: number): T & BaseNode => ({
    ...fields,
    range: [start, end],
    loc: { start: positionAt(starts, start), end: positionAt(starts, end) },
  });
  const body: DotenvEntry[] = [];
  const comments: DotenvComment[] = [];

  let pos = 0;
  while (pos < text.length) {
    const eol = lineEnd(text, pos);
    const line = text.slice(pos, eol);
    const trimmed = line.trimStart();
    if (trimmed.startsWith('#')) {
      const hash = pos + (line.length - trimmed.length);
      comments.push(node({ type: 'DotenvComment' as const, value: text.slice(hash + 1, eol) }, hash, eol));
      pos = nextLine(text, eol);
      continue;
    }
    const m = KEY.exec(line);
    if (!m) {
      pos = nextLine(text, eol);
      continue;
    }
    const keyStart = pos + m[1].length + (m[2]?.length ?? 0);
    const key = node({ type: 'DotenvKey' as const, name: m[3] }, keyStart, keyStart + m[3].length);
    const valueStart = pos + m[0].length;
    let value: DotenvValue | null = null;
    let rest = eol; // where the text after the value (a trailing comment) starts
    let lineAfter = eol;
    const quote = text[valueStart];
    if (quote === '"' || quote === "'" || quote === '`') {
      const close = closingQuote(text, valueStart + 1, quote);
      if (close !== -1) {
        const raw = text.slice(valueStart, close + 1);
        let inner = raw.slice(1, -1);
        if (quote === '"') inner = inner.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
        value = node({ type: 'DotenvValue' as const, value: inner, raw, quote: quote as DotenvValue['quote'] }, valueStart, close + 1);
        lineAfter = lineEnd(text, close + 1);
        rest = close + 1;
      }
    }
    if (!value && valueStart < eol) {
      const hash = text.indexOf('#', valueStart);
      const end = hash !== -1 && hash < eol ? hash : eol;
      const raw = text.slice(valueStart, end).trimEnd();
      if (raw.length > 0) value = node({ type: 'DotenvValue' as const, value: raw, raw, quote: null }, valueStart, valueStart + raw.length);
      rest = end;
    }
    const entryEnd = value ? value.range[1] : keyStart + m[3].length;
    body.push(node({ type: 'DotenvEntry' as const, key, value, exported: Boolean(m[2]) }, keyStart, entryEnd));
    const hash = text.indexOf('#', rest);
    if (hash !== -1 && hash < lineAfter) comments.push(node({ type: 'DotenvComment' as const, value: text.slice(hash + 1, lineAfter) }, hash, lineAfter));
    pos = nextLine(text, lineAfter);
  }
  return node({ type: 'DotenvDocument' as const, body, comments }, 0, text.length);
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, eol: number): number {
  if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) return eol + 2;
  return eol + 1;
}

/** The offset of the quote that closes a value opened just before `from` (a backslash escapes it), or -1. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === quote) return i;
  }
  return -1;
}

/** `.env`, `.env.local`, `.env.example`, `.env.production.local` — not `.envrc`, not `.env.ts`. */
export function isDotenvFileName(name: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(name) && !/\.(?:[cm]?[jt]sx?|json|d\.ts)$/.test(name);
}

/** Template files that document variables rather than set them (`.env.example`, `.env.sample`, `.env.template`). */
export function isDotenvTemplate(name: string): boolean {
  return /^\.env(?:\.[\w-]+)*\.(?:example|sample|template|dist|defaults?|schema)$/i.test(name) || /^\.env\.(?:example|sample|template)\b/i.test(name);
}
