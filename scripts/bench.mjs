// `npm run bench`: how much tenant-guard adds to a lint run, in one process, with ESLint's Linter.
//
//   1. Generates a deterministic Next.js + Prisma corpus into .bench/corpus (scripts/bench-corpus.mjs).
//   2. Reads every .ts/.tsx file into memory.
//   3. Times full passes over the corpus with `linter.verify(code, config, { filename })`:
//        baseline      @typescript-eslint/parser, no rules (parse + traversal cost)
//        tenant-guard  the same plus every tenant-guard rule at 'error'
//      after a warm-up pass of each (over a 400-file sample), alternating the two for --rounds rounds; reports the
//      medians and their ratio, the findings, and how they match the queries the generator planted.
//   4. Times each rule alone (baseline + that rule) for --rule-rounds rounds and reports its overhead (with a single
//      rule that is the all-rules run; with several, the phase lints an evenly spread sample of the corpus).
//   5. ESLint's own per-rule timing, the numbers `TIMING=all` prints: --stats-rounds passes over the whole corpus with
//      every rule on through ESLint's `stats` option (`verifyAndFix(…, { stats: true, fix: false })`, the per-file form
//      of TIMING), summing each rule's time over all files; reported as a share of the parse-only baseline, against
//      the target of at most 3% per rule. It measures the rules inside one run, where step 4 measures each alone.
//      (Set no TIMING variable for the bench itself: it would wrap every listener in every phase.)
//
// Options:
//   --rounds N       timed rounds of baseline/tenant-guard (default 5)
//   --rule-rounds N  timed rounds per rule for the per-rule costs (default 3)
//   --files N        generated files in the corpus (default 2000, which keeps the default run near 2 minutes on 2 cores)
//   --slice N        interleave baseline and tenant-guard every N files (default 100; 0: whole passes in turn)
//   --seed N         corpus seed (default: fixed, so every run lints the same code)
//   --json           also print the numbers as JSON (on stdout; the report then goes to stderr)
//   --stats-rounds N passes of step 5 (default 1; the median per rule is reported)
//   --quick          a short run for development: --files 300 --rounds 2 --rule-rounds 1 (explicit options still win)
//   --check          exit 1 if the ratio exceeds the 1.10x target or a rule's step-5 share exceeds 3%
//   --no-control     skip timing baseline + one no-op rule (ESLint's fixed cost of running any rule at all; on by default)
//   --details        print planted-vs-reported for every query style, with example locations
//   --plugin PATH    lint with another build of the plugin (default: dist/src/index.js)
//
// Timing notes: the baseline and tenant-guard passes of a round are interleaved every --slice files (order rotating),
// so load from other processes on a shared machine falls on both alike; a pass's time is the sum of its slices. A
// full GC (exposed at runtime through v8 flags) precedes every round (every pass with --slice 0).

import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { createRequire } from 'node:module';
import { generateCorpus, DEFAULT_SEED } from './bench-corpus.mjs';

// ESLint's own config array, which the ESLint class builds once per run; not part of its public exports.
const requireFromHere = createRequire(import.meta.url);
const { FlatConfigArray } = requireFromHere(join(dirname(requireFromHere.resolve('eslint/package.json')), 'lib', 'config', 'flat-config-array.js'));

function normalized(configArray) {
  const array = new FlatConfigArray(configArray, { basePath: CORPUS });
  array.normalizeSync();
  return array;
}

const TARGET_RATIO = 1.1;
/** Step 5: no single rule above this share of the parse-only baseline. */
const RULE_SHARE_TARGET = 0.03;
/** Files in the warm-up pass of each configuration. */
const WARMUP_FILES = 400;
/** The per-rule phase (several rules only) costs about this many full passes; it samples the corpus to fit. */
const PER_RULE_BUDGET = 6;
const RULE_PREFIX = 'tenant-guard';
const SCOPE_RULE = 'require-tenant-scope';
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = join(REPO, '.bench', 'corpus');
const DEFAULT_PLUGIN = join(REPO, 'dist', 'src', 'index.js');

