// The robustness harness shared by `npm run test:real` (scripts/test-real.mjs) and tests/robustness/real-code.test.ts:
// lints real code that is on this machine with every rule of the plugin on, one file at a time, and sorts what comes
// back into findings, parse errors (the file is not valid TS/JS: not ours to judge) and crashes (a rule, or the core
// under it, threw). It also checks what a rule hands ESLint: report positions inside the file, fix and suggestion
// ranges inside the file, and fixed/suggested code that still parses.
//
// Works on any plugin object ({ rules, configs }); configs may be one config object or an array of them. Nothing here
// names a rule.

import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { Linter } from 'eslint';

/** The extensions linted: the plugin's own source-file globs (`**\/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}`). */
export const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
/** Directories never entered in an app checkout: dependencies, build output, VCS. */
export const APP_SKIP_DIRS = new Set(['node_modules', '.git', '.next', 'dist', 'build', 'out', 'coverage', '.turbo', '.vercel']);

const require = createRequire(import.meta.url);
// ESLint's own config array (what the ESLint class builds once per run). Not a public export: fall back to handing
// verify() the raw array, which works the same but re-validates the config on every file.
let FlatConfigArray = null;
try {
  ({ FlatConfigArray } = require(join(dirname(require.resolve('eslint/package.json')), 'lib', 'config', 'flat-config-array.js')));
} catch {
  FlatConfigArray = null;
}

// ---------------------------------------------------------------------------------------------------------------
// Configs

/** A config export as a list of config objects: `configs.x` may be one object or an array (of arrays). */
export function configBlocks(config) {
  if (config === undefined || config === null) return [];
  return Array.isArray(config) ? config.flat(Infinity) : [config];
}

/** The plugin's rule names (without prefix), sorted. */
export function ruleNames(plugin) {
  return Object.keys(plugin?.rules ?? {}).sort();
}

/**
 * Every rule on: the plugin's `strict` config (all its blocks, so strict options apply), plus one block that turns on,
 * at 'error' with default options, any rule of `plugin.rules` that no strict block enables.
 */
export function everyRuleConfig(plugin, prefix = 'tenant-guard') {
  const blocks = configBlocks(plugin.configs?.strict ?? plugin.configs?.recommended);
  const on = new Set(blocks.flatMap((b) => Object.keys(b.rules ?? {})));
  const missing = ruleNames(plugin).filter((n) => !on.has(`${prefix}/${n}`));
  const sourceBlock = blocks.find((b) => !b.language && b.rules) ?? blocks[0];
  if (missing.length > 0) {
    blocks.push({
      name: 'robustness/every-rule',
      ...(sourceBlock?.files && { files: sourceBlock.files }),
      plugins: { [prefix]: plugin },
      rules: Object.fromEntries(missing.map((n) => [`${prefix}/${n}`, 'error'])),
    });
  }
  return { blocks, sourceFiles: sourceBlock?.files, missing };
}

// ---------------------------------------------------------------------------------------------------------------
// Files

const isSource = (name) => SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));

/** Source files under `dir` (sorted, absolute), not entering symlinks or `skipDirs`. */
export function listSources(dir, { skipDirs = APP_SKIP_DIRS } = {}) {
  const out = [];
  const walk = (d) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!skipDirs.has(e.name)) walk(p);
      } else if (e.isFile() && isSource(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Every installed package under `nodeModules` (nested node_modules included), as `{ name, root, files }`: `root` is
 * the package directory (the lint's cwd, as if the package were a project), `files` its own sources (a nested
 * node_modules is a package of its own). Symlinked packages are skipped (workspaces, `.bin`), duplicates by real path.
 */
export function installedPackages(nodeModules) {
  const packages = [];
  const seen = new Set();
  const visitModules = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.name.startsWith('@')) {
        for (const s of readdirSync(p, { withFileTypes: true })) if (s.isDirectory()) visitPackage(join(p, s.name), `${e.name}/${s.name}`);
      } else visitPackage(p, e.name);
    }
  };
  const visitPackage = (root, name) => {
    const real = realpathSync(root);
    if (seen.has(real) || !existsSync(join(root, 'package.json'))) return;
    seen.add(real);
    const files = listSources(root, { skipDirs: new Set(['node_modules', '.git']) });
    packages.push({ name, root, files });
    if (existsSync(join(root, 'node_modules'))) visitModules(join(root, 'node_modules'));
  };
  visitModules(nodeModules);
  return packages.sort((a, b) => (a.root < b.root ? -1 : 1));
}

