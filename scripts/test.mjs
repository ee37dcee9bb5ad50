#!/usr/bin/env node
// `npm test`: every check the project has, in order, with one closing line `N passed, N failed` that CI reads.
// Vitest tests count one each; the whole-project checks (type-check, build, lint, docs) count one each too, so a
// red check can never hide behind green unit tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;

function step(name, command, args) {
  process.stdout.write(`\n> ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  if (ok) passed++;
  else failed++;
  process.stdout.write(`${ok ? 'ok' : 'FAILED'}: ${name}\n`);
  return ok;
}

step('type-check', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']);
// The CLI end-to-end tests and the docs check load the built package, so build before them.
const built = step('build', npx, ['tsc', '-p', 'tsconfig.build.json']);
step('lint', npx, ['eslint', '.', '--max-warnings=0']);
if (built) step('docs are generated from rule metadata', npx, ['eslint-doc-generator', '--check']);
else failed++;

const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-vitest-'));
const report = join(dir, 'report.json');
const vitest = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
  stdio: 'inherit',
  env: process.env,
});
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that fails to load has no tests to count: count it as a failure.
  const brokenSuites = json.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  failed += brokenSuites;
  if (vitest.status !== 0 && json.numFailedTests === 0 && brokenSuites === 0) failed++;
} catch {
  process.stdout.write('vitest did not write its report\n');
  failed++;
}
rmSync(dir, { recursive: true, force: true });

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
