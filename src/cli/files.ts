import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { isDotenvFileName } from '../core/dotenv.js';

/**
 * Directories never worth linting: dependencies, build output, caches. Kept in step with `IGNORE_PATTERNS` below,
 * which tells ESLint the same thing in case a file from one of them is passed to it anyway.
 */
export const SKIPPED_DIRS = new Set(['node_modules', '.next', 'dist', 'build', 'out', 'coverage']);

export const IGNORE_PATTERNS = [
  '**/node_modules/**',
  '**/.next/**',
  '**/dist/**',
  '**/build/**',
  '**/out/**',
  '**/coverage/**',
  '**/*.d.ts',
];

/** The extensions the plugin's configs lint (`SOURCE_FILES` in src/index.ts). */
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
/** Type declarations hold no queries; `.d.mts` / `.d.cts` too. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

export function isSourceFile(name: string): boolean {
  return SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name);
}

/** A file the plugin's configs lint: a source file, or a dotenv file (`.env`, `.env.local`, `.env.example`…). */
export function isLintedFile(name: string): boolean {
  return isSourceFile(name) || isDotenvFileName(name);
}

/**
 * Every source file (and dotenv file) under `root`, as absolute paths sorted by their path relative to `root` (so output order is
 * stable across platforms and file systems). Skips `SKIPPED_DIRS` and dot-directories (`.git`, `.vercel`, `.turbo`,
 * `.yarn`...), and does not follow symbolic links, so a link cycle cannot make it loop.
 */
export function listSourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable directory: nothing we can lint in it
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name));
      } else if (entry.isFile() && isLintedFile(entry.name)) {
        found.push(join(dir, entry.name));
      }
    }
  };
  walk(root);
  return found
    .map((file) => ({ file, key: toPosixRelative(root, file) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ file }) => file);
}

/** `file` relative to `root`, with forward slashes on every platform. */
export function toPosixRelative(root: string, file: string): string {
  const rel = relative(root, file);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