/** App checkouts under `dir` (each subdirectory with a package.json), as `{ name, root, files }`. */
export function appCheckouts(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'package.json')))
    .map((e) => ({ name: e.name, root: join(dir, e.name), files: listSources(join(dir, e.name)) }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Linting

/** `Rule: "x"` and `Occurred while linting file:12`, which ESLint appends to an error thrown by a rule. */
function crashInfo(error, file) {
  const message = error instanceof Error ? error.message : String(error);
  const ruleId = error?.ruleId ?? /\nRule: "([^"]+)"/.exec(message)?.[1] ?? null;
  const line = Number(/\nOccurred while linting [^\n]*:(\d+)(?:\n|$)/.exec(message)?.[1]) || null;
  const own = message.split('\nOccurred while linting')[0];
  const stack = typeof error?.stack === 'string' ? error.stack : '';
  // The first frame in the plugin's code, for grouping crashes with one cause.
  const frame = stack.split('\n').find((l) => /\/(src|rules|dist)\/.*\.(ts|js)/.test(l) && !l.includes('node_modules'))?.trim() ?? null;
  return { file, line, ruleId, message: own, frame, stack };
}

/** 1-based line/column of a position in range and end after start, against the parsed file's lines. */
function positionProblem(m, lines) {
  const lineOk = (l) => Number.isInteger(l) && l >= 1 && l <= lines.length;
  // A column may be one past the line's last character (a position at the end of the line).
  const colOk = (l, c) => Number.isInteger(c) && c >= 1 && c <= lines[l - 1].length + 1;
  if (!lineOk(m.line) || !colOk(m.line, m.column)) return `start ${m.line}:${m.column} is outside the file`;
  if (m.endLine !== undefined || m.endColumn !== undefined) {
    if (!lineOk(m.endLine) || !colOk(m.endLine, m.endColumn)) return `end ${m.endLine}:${m.endColumn} is outside the file`;
    if (m.endLine < m.line || (m.endLine === m.line && m.endColumn < m.column)) return `end ${m.endLine}:${m.endColumn} is before start ${m.line}:${m.column}`;
  }
  return null;
}

function rangeProblem(fix, length) {
  const r = fix?.range;
  if (!Array.isArray(r) || r.length !== 2 || !Number.isInteger(r[0]) || !Number.isInteger(r[1])) return 'has no [start, end] range';
  if (r[0] < 0 || r[1] > length || r[0] > r[1]) return `range [${r[0]}, ${r[1]}] is outside the file (length ${length})`;
  if (typeof fix.text !== 'string') return 'has no text';
  return null;
}

/**
 * A linter for one project root. `lint(file)` reads and lints a file and resolves to
 * `{ file, ms, findings, fatal, crash, problems }`:
 *   findings  messages of the plugin's rules ({ ruleId, line, column, endLine, endColumn, messageId })
 *   fatal     the parse error, if the file does not parse (then nothing else ran)
 *   crash     what a rule threw ({ ruleId, line, message, frame, stack }); ESLint stops at the first
 *   problems  broken output: report positions outside the file, fix/suggestion ranges outside it, fixed code that no
 *             longer parses
 */
