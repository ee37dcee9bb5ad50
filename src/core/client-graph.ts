/**
 * Which modules end up in the browser: those with `'use client'`, and (for the optional import-graph mode) those
 * that only client modules import. Also the evidence, read from a module's text, that it is server-only code: it
 * imports `server-only`, constructs a database client, creates the Stripe server SDK, or a Supabase client with the
 * service-role key. Everything goes through the mtime-validated module cache of `modules.ts`.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { nearestDirWith, timedCache } from './file-cache.js';
import { readModuleText, resolveImport } from './modules.js';
import { IMPORTS_SERVER_ONLY, textDirective, type ModuleDirective } from './env-reads.js';

export type ServerModuleReason = 'server-only' | 'database-client' | 'stripe-sdk' | 'service-role-client';

/** A value import (`import x from`, `import 'x'`, `require`, `import()`), not `import type`. Group 1/2/3: source. */
const IMPORT_SPECIFIER =
  /\bimport\s+(?!type\s)(?:[\w*{}\s,$]+?\s+from\s*)?['"]([^'"\n]+)['"]|\bexport\s+(?!type\s)[\w*{}\s,$]+?\s+from\s*['"]([^'"\n]+)['"]|\b(?:require|import)\(\s*['"]([^'"\n]+)['"]\s*\)/g;

function imports(text: string, library: string): boolean {
  IMPORT_SPECIFIER.lastIndex = 0;
  for (let m = IMPORT_SPECIFIER.exec(text); m; m = IMPORT_SPECIFIER.exec(text)) {
    const source = m[1] ?? m[2] ?? m[3];
    if (source === library || source.startsWith(`${library}/`)) return true;
  }
  return false;
}

/** The value-import specifiers of a module's text. */
export function importSources(text: string): string[] {
  const sources: string[] = [];
  IMPORT_SPECIFIER.lastIndex = 0;
  for (let m = IMPORT_SPECIFIER.exec(text); m; m = IMPORT_SPECIFIER.exec(text)) sources.push(m[1] ?? m[2] ?? m[3]);
  return sources;
}