// ---------------------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv) {
  const opts = { rounds: 5, ruleRounds: 3, statsRounds: 1, files: 2000, slice: 100, seed: DEFAULT_SEED, json: false, check: false, details: false, control: true, plugin: DEFAULT_PLUGIN };
  const given = new Set();
  const int = (name, value, min) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) fail(`${name} expects an integer >= ${min}, got ${JSON.stringify(value)}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => inlineValue ?? argv[++i];
    given.add(flag);
    switch (flag) {
      case '--rounds': opts.rounds = int(flag, value(), 1); break;
      case '--rule-rounds': opts.ruleRounds = int(flag, value(), 1); break;
      case '--stats-rounds': opts.statsRounds = int(flag, value(), 1); break;
      case '--quick': opts.quick = true; break;
      case '--files': opts.files = int(flag, value(), 1); break;
      case '--slice': opts.slice = int(flag, value(), 0); break;
      case '--seed': opts.seed = int(flag, value(), 0); break;
      case '--json': opts.json = true; break;
      case '--check': opts.check = true; break;
      case '--details': opts.details = true; break;
      case '--control': opts.control = true; break;
      case '--no-control': opts.control = false; break;
      case '--plugin': opts.plugin = resolve(value() ?? fail('--plugin expects a path')); break;
      case '-h':
      case '--help':
        process.stdout.write(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n\n')[0].replace(/^\/\/ ?/gm, '') + '\n');
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg} (see --help)`);
    }
  }
  if (opts.quick) {
    if (!given.has('--files')) opts.files = 300;
    if (!given.has('--rounds')) opts.rounds = 2;
    if (!given.has('--rule-rounds')) opts.ruleRounds = 1;
  }
  return opts;
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const secs = (ms) => `${(ms / 1000).toFixed(2)}s`;
const pct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
/** Every `step`-th element: an evenly spread, deterministic sample. */
const every = (xs, step) => (step <= 1 ? xs : xs.filter((_, i) => i % step === 0));
const spread = (xs) => (xs.length > 1 ? (Math.max(...xs) - Math.min(...xs)) / median(xs) : 0);

function exposeGc() {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc');
  } catch {
    return () => {};
  }
}

