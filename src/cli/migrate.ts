/**
 * `tenant-guard migrate <codemod> [paths…]`: runs one of the codemods over a repository, in process, the way
 * jscodeshift's runner would (the transform gets jscodeshift with the `tsx` parser, or `ts` for .ts files, and the
 * usual `api.stats`/`api.report`), and ends with a summary: files changed, rewrites by kind, places left for review.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import jscodeshift from 'jscodeshift';
import { codemods } from '../../codemods/index.js';
import type { CodemodResult, TenantGuardAPI } from '../../codemods/lib/codemod.js';
import { CodemodOptionError, readCodemodOptions } from '../../codemods/lib/options.js';
import { UnparsableSourceError } from '../codemod-targets.js';
import { resetDiagnostics, setDiagnosticSink } from '../core/diagnostics.js';
import { parseSettings, TenantGuardConfigError } from '../core/settings.js';
import type { CliIO } from '../cli.js';
import { isSourceFile, listSourceFiles, SKIPPED_DIRS, toPosixRelative } from './files.js';
import { MIGRATE_USAGE, type MigrateCommand } from './migrate-args.js';

export const CONFIG_FILE = 'tenant-guard.config.json';

export interface MigrateOptions {
  codemod: string;
  paths: string[];
  dry: boolean;
  session?: string;
  scope: string[];
  config?: string;
  /** The directory paths are resolved against (the process's current directory). */
  cwd: string;
  onProgress?: (done: number, total: number) => void;
  /** Called with each changed file's new text (for `--print`). */
  onOutput?: (file: string, output: string) => void;
}

export interface MigrateLocation {
  /** Relative to the project root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  kind: string;
}

export interface MigrateReport {
  codemod: string;
  /** What the summary counts the rewrites as (the codemod's `unit`): query/queries by default. */
  unit?: { one: string; many: string };
  /** The project directory: the rules' cwd, and what file names are relative to. */
  root: string;
  dry: boolean;
  fileCount: number;
  changed: string[];
  rewrites: MigrateLocation[];
  reviews: Array<MigrateLocation & { reason: string }>;
  /** Files that do not parse: left alone. */
  skipped: Array<{ file: string; line: number; column: number; message: string }>;
  /** Files the codemod failed on: left alone. */
  failed: Array<{ file: string; message: string }>;
  warnings: string[];
}

/** A problem with the command's input (a path, the config file, an option): exit 2 before anything is changed. */
export class MigrateConfigError extends Error {}

interface ConfigFile {
  session?: string;
  scope: string[];
  settings?: Record<string, unknown>;
}

function readConfig(file: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new MigrateConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fail = (message: string): never => {
    throw new MigrateConfigError(`${file}: ${message}`);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail('expected an object such as { "migrate": { "session": "requireAuth from @/lib/auth", "scope": "session.accountId" } }');
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) if (key !== 'migrate' && key !== 'settings') fail(`unknown key "${key}" (known keys: migrate, settings)`);
  const migrate = input.migrate ?? {};
  if (typeof migrate !== 'object' || migrate === null || Array.isArray(migrate)) fail('"migrate" must be an object with "session" and "scope"');
  const options = migrate as Record<string, unknown>;
  for (const key of Object.keys(options)) if (key !== 'session' && key !== 'scope') fail(`unknown key "migrate.${key}" (known keys: session, scope)`);
  if (options.session !== undefined && typeof options.session !== 'string') fail('"migrate.session" must be a string such as "requireAuth from @/lib/auth"');
  let scope: string[] = [];
  const s = options.scope;
  if (typeof s === 'string') scope = [s];
  else if (Array.isArray(s) && s.every((v) => typeof v === 'string')) scope = s as string[];
  else if (s && typeof s === 'object' && !Array.isArray(s) && Object.values(s).every((v) => typeof v === 'string')) {
    scope = Object.entries(s as Record<string, string>).map(([field, path]) => `${field}=${path}`);
  } else if (s !== undefined) fail('"migrate.scope" must be a path ("session.accountId"), a list of them, or an object { "<field>": "<path>" }');
  const settings = input.settings;
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) fail('"settings" must be an object (as settings[\'tenant-guard\'])');
  return { session: options.session as string | undefined, scope, settings: settings as Record<string, unknown> | undefined };
}

