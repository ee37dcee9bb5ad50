/**
 * Reading the project's other modules, for evidence a single file does not hold: where an imported `db` was
 * constructed, which tables a schema module defines. Imports resolve like the project's own tooling does —
 * relative paths, `tsconfig.json` `paths` aliases (with `baseUrl`), and the `@/` / `~/` conventions as a fallback;
 * package imports are not followed. Everything is cached per process and re-validated by mtime.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function findUp(start: string, name: string): string | null {
  let dir = start;
  for (;;) {
    if (isFile(join(dir, name))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

interface PathAliases {
  baseUrl: string;
  paths: Array<{ prefix: string; suffix: string; targets: string[] }>;
}

const aliasCache = new Map<string, PathAliases | null>();

/** `compilerOptions.paths` of the nearest tsconfig.json (JSON with comments and trailing commas tolerated). */
function aliasesFor(dir: string): PathAliases | null {
  const tsconfigDir = findUp(dir, 'tsconfig.json');
  if (!tsconfigDir) return null;
  if (aliasCache.has(tsconfigDir)) return aliasCache.get(tsconfigDir)!;
  let result: PathAliases | null = null;
  try {
    const text = readFileSync(join(tsconfigDir, 'tsconfig.json'), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/(^|[^:"'])\/\/.*$/gm, '$1')
      .replace(/,\s*([}\]])/g, '$1');
    const options = (JSON.parse(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }).compilerOptions ?? {};
    const baseUrl = resolve(tsconfigDir, options.baseUrl ?? '.');
    const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
      const star = pattern.indexOf('*');
      return {
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? '' : pattern.slice(star + 1),
        targets: star === -1 ? targets.map((t) => `${t}\0exact`) : targets,
      };
    });
    result = { baseUrl, paths };
  } catch {
    result = null;
  }
  aliasCache.set(tsconfigDir, result);
  return result;
}

function firstExisting(bases: string[]): string | null {
  for (const base of bases) {
    for (const ext of EXTENSIONS) {
      if (isFile(base + ext)) return base + ext;
    }
  }
  return null;
}

/** The file an import specifier names, or null (a package, or a path that does not exist). */
export function resolveImport(source: string, fromFile: string): string | null {
  const fromDir = dirname(fromFile);
  if (source.startsWith('.')) return firstExisting([resolve(fromDir, source)]);
  const aliases = aliasesFor(fromDir);
  if (aliases) {
    for (const { prefix, suffix, targets } of aliases.paths) {
      if (!source.startsWith(prefix) || !source.endsWith(suffix)) continue;
      const middle = source.slice(prefix.length, source.length - suffix.length);
      const bases = targets.map((t) => (t.endsWith('\0exact') ? resolve(aliases.baseUrl, t.slice(0, -6)) : resolve(aliases.baseUrl, t.replace('*', middle))));
      const found = firstExisting(bases);
      if (found) return found;
    }
  }
  if (source.startsWith('@/') || source.startsWith('~/')) {
    const root = findUp(fromDir, 'package.json') ?? fromDir;
    return firstExisting([join(root, 'src', source.slice(2)), join(root, source.slice(2))]);
  }
  return null;
}

interface CachedModule {
  mtimeMs: number;
  text: string;
  program?: TSESTree.Program | null;
}
const moduleCache = new Map<string, CachedModule>();

function load(file: string): CachedModule | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    moduleCache.delete(file);
    return null;
  }
  const cached = moduleCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached;
  try {
    const entry = { mtimeMs, text: readFileSync(file, 'utf8') };
    moduleCache.set(file, entry);
    return entry;
  } catch {
    return null;
  }
}

/** The text of a module, cached by mtime. */
export function readModuleText(file: string): string | null {
  return load(file)?.text ?? null;
}

/** The ESTree of a module, parsed once per mtime; null when it does not parse (never throws). */
export function parseModule(file: string): TSESTree.Program | null {
  const entry = load(file);
  if (!entry) return null;
  if (entry.program === undefined) {
    try {
      entry.program = parse(entry.text, { jsx: /\.[jt]sx$/.test(file), range: true, loc: false, comment: false });
    } catch {
      entry.program = null;
    }
  }
  return entry.program;
}