const DATABASE_CLIENTS: Array<[library: string, construct: RegExp]> = [
  ['@prisma/client', /\bnew\s+PrismaClient\s*\(/],
  ['drizzle-orm', /\bdrizzle\s*\(/],
  ['pg', /\bnew\s+(?:Pool|Client)\s*\(/],
  ['postgres', /\bpostgres\s*\(/],
  ['@neondatabase/serverless', /\bneon\s*\(|\bnew\s+Pool\s*\(/],
  ['@vercel/postgres', /\bcreatePool\s*\(|\bcreateClient\s*\(|\bsql\b/],
  ['mysql2', /\bcreate(?:Pool|Connection)\s*\(/],
  ['@planetscale/database', /\bconnect\s*\(|\bnew\s+Client\s*\(/],
  ['@libsql/client', /\bcreateClient\s*\(/],
  ['kysely', /\bnew\s+Kysely\b/],
  ['mongodb', /\bnew\s+MongoClient\s*\(/],
  ['mongoose', /\bmongoose\.connect\s*\(|\bcreateConnection\s*\(/],
];

const SUPABASE_PRIVILEGED_CLIENT = /\bcreate(?:Server|Browser)?Client\s*(?:<[^>]*>)?\s*\([^;]*?(?:SERVICE_ROLE|SERVICE_KEY|SUPABASE_SECRET|SECRET_KEY|sb_secret_)/s;

/** Why a module (a project file) is server-only code, judged from its text; null when it is not. */
export function serverModuleReason(file: string): ServerModuleReason | null {
  const text = readModuleText(file);
  return text === null ? null : serverModuleReasonOfText(text);
}

/** `serverModuleReason` of a module's text (a codemod has the text it is rewriting, which may not be on disk yet). */
export function serverModuleReasonOfText(text: string): ServerModuleReason | null {
  if (textDirective(text) === 'use server') return null; // a server action boundary, fine to import
  if (IMPORTS_SERVER_ONLY.test(text)) return 'server-only';
  if (imports(text, 'stripe') && /\bnew\s+Stripe\s*\(|\bStripe\s*\(/.test(text)) return 'stripe-sdk';
  for (const [library, construct] of DATABASE_CLIENTS) {
    if (imports(text, library) && construct.test(text)) return 'database-client';
  }
  if (imports(text, '@supabase/supabase-js') || imports(text, '@supabase/ssr')) {
    if (SUPABASE_PRIVILEGED_CLIENT.test(text)) return 'service-role-client';
  }
  return null;
}

export interface ServerModuleEvidence {
  reason: ServerModuleReason;
  /** The project modules between the imported one and the one that is server-only (empty: the imported one is). */
  via: string[];
  /** The module that is server-only code. */
  file: string;
}

/**
 * Named and default imports of a module's text whose binding is used as a value (`db.select(`, `getUser(`,
 * `new Stripe(`): imports used only as types are dropped by the compiler and never reach the bundle.
 */
const NAMED_IMPORT = /\bimport\s+(?!type\s)([\w$]+)?\s*,?\s*(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))?\s*from\s*['"]([^'"\n]+)['"]|\bimport\s*['"]([^'"\n]+)['"]/g;

const RE_EXPORT = /\bexport\s+(?!type\s)(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*['"]([^'"\n]+)['"]/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `name.x`, `name(`, `name?.`, `new name`, `<name …>` outside `typeof`: a use that keeps the import in the bundle. */
function usedAsValue(text: string, name: string): boolean {
  const n = escapeRegExp(name);
  return new RegExp(`(?<![\\w$.])(?<!typeof\\s+)${n}\\s*(?:\\.|\\(|\\?\\.)|\\bnew\\s+${n}\\b|<${n}[\\s/>]`).test(text);
}

/** The text without comments (roughly: a `//` after `:` or a quote is kept, for URLs in strings). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/[^\n]*/g, '$1');
}

function valueImportSources(source: string): string[] {
  const text = withoutComments(source);
  const sources: string[] = [];
  NAMED_IMPORT.lastIndex = 0;
  for (let m = NAMED_IMPORT.exec(text); m; m = NAMED_IMPORT.exec(text)) {
    if (m[5] !== undefined) {
      sources.push(m[5]); // a side-effect import
      continue;
    }
    const names = [m[1], m[3], ...(m[2] ?? '').split(',').map((part) => (/^\s*type\s/.test(part) ? '' : part.trim().split(/\s+as\s+/).pop()!.trim()))].filter(
      (name): name is string => Boolean(name),
    );
    if (names.some((name) => usedAsValue(text, name))) sources.push(m[4]);
  }
  // Re-exports (`export * from './db'`, barrels) put the module in the bundle of whoever imports the barrel.
  RE_EXPORT.lastIndex = 0;
  for (let m = RE_EXPORT.exec(text); m; m = RE_EXPORT.exec(text)) sources.push(m[1]);
  return sources;
}

/**
 * Why importing `file` puts server-only code in a bundle: `file` itself is server-only, or it imports (as a value)
 * a project module that is, up to `depth` modules away. Null when nothing server-only is found.
 */
export function serverModuleEvidence(file: string, depth = 2, seen = new Set<string>()): ServerModuleEvidence | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const reason = serverModuleReason(file);
  if (reason) return { reason, via: [], file };
  if (depth === 0) return null;
  const text = readModuleText(file);
  if (text === null || textDirective(text) !== null) return null; // 'use server' is a boundary; 'use client' is checked itself
  for (const source of valueImportSources(text)) {
    if (!source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~/') && !source.startsWith('#')) continue;
    const target = resolveImport(source, file);
    if (!target) continue;
    const found = serverModuleEvidence(target, depth - 1, seen);
    if (found) return { ...found, via: [target, ...found.via] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// The project's import graph (optional mode)
// ---------------------------------------------------------------------------------------------------------------

const SKIPPED_DIRS = new Set(['node_modules', '.next', 'dist', 'build', 'out', 'coverage']);
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const NOT_APP_CODE = /\.(?:test|spec|stories|story)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$|(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|cypress|playwright)\//;
/** More than this many source files: the graph is not built (an editor must stay responsive). */
const MAX_FILES = 20_000;
const GRAPH_TTL_MS = 30_000;

interface Graph {
  importers: Map<string, string[]>;
}

const graphs = timedCache<Graph | null>(GRAPH_TTL_MS);

function listFiles(root: string): string[] | null {
  const found: string[] = [];
  const walk = (dir: string): boolean => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && !walk(join(dir, entry.name))) return false;
      } else if (entry.isFile() && SOURCE.test(entry.name)) {
        const path = join(dir, entry.name);
        if (!NOT_APP_CODE.test(relative(root, path).split(sep).join('/'))) found.push(path);
        if (found.length > MAX_FILES) return false;
      }
    }
    return true;
  };
  return walk(root) ? found : null;
}

function graphFor(root: string): Graph | null {
  const cached = graphs.get(root);
  if (cached !== undefined) return cached;
  const files = listFiles(root);
  if (!files) return graphs.set(root, null);
  const importers = new Map<string, string[]>();
  for (const file of files) {
    const text = readModuleText(file);
    if (text === null) continue;
    for (const source of importSources(text)) {
      if (!source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~/') && !source.startsWith('#') && !source.includes('/')) continue;
      const target = resolveImport(source, file);
      if (!target || target === file) continue;
      const list = importers.get(target);
      if (list) {
        if (!list.includes(file)) list.push(file);
      } else importers.set(target, [file]);
    }
  }
  return graphs.set(root, { importers });
}

/**
 * The project modules that import `file` (as a value, directly), from the project's import graph (test files, stories
 * and declaration files are not in it); null when the graph is not built (no package.json above, too many files).
 */
export function importersOf(file: string): readonly string[] | null {
  const root = nearestDirWith(dirname(file), 'package.json');
  const graph = root ? graphFor(root) : null;
  return graph ? (graph.importers.get(file) ?? []) : null;
}

/** The directive of a project module, from its text. */
export function moduleDirective(file: string): ModuleDirective | null {
  const text = readModuleText(file);
  return text === null ? null : textDirective(text);
}

/**
 * Is `file` imported only by client modules (directly, or through modules that are themselves only imported by
 * client modules)? Returns one client importer as evidence, or null. A module nobody imports is not client code.
 */
export function onlyClientImporter(file: string): string | null {
  const root = nearestDirWith(dirname(file), 'package.json');
  if (!root) return null;
  const graph = graphFor(root);
  if (!graph) return null;
  const memo = new Map<string, string | null>();
  const visit = (current: string, depth: number): string | null => {
    if (memo.has(current)) return memo.get(current)!;
    memo.set(current, null); // cycles: not proven client
    const importers = graph.importers.get(current) ?? [];
    if (importers.length === 0 || depth > 4) return null;
    let evidence: string | null = null;
    for (const importer of importers) {
      const directive = moduleDirective(importer);
      if (directive === 'use client') {
        evidence ??= importer;
        continue;
      }
      if (directive === 'use server') return null;
      const viaClient = visit(importer, depth + 1);
      if (!viaClient) return null;
      evidence ??= viaClient;
    }
    memo.set(current, evidence);
    return evidence;
  };
  return visit(file, 0);
}

export function resolveProjectImport(source: string, fromFile: string): string | null {
  return resolveImport(source, fromFile);
}