function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function commonDirectory(paths: string[]): string {
  let common = statSync(paths[0]).isDirectory() ? paths[0] : dirname(paths[0]);
  for (const path of paths.slice(1)) while (!isInside(common, path)) common = dirname(common);
  return common;
}

/** The files the paths name that the codemod accepts, sorted, once each; directories are walked as `check` walks them. */
function collectFiles(paths: string[], accepts: (file: string) => boolean): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      for (const file of listSourceFiles(path)) if (accepts(file)) files.add(file);
    } else if (accepts(path) && !path.split(sep).some((part) => SKIPPED_DIRS.has(part))) {
      files.add(path);
    }
  }
  return [...files].sort();
}

export async function migrate(options: MigrateOptions): Promise<MigrateReport> {
  const entry = codemods[options.codemod];
  if (!entry) throw new MigrateConfigError(`unknown codemod '${options.codemod}' (codemods: ${Object.keys(codemods).join(', ')})`);
  const paths = options.paths.map((p) => resolve(options.cwd, p));
  for (const [i, path] of paths.entries()) if (!existsSync(path)) throw new MigrateConfigError(`no such file or directory: ${options.paths[i]}`);
  // The project: the current directory when the paths are in it (as for `eslint`), else the directory that holds them.
  const root = paths.every((p) => isInside(options.cwd, p)) ? options.cwd : commonDirectory(paths);

  const configFile = options.config ? resolve(options.cwd, options.config) : resolve(root, CONFIG_FILE);
  if (options.config && !existsSync(configFile)) throw new MigrateConfigError(`no such config file: ${options.config}`);
  const config: ConfigFile = existsSync(configFile) ? readConfig(configFile) : { scope: [] };
  const transformOptions = {
    session: options.session ?? config.session,
    scope: options.scope.length > 0 ? options.scope : config.scope,
    settings: config.settings,
    cwd: root,
  };
  try {
    readCodemodOptions(transformOptions);
    if (config.settings) parseSettings(config.settings);
  } catch (error) {
    if (error instanceof CodemodOptionError || error instanceof TenantGuardConfigError) throw new MigrateConfigError(error.message);
    throw error;
  }

  const { default: transform } = await entry.load();
  const files = collectFiles(paths, transform.codemod.accepts ?? ((file) => isSourceFile(basename(file))));
  const report: MigrateReport = {
    codemod: options.codemod,
    unit: transform.codemod.unit,
    root,
    dry: options.dry,
    fileCount: files.length,
    changed: [],
    rewrites: [],
    reviews: [],
    skipped: [],
    failed: [],
    warnings: [],
  };
  resetDiagnostics();
  const restoreSink = setDiagnosticSink((d) => {
    report.warnings.push(d.message);
  });
  try {
    options.onProgress?.(0, files.length);
    for (const [index, file] of files.entries()) {
      const rel = toPosixRelative(root, file);
      const j = jscodeshift.withParser(/\.[cm]?ts$/.test(file) ? 'ts' : 'tsx');
      let result: CodemodResult | undefined;
      const api: TenantGuardAPI = {
        j,
        jscodeshift: j,
        stats: () => {},
        report: () => {},
        tenantGuard: { onResult: (r) => (result = r) },
      };
      try {
        const source = readFileSync(file, 'utf8');
        const output = transform({ path: file, source }, api, transformOptions);
        if (result) {
          report.rewrites.push(...result.rewrites.map((r) => ({ file: rel, line: r.line, column: r.column, kind: r.kind })));
          report.reviews.push(...result.reviews.map((r) => ({ file: rel, line: r.line, column: r.column, kind: r.kind, reason: r.reason })));
        }
        if (output !== source) {
          report.changed.push(rel);
          if (!options.dry) writeFileSync(file, output);
          options.onOutput?.(rel, output);
        }
      } catch (error) {
        if (error instanceof UnparsableSourceError) report.skipped.push({ file: rel, line: error.line, column: error.column, message: error.message });
        else report.failed.push({ file: rel, message: error instanceof Error ? error.message : String(error) });
      }
      options.onProgress?.(index + 1, files.length);
    }
  } finally {
    restoreSink();
  }
  return report;
}

