/**
 * Reading the project's other modules, for evidence a single file does not hold: where an imported `db` was
 * constructed, which tables a schema module defines. Imports resolve like the project's own tooling does —
 * relative paths, `tsconfig.json` `paths` aliases (with `baseUrl`), and the `@/` / `~/` conventions as a fallback;
 * package imports are not followed. Everything is cached per process and re-validated by mtime.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFile, nearestDirWith } from './file-cache.js';
import { parseJsonc } from './jsonc.js';

/** Resolutions are trusted this long: long enough to keep file-system calls off the per-file path, short for editors. */
const RESOLVE_TTL_MS = 5000;

const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js'];

interface PathAliases {
  baseUrl: string;
  /** `baseUrl` was set: bare specifiers (`import … from 'types_db'`) also resolve against it, as in TypeScript. */
  explicitBaseUrl: boolean;
  paths: Array<{ prefix: string; suffix: string; targets: string[] }>;
}

const aliasCache = new Map<string, PathAliases | null>();

/** `compilerOptions.paths` of the nearest tsconfig.json (JSON with comments and trailing commas tolerated). */
function aliasesFor(dir: string): PathAliases | null {
  const tsconfigDir = nearestDirWith(dir, 'tsconfig.json');
  if (!tsconfigDir) return null;
  if (aliasCache.has(tsconfigDir)) return aliasCache.get(tsconfigDir)!;
  let result: PathAliases | null = null;
  try {
    const text = readFileSync(join(tsconfigDir, 'tsconfig.json'), 'utf8');
    const options = (parseJsonc(text) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> } }).compilerOptions ?? {};
    const baseUrl = resolve(tsconfigDir, options.baseUrl ?? '.');
    const paths = Object.entries(options.paths ?? {}).map(([pattern, targets]) => {
      const star = pattern.indexOf('*');
      return {
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? '' : pattern.slice(star + 1),
        targets: star === -1 ? targets.map((t) => `${t}\0exact`) : targets,
      };
    });
    result = { baseUrl, explicitBaseUrl: options.baseUrl !== undefined, paths };
  } catch {
    result = null;
  }
  aliasCache.set(tsconfigDir, result);
  return result;
}

const existing = new Map<string, { at: number; file: string | null }>();

/** The first of `base + extension` that is a file. Memoised: many folders import the same `@/lib/db`. */
function firstExisting(bases: string[]): string | null {
  const key = bases.join('\0');
  const now = Date.now();
  const cached = existing.get(key);
  if (cached && now - cached.at < RESOLVE_TTL_MS) return cached.file;
  let file: string | null = null;
  search: for (const base of bases) {
    for (const ext of EXTENSIONS) {
      if (isFile(base + ext)) {
        file = base + ext;
        break search;
      }
    }
  }
  existing.set(key, { at: now, file });
  return file;
}

const resolved = new Map<string, { at: number; file: string | null }>();

/** The file an import specifier names, or null (a package, or a path that does not exist). Cached per folder. */
export function resolveImport(source: string, fromFile: string): string | null {
  const fromDir = dirname(fromFile);
  const key = `${fromDir}\0${source}`;
  const now = Date.now();
  const cached = resolved.get(key);
  if (cached && now - cached.at < RESOLVE_TTL_MS) return cached.file;
  const file = resolveUncached(source, fromDir);
  resolved.set(key, { at: now, file });
  return file;
}

function resolveUncached(source: string, fromDir: string): string | null {
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
    if (aliases.explicitBaseUrl) {
      const found = firstExisting([resolve(aliases.baseUrl, source)]);
      if (found) return found;
    }
  }
  if (source.startsWith('@/') || source.startsWith('~/')) {
    const root = nearestDirWith(fromDir, 'package.json') ?? fromDir;
    return firstExisting([join(root, 'src', source.slice(2)), join(root, source.slice(2))]);
  }
  return resolvePackage(source, fromDir);
}

/**
 * A workspace package imported by name (`@acme/db`, `@acme/db/schema`), found through `node_modules` (where package
 * managers link workspace packages) and its `exports`/`main`. Only packages that ship source are useful, and only
 * those are followed: files under a `node_modules` that is not a link into the workspace are left alone.
 */
function resolvePackage(source: string, fromDir: string): string | null {
  const parts = source.split('/');
  const name = source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const subpath = parts.slice(name.split('/').length).join('/');
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const pkgDir = join(dir, 'node_modules', name);
    if (isFile(join(pkgDir, 'package.json'))) {
      let real: string;
      try {
        real = realpathSync(pkgDir);
      } catch {
        return null;
      }
      if (real.includes(`${sep}node_modules${sep}`)) return null; // a real dependency, not workspace source
      return entryOf(real, subpath);
    }
    if (dirname(dir) === dir) return null;
  }
}

function entryOf(pkgDir: string, subpath: string): string | null {
  let pkg: { exports?: unknown; main?: string; types?: string };
  try {
    pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return null;
  }
  const key = subpath ? `./${subpath}` : '.';
  const pick = (value: unknown): string | null => {
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object') {
      for (const condition of ['types', 'import', 'default', 'require', 'node']) {
        const found = pick((value as Record<string, unknown>)[condition]);
        if (found) return found;
      }
    }
    return null;
  };
  const exports = pkg.exports;
  const target =
    exports && typeof exports === 'object' && !Array.isArray(exports) && key in (exports as object)
      ? pick((exports as Record<string, unknown>)[key])
      : !subpath
        ? pick(exports) ?? pkg.types ?? pkg.main ?? null
        : null;
  return firstExisting([resolve(pkgDir, target ?? (subpath || 'index'))]);
}

interface CachedModule {
  mtimeMs: number;
  checkedAt: number;
  text: string;
  /** Answers of `moduleMatches`, forgotten with the entry when the file changes. */
  matches?: Map<RegExp, boolean>;
  program?: TSESTree.Program | null;
}
const moduleCache = new Map<string, CachedModule>();

function load(file: string): CachedModule | null {
  const cached = moduleCache.get(file);
  const now = Date.now();
  if (cached && now - cached.checkedAt < RESOLVE_TTL_MS) return cached;
  const mtimeMs = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  if (mtimeMs === undefined) {
    moduleCache.delete(file);
    return null;
  }
  if (cached && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached;
  }
  try {
    const entry: CachedModule = { mtimeMs, checkedAt: now, text: readFileSync(file, 'utf8') };
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

/**
 * Does a module's text match `pattern` (evidence such as `drizzle(` or `new PrismaClient`)? Answered once per pattern
 * and file version; null when the file cannot be read.
 */
export function moduleMatches(file: string, pattern: RegExp): boolean | null {
  const entry = load(file);
  if (!entry) return null;
  entry.matches ??= new Map();
  let result = entry.matches.get(pattern);
  if (result === undefined) {
    result = pattern.test(entry.text);
    entry.matches.set(pattern, result);
  }
  return result;
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