export function createProjectLinter(plugin, root, { prefix = 'tenant-guard', settings, checkFixes = true } = {}) {
  const { blocks } = everyRuleConfig(plugin, prefix);
  // Real code carries `eslint-disable` comments for rules not loaded here: not ours to call unused.
  const all = [...blocks, { linterOptions: { reportUnusedDisableDirectives: 'off' } }, ...(settings ? [{ settings }] : [])];
  const linter = new Linter({ cwd: root });
  const parseBlocks = blocks.filter((b) => b.languageOptions).map((b) => ({ ...(b.files && { files: b.files }), languageOptions: b.languageOptions }));
  const normalize = (array) => {
    if (!FlatConfigArray) return array;
    const config = new FlatConfigArray(array, { basePath: root });
    config.normalizeSync();
    return config;
  };
  const config = normalize(all);
  const parseOnly = normalize(parseBlocks.length > 0 ? parseBlocks : [{}]);

  const parses = (code, filename) => !linter.verify(code, parseOnly, { filename }).some((m) => m.fatal);

  function lintCode(file, code) {
    const t0 = performance.now();
    const result = { file, ms: 0, findings: [], fatal: null, crash: null, problems: [], skipped: null };
    let messages;
    try {
      messages = linter.verify(code, config, { filename: file });
    } catch (error) {
      result.crash = crashInfo(error, file);
      result.ms = performance.now() - t0;
      return result;
    }
    result.ms = performance.now() - t0;
    const lines = linter.getSourceCode()?.lines ?? code.split(/\r\n|[\r\n\u2028\u2029]/);
    for (const m of messages) {
      if (m.fatal) {
        result.fatal = { line: m.line, column: m.column, message: m.message };
        continue;
      }
      if (!m.ruleId) {
        // ESLint's own notices (inline config comments for rules not loaded here…): not the plugin's output.
        if (/No matching configuration/i.test(m.message)) result.skipped = m.message;
        continue;
      }
      if (!m.ruleId.startsWith(`${prefix}/`)) continue;
      result.findings.push({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn, message: m.message });
      const where = `${m.ruleId} at ${m.line}:${m.column}`;
      const pos = positionProblem(m, lines);
      if (pos) result.problems.push({ kind: 'position', ruleId: m.ruleId, line: m.line, message: `${where}: ${pos}` });
      const fixes = [...(m.fix ? [['fix', m.fix]] : []), ...(m.suggestions ?? []).map((s, i) => [`suggestion ${i + 1} (${s.messageId ?? s.desc})`, s.fix])];
      for (const [label, fix] of fixes) {
        const bad = rangeProblem(fix, code.length);
        if (bad) {
          result.problems.push({ kind: 'fix', ruleId: m.ruleId, line: m.line, message: `${where}: ${label} ${bad}` });
        } else if (checkFixes) {
          const fixed = code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);
          if (!parses(fixed, file)) result.problems.push({ kind: 'fix', ruleId: m.ruleId, line: m.line, message: `${where}: ${label} produces code that does not parse` });
        }
      }
    }
    return result;
  }

  return {
    root,
    lintCode,
    lint(file) {
      return lintCode(file, readFileSync(file, 'utf8'));
    },
  };
}

/** Lints `projects` ([{ name, root, files }]) one file at a time; `onFile(result, project)` sees each result. */
export function lintProjects(plugin, projects, { onFile, maxBytes = Infinity, ...options } = {}) {
  const results = [];
  for (const project of projects) {
    const linter = createProjectLinter(plugin, project.root, options);
    for (const file of project.files) {
      let result;
      const size = statSync(file).size;
      if (size > maxBytes) result = { file, ms: 0, findings: [], fatal: null, crash: null, problems: [], skipped: `larger than ${maxBytes} bytes (${size})` };
      else result = linter.lint(file);
      result.project = project.name;
      result.bytes = size;
      results.push(result);
      onFile?.(result, project);
    }
  }
  return results;
}

/** Counts and groups: crashes grouped by rule + message + first plugin frame (one cause, many files). */
export function summarize(results) {
  const linted = results.filter((r) => !r.skipped);
  const crashes = results.filter((r) => r.crash);
  const groups = new Map();
  for (const r of crashes) {
    const key = `${r.crash.ruleId}\0${r.crash.message.split('\n')[0]}\0${r.crash.frame}`;
    const g = groups.get(key) ?? { ruleId: r.crash.ruleId, message: r.crash.message.split('\n')[0], frame: r.crash.frame, files: [] };
    g.files.push(`${r.file}${r.crash.line ? `:${r.crash.line}` : ''}`);
    groups.set(key, g);
  }
  const byRule = {};
  for (const r of results) for (const f of r.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return {
    files: results.length,
    linted: linted.length,
    skipped: results.filter((r) => r.skipped).length,
    bytes: linted.reduce((n, r) => n + (r.bytes ?? 0), 0),
    unparsable: results.filter((r) => r.fatal).length,
    crashes: crashes.length,
    crashGroups: [...groups.values()],
    problems: results.flatMap((r) => r.problems.map((p) => ({ file: r.file, ...p }))),
    findings: Object.values(byRule).reduce((a, b) => a + b, 0),
    findingsByRule: byRule,
    ms: results.reduce((n, r) => n + r.ms, 0),
    slowest: [...results].sort((a, b) => b.ms - a.ms).slice(0, 5).map((r) => ({ file: r.file, ms: r.ms, bytes: r.bytes })),
  };
}

/** `node_modules/eslint/lib/x.js` relative to `base`, for messages. */
export function shown(file, base) {
  const rel = relative(base, file);
  return rel.startsWith('..') ? file : rel.split(sep).join('/');
}