function listSources(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listSources(path, out);
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

function packageVersion(name) {
  try {
    const require = (p) => JSON.parse(readFileSync(p, 'utf8'));
    return require(join(REPO, 'node_modules', name, 'package.json')).version;
  } catch {
    return '?';
  }
}

async function loadPlugin(path) {
  let mod;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (error) {
    const shown = relative(REPO, path) || path;
    const reason = error?.code === 'ERR_MODULE_NOT_FOUND' ? error.message.split('\n')[0] : (error?.stack ?? String(error));
    fail(
      `cannot import the tenant-guard plugin from ${shown}.\n` +
        `  ${reason}\n` +
        '  Run `npm run build` first (`npm run bench` does) and make sure it succeeds.',
    );
  }
  const plugin = mod.default ?? mod;
  const names = Object.keys(plugin?.rules ?? {}).sort();
  if (names.length === 0) fail(`${path} exports no rules (expected a default export with a \`rules\` map)`);
  return { plugin, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // With --json, stdout carries only the JSON; the human-readable report goes to stderr.
  const out = opts.json ? process.stderr : process.stdout;
  const log = (line = '') => out.write(`${line}\n`);
  const started = performance.now();

  const { plugin, names } = await loadPlugin(opts.plugin);
  if (opts.files < 2000) log(`note: --files ${opts.files} is below the 2000 files the bench is meant to run on`);
  if (process.env.TIMING) log('note: TIMING is set, so ESLint wraps every rule listener in every phase: the ratios below include that overhead');

  const corpus = generateCorpus({ root: CORPUS, files: opts.files, seed: opts.seed });
  const manifest = new Map(corpus.files.map((f) => [join(CORPUS, f.path), f]));
  const sources = listSources(CORPUS)
    .sort()
    .map((filename) => ({ filename, code: readFileSync(filename, 'utf8') }));
  const lines = sources.reduce((n, s) => n + s.code.split('\n').length - 1, 0);

  const gc = exposeGc();
  const linter = new Linter({ cwd: CORPUS });
  const base = {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
  };
  const withRules = (ruleNames) => [
    base,
    {
      files: ['**/*.{ts,tsx}'],
      plugins: { [RULE_PREFIX]: plugin },
      rules: Object.fromEntries(ruleNames.map((n) => [`${RULE_PREFIX}/${n}`, 'error'])),
    },
  ];
  const noop = { meta: { type: 'problem', schema: [] }, create: () => ({}) };
  // Configs are normalized once, as the ESLint class does for a run (it validates rule options once per config, not
  // once per file). Handing `verify()` a raw array would re-validate on every call and charge that to the rules.
  const configs = {
    baseline: normalized([base]),
    plugin: normalized(withRules(names)),
    control: normalized([base, { files: ['**/*.{ts,tsx}'], plugins: { bench: { rules: { noop } } }, rules: { 'bench/noop': 'error' } }]),
  };

  /**
   * One full pass over `files` with each of `entries` ({ config, collect? }). The passes are interleaved: every
   * `--slice` files are linted with each configuration in turn, the order rotating from slice to slice and round to
   * round, and each pass's time is the sum of its slices. Load from other processes on a shared machine then falls on
   * all configurations alike instead of on whichever pass it happened to coincide with. A full GC precedes each
   * round (not each slice: forcing one that often shrinks the young generation and slows the next slice), so
   * garbage left by earlier phases is not charged to anyone. `--slice 0`: whole passes, one after the other.
   */
  function passes(entries, { files = sources, round = 0, collect = false } = {}) {
    const size = opts.slice > 0 ? opts.slice : files.length;
    const ns = entries.map(() => 0n);
    const messages = entries.map(() => 0);
    let current;
    gc();
    for (let start = 0, k = 0; start < files.length; start += size, k++) {
      const slice = files.slice(start, start + size);
      for (let j = 0; j < entries.length; j++) {
        const i = (j + k + round) % entries.length;
        const { config } = entries[i];
        const sink = collect ? entries[i].collect : null;
        if (size === files.length) gc();
        const t0 = process.hrtime.bigint();
        try {
          for (current of slice) {
            const result = linter.verify(current.code, config, { filename: current.filename });
            messages[i] += result.length;
            if (sink) sink(current, result);
          }
        } catch (error) {
          error.message = `while linting ${relative(CORPUS, current.filename)}: ${error.message}`;
          throw error;
        }
        ns[i] += process.hrtime.bigint() - t0;
      }
    }
    return entries.map((_, i) => ({ ms: Number(ns[i]) / 1e6, messages: messages[i] }));
  }

  log(`tenant-guard bench: node ${process.version}, eslint ${packageVersion('eslint')}, @typescript-eslint/parser ${packageVersion('@typescript-eslint/parser')}, ${availableParallelism?.() ?? cpus().length} CPUs`);
  log(`plugin: ${relative(REPO, opts.plugin) || opts.plugin} (${names.length} rule${names.length === 1 ? '' : 's'}: ${names.join(', ')})`);
  log(`corpus: ${sources.length} files, ${Math.round(lines / 1000)}k lines (${corpus.files.length} generated in ${secs(corpus.ms)}, seed ${corpus.seed}) in ${relative(REPO, CORPUS)}`);

  // Warm-up, once per configuration: JIT, module caches, the plugin's schema cache. A process gets most of its speed
  // within the first few hundred files, so the warm-up lints an evenly spread sample rather than the whole corpus.
  const warmFiles = every(sources, Math.max(1, Math.floor(sources.length / WARMUP_FILES)));
  const [warmBase, warmPlugin] = passes([{ config: configs.baseline }, { config: configs.plugin }], { files: warmFiles });
  log(`warm-up (${warmFiles.length} files each): baseline ${secs(warmBase.ms)}, tenant-guard ${secs(warmPlugin.ms)}`);
  log(`timing ${opts.rounds} rounds${opts.slice > 0 ? `, baseline and tenant-guard interleaved every ${opts.slice} files` : ', whole passes alternating'}:`);

  // Timed rounds. The first also checks that the corpus parses and collects the findings.
  const parseErrors = [];
  const findings = [];
  const main = [
    {
      key: 'baseline',
      config: configs.baseline,
      collect: (src, msgs) => {
        for (const m of msgs) if (m.fatal) parseErrors.push(`${relative(CORPUS, src.filename)}:${m.line}:${m.column} ${m.message}`);
      },
    },
    {
      key: 'plugin',
      config: configs.plugin,
      collect: (src, msgs) => {
        for (const m of msgs) findings.push({ filename: src.filename, ...m });
      },
    },
  ];
  if (opts.control) main.push({ key: 'control', config: configs.control });
  const samples = { baseline: [], plugin: [], control: [] };
  const counts = {};
  const unstable = new Set();
  for (let round = 0; round < opts.rounds; round++) {
    const results = passes(main, { round, collect: round === 0 });
    if (parseErrors.length > 0) {
      fail(`the generated corpus does not parse (${parseErrors.length} errors), so timings would be meaningless:\n  ${parseErrors.slice(0, 10).join('\n  ')}`);
    }
    main.forEach(({ key }, i) => {
      samples[key].push(results[i].ms);
      if (counts[key] === undefined) counts[key] = results[i].messages;
      else if (results[i].messages !== counts[key]) unstable.add(`${key}: ${counts[key]} messages in round 1, ${results[i].messages} in round ${round + 1}`);
    });
    const [b, p, c] = results.map((r) => r.ms);
    const controlText = c === undefined ? '' : `, no-op rule ${secs(c)} (${(c / b).toFixed(3)}x)`;
    log(`  round ${round + 1}/${opts.rounds}: baseline ${secs(b)}, tenant-guard ${secs(p)} (${(p / b).toFixed(3)}x)${controlText}`);
  }
  const crashes = findings.filter((m) => m.fatal || !m.ruleId);
  if (crashes.length > 0) log(`warning: ${crashes.length} fatal/unattributed messages with the plugin, e.g. ${relative(CORPUS, crashes[0].filename)}:${crashes[0].line}: ${crashes[0].message}`);
  const byRule = {};
  for (const m of findings) {
    if (!m.ruleId?.startsWith(`${RULE_PREFIX}/`)) continue;
    const name = m.ruleId.slice(RULE_PREFIX.length + 1);
    byRule[name] = (byRule[name] ?? 0) + 1;
  }
  const findingCount = Object.values(byRule).reduce((a, b) => a + b, 0);
  const baseMed = median(samples.baseline);
  const plugMed = median(samples.plugin);
  const ratio = plugMed / baseMed;
  const paired = samples.plugin.map((p, i) => p / samples.baseline[i]);

  // Per-rule costs: each rule alone, interleaved with a baseline in the same rounds. With several rules this phase
  // lints an evenly spread sample of the corpus, sized to cost about PER_RULE_BUDGET full passes.
  const perRule = {};
  let ruleFiles = sources;
  if (names.length === 1) {
    perRule[names[0]] = { medianMs: plugMed, overhead: ratio - 1, samplesMs: samples.plugin, sameAsAllRules: true };
  } else {
    ruleFiles = every(sources, Math.max(1, Math.ceil(((names.length + 1) * opts.ruleRounds) / PER_RULE_BUDGET)));
    const entries = [{ config: configs.baseline }, ...names.map((n) => ({ config: normalized(withRules([n])) }))];
    const ruleSamples = entries.map(() => []);
    passes(entries, { files: warmFiles }); // warm each rule once
    for (let round = 0; round < opts.ruleRounds; round++) {
      passes(entries, { files: ruleFiles, round }).forEach((r, i) => ruleSamples[i].push(r.ms));
    }
    const phaseMed = median(ruleSamples[0]);
    names.forEach((n, i) => {
      const ms = ruleSamples[i + 1];
      perRule[n] = { medianMs: median(ms), overhead: median(ms.map((x, k) => x / ruleSamples[0][k])) - 1, samplesMs: ms };
    });
    perRule.__baseline = { medianMs: phaseMed, samplesMs: ruleSamples[0] };
  }

  // Step 5: ESLint's per-rule timing (what TIMING=all reports) inside one run with every rule on, per file through the
  // `stats` option, summed over the corpus. `verify()` does not take `stats` (ESLint counts fix passes in
  // verifyAndFix), hence verifyAndFix without fixing.
  const statsSamples = names.map(() => []);
  const statsParse = [];
  for (let round = 0; round < opts.statsRounds; round++) {
    const totals = new Map();
    let parseMs = 0;
    gc();
    for (const src of sources) {
      linter.verifyAndFix(src.code, configs.plugin, { filename: src.filename, fix: false, stats: true });
      const pass = linter.getTimes().passes[0];
      parseMs += pass?.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass?.rules ?? {})) totals.set(id, (totals.get(id) ?? 0) + t.total);
    }
    statsParse.push(parseMs);
    names.forEach((n, i) => statsSamples[i].push(totals.get(`${RULE_PREFIX}/${n}`) ?? 0));
  }
  const ruleTiming = Object.fromEntries(
    names.map((n, i) => {
      const ms = median(statsSamples[i]);
      return [n, { ms, share: ms / baseMed, samplesMs: statsSamples[i] }];
    }),
  );
  const statsTotal = Object.values(ruleTiming).reduce((a, r) => a + r.ms, 0);
  const overShare = names.filter((n) => ruleTiming[n].share > RULE_SHARE_TARGET);

  // Report.
  log('');
  log(`corpus: ${sources.length} files, ${Math.round(lines / 1000)}k lines`);
  log(`baseline (parse only): ${secs(baseMed)} median of ${opts.rounds}  [${samples.baseline.map(secs).join(' ')}], spread ${(spread(samples.baseline) * 100).toFixed(1)}%`);
  log(`tenant-guard (all rules): ${secs(plugMed)} median of ${opts.rounds}  [${samples.plugin.map(secs).join(' ')}], spread ${(spread(samples.plugin) * 100).toFixed(1)}%`);
  log(`ratio: ${ratio.toFixed(3)}x (target <= ${TARGET_RATIO.toFixed(2)}x)${ratio > TARGET_RATIO ? '  OVER TARGET' : ''}; per-round ratios ${paired.map((p) => p.toFixed(3)).join(' ')}`);
  if (opts.control) {
    const c = median(samples.control);
    log(`control (baseline + a no-op rule): ${secs(c)} median, ${pct(c / baseMed - 1)}: what ESLint charges for running any rule at all`);
    log(`tenant-guard over the no-op rule: ${(plugMed / c).toFixed(3)}x: the cost of tenant-guard's own work`);
  }
  log(`per file: baseline ${(baseMed / sources.length).toFixed(2)} ms, tenant-guard +${((plugMed - baseMed) / sources.length).toFixed(3)} ms`);
  log(`findings: ${findingCount}${names.length > 1 ? ` (${Object.entries(byRule).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''} in ${new Set(findings.filter((m) => m.ruleId).map((m) => m.filename)).size} files`);
  log(`per-rule cost (baseline + one rule, median of ${names.length === 1 ? opts.rounds : opts.ruleRounds}${ruleFiles === sources ? '' : `, on ${ruleFiles.length} of ${sources.length} files`}):`);
  for (const n of names) {
    const r = perRule[n];
    log(`  ${n}: ${pct(r.overhead)}${r.sameAsAllRules ? ' (the only rule: same runs as all rules)' : ` (${secs(r.medianMs)})`}`);
  }
  log(
    `per-rule time inside the all-rules run (ESLint's TIMING/stats, ${opts.statsRounds === 1 ? 'one pass' : `median of ${opts.statsRounds} passes`} over all ${sources.length} files), as a share of the parse-only baseline (${secs(baseMed)}; target <= ${(RULE_SHARE_TARGET * 100).toFixed(0)}% per rule):`,
  );
  for (const n of [...names].sort((a, b) => ruleTiming[b].ms - ruleTiming[a].ms)) {
    const r = ruleTiming[n];
    log(`  ${n}: ${secs(r.ms)}  ${(r.share * 100).toFixed(2)}%${r.share > RULE_SHARE_TARGET ? '  OVER TARGET' : ''}`);
  }
  log(`  all rules: ${secs(statsTotal)}  ${((statsTotal / baseMed) * 100).toFixed(2)}% (ESLint's parse time in the same passes: ${secs(median(statsParse))}; the timing wrappers add their own cost)`);
  for (const u of unstable) log(`warning: findings differ between passes (${u}); the rule's output depends on state`);

  const planted = plantedVsReported(manifest, findings, names);
  if (planted) printPlanted(planted, log, opts.details);

  const totalMs = performance.now() - started;
  log(`bench took ${secs(totalMs)}`);

  if (opts.json) {
    const json = {
      node: process.version,
      eslint: packageVersion('eslint'),
      parser: packageVersion('@typescript-eslint/parser'),
      cpus: availableParallelism?.() ?? cpus().length,
      plugin: relative(REPO, opts.plugin) || opts.plugin,
      rules: names,
      corpus: { files: sources.length, generatedFiles: corpus.files.length, lines, seed: corpus.seed, generateMs: round1(corpus.ms), planted: corpus.queries },
      rounds: opts.rounds,
      baseline: { medianMs: round1(baseMed), samplesMs: samples.baseline.map(round1) },
      tenantGuard: { medianMs: round1(plugMed), samplesMs: samples.plugin.map(round1) },
      control: opts.control ? { medianMs: round1(median(samples.control)), samplesMs: samples.control.map(round1) } : undefined,
      ratio: Number(ratio.toFixed(4)),
      pairedRatios: paired.map((p) => Number(p.toFixed(4))),
      target: TARGET_RATIO,
      withinTarget: ratio <= TARGET_RATIO,
      findings: findingCount,
      findingsByRule: byRule,
      perRule: Object.fromEntries(
        names.map((n) => [n, { medianMs: round1(perRule[n].medianMs), overheadPct: Number((perRule[n].overhead * 100).toFixed(2)), samplesMs: perRule[n].samplesMs.map(round1) }]),
      ),
      ruleTiming: {
        source: 'eslint stats (TIMING)',
        rounds: opts.statsRounds,
        baselineMs: round1(baseMed),
        parseMs: round1(median(statsParse)),
        targetSharePct: RULE_SHARE_TARGET * 100,
        rules: Object.fromEntries(names.map((n) => [n, { ms: round1(ruleTiming[n].ms), sharePct: Number((ruleTiming[n].share * 100).toFixed(2)), samplesMs: ruleTiming[n].samplesMs.map(round1) }])),
        withinTarget: overShare.length === 0,
      },
      plantedVsReported: planted ? planted.byLabel : null,
      totalMs: round1(totalMs),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  if (opts.check && ratio > TARGET_RATIO) {
    process.stderr.write(`bench: ratio ${ratio.toFixed(3)}x exceeds the ${TARGET_RATIO.toFixed(2)}x target\n`);
    process.exitCode = 1;
  }
  if (opts.check && overShare.length > 0) {
    process.stderr.write(`bench: ${overShare.map((n) => `${n} (${(ruleTiming[n].share * 100).toFixed(2)}%)`).join(', ')} over the ${(RULE_SHARE_TARGET * 100).toFixed(0)}% per-rule target\n`);
    process.exitCode = 1;
  }
}

const round1 = (x) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------------------------------------------------------
// Planted vs reported: the generator records every query's lines and whether it is scoped; match the scope rule's
// findings to them by line. A sanity check of the corpus and a rough recall/false-positive picture, not a test.

function plantedVsReported(manifest, findings, names) {
  const rule = names.includes(SCOPE_RULE) ? SCOPE_RULE : names.length === 1 ? names[0] : null;
  if (!rule) return null;
  const hits = new Map(); // query object → number of findings
  const outside = [];
  for (const m of findings) {
    if (m.ruleId !== `${RULE_PREFIX}/${rule}`) continue;
    const file = manifest.get(m.filename);
    const q = file?.queries.find((x) => m.line >= x.start && m.line <= x.end);
    if (q) hits.set(q, (hits.get(q) ?? 0) + 1);
    else outside.push(`${relative(CORPUS, m.filename)}:${m.line}`);
  }
  const byLabel = {};
  const byStyle = new Map();
  for (const [filename, file] of manifest) {
    for (const q of file.queries) {
      const reported = hits.has(q);
      const l = (byLabel[q.label] ??= { planted: 0, reported: 0 });
      l.planted++;
      if (reported) l.reported++;
      const key = `${q.label}\0${q.style}${q.via === 'tx' ? ' (tx)' : ''}`;
      const s = byStyle.get(key) ?? { label: q.label, style: `${q.style}${q.via === 'tx' ? ' (tx)' : ''}`, planted: 0, reported: 0, examples: { reported: [], missed: [] } };
      s.planted++;
      if (reported) s.reported++;
      const ex = reported ? s.examples.reported : s.examples.missed;
      if (ex.length < 2) ex.push(`${relative(CORPUS, filename)}:${q.start}`);
      byStyle.set(key, s);
    }
  }
  return { rule, byLabel, byStyle: [...byStyle.values()], outside };
}

function printPlanted({ rule, byLabel, byStyle, outside }, log, details) {
  const order = ['unscoped', 'scoped', 'public', 'ambiguous'];
  const expectation = { unscoped: 'should be reported', scoped: 'should not', public: 'should not', ambiguous: 'policy-dependent' };
  log(`planted vs reported (${rule}, matched by line):`);
  for (const label of order) {
    const l = byLabel[label];
    if (!l) continue;
    log(`  ${label.padEnd(9)} ${String(l.planted).padStart(5)} queries, ${String(l.reported).padStart(5)} reported (${((l.reported / l.planted) * 100).toFixed(1)}%)  ${expectation[label]}`);
  }
  const rows = byStyle
    .filter((s) => details || (s.label === 'unscoped' && s.reported < s.planted) || ((s.label === 'scoped' || s.label === 'public') && s.reported > 0))
    .sort((a, b) => order.indexOf(a.label) - order.indexOf(b.label) || a.style.localeCompare(b.style));
  if (rows.length > 0) {
    log(details ? '  by style:' : '  styles that differ from the expectation (all styles: --details):');
    for (const s of rows) {
      const ex = s.label === 'unscoped' ? s.examples.missed : s.examples.reported;
      const exText = details || ex.length ? `  e.g. ${(ex.length ? ex : s.examples.reported.concat(s.examples.missed)).slice(0, 2).join(', ')}` : '';
      log(`    ${s.label.padEnd(9)} ${s.style.padEnd(26)} ${String(s.reported).padStart(5)}/${String(s.planted).padEnd(5)}${exText}`);
    }
  }
  if (outside.length > 0) log(`  findings outside planted queries: ${outside.length}, e.g. ${outside.slice(0, 3).join(', ')}`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exit(1);
});
