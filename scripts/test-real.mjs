// `npm run test:real`: the robustness suite. Lints large real code that this machine has offline with every
// tenant-guard rule on (the strict config, plus any rule it leaves out), one file at a time:
//
//   - the sources of every package installed in node_modules (.ts/.tsx/.mts/.cts/.js/.jsx/.mjs/.cjs, .d.ts included),
//     each package linted as its own project (cwd = the package directory);
//   - the app checkouts in /work/real (or --apps DIR), when that directory exists and CI is not set.
//
// It reports crashes (a rule or the core under it threw: ESLint would abort the whole run) apart from findings and
// from files that do not parse, and checks what the rules hand ESLint: report positions inside the file, fix and
// suggestion ranges inside it, fixed or suggested code that still parses. Exit code 1 on any crash or broken output,
// 0 otherwise; findings on this code are not failures (it is not a tenant-scoped app) and are only counted.
//
// Options:
//   --plugin PATH     the plugin build to load (default: dist/src/index.js; `npm run test:real` builds it first)
//   --packages A,B    only these packages of node_modules (names as in package.json, e.g. eslint,@babel/parser)
//   --no-packages     skip node_modules
//   --apps DIR        app checkouts (default /work/real); --no-apps skips them (CI=true skips them too)
//   --max-bytes N     skip (and count) files larger than N bytes (default: none skipped)
//   --limit N         lint at most N files of each project (a quick run)
//   --json FILE       write every crash, problem and per-project count as JSON
//   --verbose         print each finding too

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appCheckouts, installedPackages, lintProjects, ruleNames, everyRuleConfig, shown, summarize } from './real-code.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  process.stderr.write(`test-real: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { plugin: join(REPO, 'dist', 'src', 'index.js'), packages: null, nodeModules: true, apps: process.env.CI ? null : '/work/real', maxBytes: Infinity, limit: Infinity, json: null, verbose: false };
  const int = (flag, v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) fail(`${flag} expects a positive integer, got ${JSON.stringify(v)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i] ?? fail(`${flag} expects a value`);
    switch (flag) {
      case '--plugin': opts.plugin = resolve(value()); break;
      case '--packages': opts.packages = new Set(value().split(',').filter(Boolean)); break;
      case '--no-packages': opts.nodeModules = false; break;
      case '--apps': opts.apps = resolve(value()); break;
      case '--no-apps': opts.apps = null; break;
      case '--max-bytes': opts.maxBytes = int(flag, value()); break;
      case '--limit': opts.limit = int(flag, value()); break;
      case '--json': opts.json = resolve(value()); break;
      case '--verbose': opts.verbose = true; break;
      case '-h':
      case '--help':
        process.stdout.write(`${readHeader()}\n`);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return opts;
}

function readHeader() {
  return readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0].replace(/^\/\/ ?/gm, '');
}

async function loadPlugin(path) {
  try {
    const mod = await import(pathToFileURL(path).href);
    const plugin = mod.default ?? mod;
    if (ruleNames(plugin).length === 0) fail(`${path} exports no rules`);
    return plugin;
  } catch (error) {
    fail(`cannot import the plugin from ${path}: ${error?.message ?? error}\n  Run \`npm run build\` first (\`npm run test:real\` does).`);
  }
}