/** The summary `tenant-guard migrate` ends with. */
export function formatMigrateReport(report: MigrateReport): string {
  const lines: string[] = [];
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  lines.push(
    `tenant-guard migrate ${report.codemod}: ${count(report.fileCount, 'file')} looked at, ${report.changed.length} ${report.dry ? 'would change' : 'changed'}, ` +
      `${count(report.rewrites.filter((r) => !r.kind.startsWith('session:') && !r.kind.startsWith('cleanup:') && r.kind !== 'import added').length, report.unit?.one ?? 'query', report.unit?.many ?? 'queries')} rewritten, ` +
      `${count(report.reviews.length, 'place')} left for review${report.dry ? ' (dry run: nothing was written)' : ''}`,
  );
  if (report.changed.length > 0) {
    lines.push('', report.dry ? 'Would change:' : 'Changed:');
    for (const file of report.changed) lines.push(`  ${file}`);
  }
  if (report.rewrites.length > 0) {
    lines.push('', 'Rewrites by kind:');
    const byKind = new Map<string, number>();
    for (const r of report.rewrites) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
    for (const [kind, n] of [...byKind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) lines.push(`  ${String(n).padStart(4)}  ${kind}`);
  }
  if (report.reviews.length > 0) {
    lines.push('', report.dry ? 'Would be left for review (marked // tenant-guard: review):' : 'Left for review (marked // tenant-guard: review):');
    for (const r of report.reviews) lines.push(`  ${r.file}:${r.line}:${r.column}  ${r.kind}: ${r.reason}`);
  }
  if (report.skipped.length > 0) {
    lines.push('', 'Not parsed, left alone:');
    for (const s of report.skipped) lines.push(`  ${s.file}:${s.line}:${s.column}  ${s.message}`);
  }
  if (report.failed.length > 0) {
    lines.push('', 'Failed, left alone:');
    for (const f of report.failed) lines.push(`  ${f.file}  ${f.message}`);
  }
  for (const w of report.warnings) lines.push('', `warning: ${w}`);
  return `${lines.join('\n')}\n`;
}

/** The `migrate` command of the CLI: exit 0 when every file was processed, 2 on bad usage or a failed file. */
export async function runMigrate(command: MigrateCommand, io: CliIO, cwd = process.cwd()): Promise<number> {
  if (command.help) {
    io.stdout.write(MIGRATE_USAGE);
    return 0;
  }
  const progress = io.isTTY
    ? (done: number, total: number) => io.stderr.write(`\r\u001b[Ktenant-guard: migrating ${done}/${total} files`)
    : undefined;
  let report: MigrateReport;
  try {
    report = await migrate({
      codemod: command.codemod,
      paths: command.paths,
      dry: command.dry,
      session: command.session,
      scope: command.scope,
      config: command.config,
      cwd,
      onProgress: progress,
      onOutput: command.print ? (file, output) => io.stdout.write(`// ==> ${file} <==\n${output}${output.endsWith('\n') ? '' : '\n'}`) : undefined,
    });
  } catch (error) {
    if (error instanceof MigrateConfigError) {
      io.stderr.write(`tenant-guard: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    if (progress) io.stderr.write('\r\u001b[K');
  }
  (command.print ? io.stderr : io.stdout).write(formatMigrateReport(report));
  return report.failed.length > 0 ? 2 : 0;
}