/** The plugin's one-time project warnings (no schema found…), counted instead of printed once per package. */
async function captureDiagnostics(pluginPath) {
  const diagnostics = join(dirname(pluginPath), 'core', 'diagnostics.js');
  const seen = [];
  if (!existsSync(diagnostics)) return seen;
  try {
    const { setDiagnosticSink } = await import(pathToFileURL(diagnostics).href);
    setDiagnosticSink?.((d) => seen.push(d));
  } catch {
    // an older build: its warnings go to stderr
  }
  return seen;
}

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const plugin = await loadPlugin(opts.plugin);
  const diagnostics = await captureDiagnostics(opts.plugin);
  const started = performance.now();
  const { missing } = everyRuleConfig(plugin);
  const names = ruleNames(plugin);
  console.log(`tenant-guard robustness: ${names.length} rules on (${names.join(', ')})${missing.length ? `; not in strict, turned on with defaults: ${missing.join(', ')}` : ''}`);

  const projects = [];
  if (opts.nodeModules) {
    const all = installedPackages(join(REPO, 'node_modules')).filter((p) => p.files.length > 0);
    const chosen = opts.packages ? all.filter((p) => opts.packages.has(p.name)) : all;
    if (opts.packages) for (const name of opts.packages) if (!chosen.some((p) => p.name === name)) console.log(`note: package ${name} is not installed`);
    for (const p of chosen) projects.push({ ...p, name: `node_modules/${shown(p.root, join(REPO, 'node_modules'))}`, kind: 'package' });
  }
  if (opts.apps) {
    const apps = appCheckouts(opts.apps);
    if (apps.length === 0) console.log(`note: no app checkouts in ${opts.apps}`);
    for (const a of apps) projects.push({ ...a, name: `${opts.apps}/${a.name}`, kind: 'app' });
  }
  if (opts.limit !== Infinity) for (const p of projects) p.files = p.files.slice(0, opts.limit);
  const total = projects.reduce((n, p) => n + p.files.length, 0);
  console.log(`${projects.length} projects, ${total} files${opts.maxBytes !== Infinity ? ` (files over ${opts.maxBytes} bytes skipped)` : ''}`);

  let done = 0;
  const perProject = new Map();
  const results = lintProjects(plugin, projects, {
    maxBytes: opts.maxBytes,
    onFile(result, project) {
      done++;
      const entry = perProject.get(project.name) ?? [];
      entry.push(result);
      perProject.set(project.name, entry);
      if (result.crash) console.log(`CRASH ${result.file}${result.crash.line ? `:${result.crash.line}` : ''} [${result.crash.ruleId ?? 'no rule'}] ${result.crash.message.split('\n')[0]}`);
      for (const p of result.problems) console.log(`BROKEN OUTPUT ${result.file}:${p.line ?? ''} ${p.message}`);
      if (opts.verbose) for (const f of result.findings) console.log(`  ${result.file}:${f.line}:${f.column} ${f.ruleId} ${f.message.slice(0, 160)}`);
      if (project.files.at(-1) === result.file) {
        const s = summarize(entry);
        const big = projects.length <= 40 || project.kind === 'app' || s.crashes || s.problems.length || s.files >= 200;
        if (big) console.log(`  ${project.name}: ${s.linted} files, ${s.findings} findings, ${s.unparsable} unparsable, ${s.crashes} crashes, ${secs(s.ms)}`);
      }
      if (process.stderr.isTTY && done % 50 === 0) process.stderr.write(`\r${done}/${total} files\u001b[K`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[K');

  const s = summarize(results);
  const app = summarize(results.filter((r) => r.project.startsWith(opts.apps ?? '\0')));
  console.log('');
  console.log(`files: ${s.files} (${s.linted} linted, ${(s.bytes / 1e6).toFixed(1)} MB${s.skipped ? `, ${s.skipped} skipped` : ''}; ${app.files} in app checkouts)`);
  console.log(`unparsable (not valid TS/JS for @typescript-eslint/parser; nothing ran on them): ${s.unparsable}`);
  console.log(`findings: ${s.findings}${s.findings ? ` (${Object.entries(s.findingsByRule).map(([k, v]) => `${k.replace('tenant-guard/', '')} ${v}`).join(', ')})` : ''}`);
  console.log(`slowest: ${s.slowest.map((x) => `${shown(x.file, REPO)} ${x.ms.toFixed(0)}ms (${Math.round(x.bytes / 1000)} kB)`).join(', ')}`);
  if (diagnostics.length) console.log(`project warnings from the plugin: ${diagnostics.length} (e.g. ${diagnostics[0].message.slice(0, 140)})`);
  console.log(`crashes: ${s.crashes}${s.crashGroups.length ? ` in ${s.crashGroups.length} distinct causes:` : ''}`);
  for (const g of s.crashGroups) {
    console.log(`  [${g.ruleId ?? 'no rule'}] ${g.message}`);
    if (g.frame) console.log(`    ${g.frame}`);
    for (const f of g.files.slice(0, 5)) console.log(`    ${shown(f, REPO)}`);
    if (g.files.length > 5) console.log(`    … and ${g.files.length - 5} more`);
  }
  console.log(`broken output (positions, fix or suggestion ranges, fixes that do not parse): ${s.problems.length}`);
  console.log(`took ${secs(performance.now() - started)} (linting ${secs(s.ms)})`);
  if (opts.json) {
    const json = {
      rules: names,
      summary: { ...s, slowest: s.slowest },
      projects: [...perProject].map(([name, rs]) => {
        const p = summarize(rs);
        return { name, files: p.files, findings: p.findings, unparsable: p.unparsable, crashes: p.crashes, ms: Math.round(p.ms) };
      }),
      crashes: results.filter((r) => r.crash).map((r) => r.crash),
    };
    writeFileSync(opts.json, `${JSON.stringify(json, null, 2)}\n`);
  }
  const ok = s.crashes === 0 && s.problems.length === 0;
  console.log(ok ? 'robustness: ok' : 'robustness: FAILED');
  process.exit(ok ? 0 : 1);
}

await main();
