import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli.js';
import { version } from '../../src/version.js';
import { byPosition, countByRule, plantedLeaks } from '../helpers/planted.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const leaky = join(repoRoot, 'examples/leaky-saas');
const fixed = join(repoRoot, 'examples/fixed-saas');

/** The leaks planted in examples/leaky-saas (see its README), each on the line below its `// LEAK(rule)` marker. */
const PLANTED_LEAKS = plantedLeaks(leaky);
const LEAK_COUNTS = countByRule(PLANTED_LEAKS);
/** `7 findings (require-tenant-scope: 6, no-client-tenant-id: 1)`, in any order of rules. */
function expectSummaryCounts(line: string): void {
  expect(line).toContain(`${PLANTED_LEAKS.length} findings (`);
  for (const [rule, n] of Object.entries(LEAK_COUNTS)) expect(line).toContain(`${rule}: ${n}`);
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], { isTTY = false, env = {} as Record<string, string | undefined> } = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY,
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface JsonReport {
  version: string;
  findings: Array<{
    file: string;
    line: number;
    column: number;
    endLine?: number;
    endColumn?: number;
    ruleId: string;
    message: string;
    messageId?: string;
  }>;
  skipped: Array<{ file: string; message: string }>;
  warnings: Array<{ message: string }>;
  summary: { files: number; findings: number; skipped: number; byRule: Record<string, number> };
}

async function runJson(dir: string, ...extra: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  const { code, stdout, stderr } = await run(['check', dir, '--format', 'json', ...extra]);
  return { code, report: JSON.parse(stdout) as JsonReport, stderr };
}

const temps: string[] = [];
function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-cli-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the planted leaks', () => {
  it('are read from the `// LEAK` markers, and every rule file they name exists', () => {
    expect(PLANTED_LEAKS.length).toBeGreaterThanOrEqual(6);
    for (const leak of PLANTED_LEAKS) {
      expect(existsSync(join(repoRoot, 'rules', `${leak.ruleId.replace('tenant-guard/', '')}.ts`)), leak.ruleId).toBe(true);
    }
  });
});

describe('tenant-guard check', { timeout: 60_000 }, () => {
  it('reports exactly the planted leaks in examples/leaky-saas and exits 1', async () => {
    const { code, report } = await runJson(leaky);
    expect(code).toBe(1);
    const got = report.findings.map(({ file, line, ruleId }) => ({ file, line, ruleId })).sort(byPosition);
    expect(got).toEqual([...PLANTED_LEAKS].sort(byPosition));
    expect(report.skipped).toEqual([]);
  });

  it('reports nothing in examples/fixed-saas and exits 0', async () => {
    const { code, report } = await runJson(fixed);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints findings grouped by file, then a summary (pretty, no colours off a TTY)', async () => {
    const { code, stdout, stderr } = await run(['check', leaky]);
    expect(code).toBe(1);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('\u001b[');
    for (const leak of PLANTED_LEAKS) {
      const group = stdout.split('\n\n').find((block) => block.startsWith(`${leak.file}\n`));
      expect(group, leak.file).toBeDefined();
      expect(group).toMatch(new RegExp(`^  ${leak.line}:\\d+ +\\S.*  ${leak.ruleId}$`, 'm'));
    }
    const summary = stdout.trimEnd().split('\n').at(-1)!;
    expect(summary).toMatch(/^tenant-guard: \d+ files, \d+ findings \(.*\) in \d+\.\ds$/);
    expectSummaryCounts(summary);
  });

  it('prints a clean summary for the fixed app', async () => {
    const { code, stdout } = await run(['check', fixed]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tenant-guard: \d+ files, 0 findings in \d+\.\ds\n$/);
  });

  it('--demo prints the same report but exits 0, saying what the real exit code would be', async () => {
    const { code, stdout } = await run(['check', leaky, '--demo']);
    expect(code).toBe(0);
    expectSummaryCounts(stdout);
    expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/without --demo.*exits 1/i);
  });

  it('--strict runs too', async () => {
    const { code, report } = await runJson(leaky, '--strict');
    expect(code).toBe(1);
    expect(report.findings.length).toBeGreaterThanOrEqual(PLANTED_LEAKS.length);
  });

  it('--format json is one JSON document with findings, skipped, warnings and a summary', async () => {
    const { report, stderr } = await runJson(leaky);
    expect(stderr).toBe('');
    expect(report.version).toBe(version);
    expect(report.summary).toMatchObject({ findings: PLANTED_LEAKS.length, skipped: 0, byRule: LEAK_COUNTS });
    expect(report.summary.files).toBeGreaterThanOrEqual(14);
    expect(report.warnings).toEqual([]);
    for (const f of report.findings) {
      expect(f).toMatchObject({
        file: expect.any(String),
        line: expect.any(Number),
        column: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
        ruleId: expect.stringMatching(/^tenant-guard\//),
        message: expect.any(String),
      });
      expect(f.file).not.toMatch(/^\/|\\/);
    }
  });

  it('--format sarif is a SARIF 2.1.0 log', async () => {
    const { code, stdout } = await run(['check', leaky, '--format', 'sarif']);
    expect(code).toBe(1);
    const log = JSON.parse(stdout);
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [runObj] = log.runs;
    const { driver } = runObj.tool;
    expect(driver).toMatchObject({ name: 'tenant-guard', version, informationUri: expect.stringMatching(/^https:\/\//) });
    // One rule descriptor per rule that reported, each pointing at its docs page.
    expect(driver.rules.map((r: { id: string }) => r.id).sort()).toEqual(Object.keys(LEAK_COUNTS).map((r) => `tenant-guard/${r}`).sort());
    for (const rule of driver.rules) {
      expect(rule).toMatchObject({ shortDescription: { text: expect.any(String) }, helpUri: expect.stringContaining(rule.id.replace('tenant-guard/', '')) });
    }
    expect(runObj.originalUriBaseIds['%SRCROOT%'].uri).toMatch(/^file:\/\/.*\/$/);
    expect(runObj.results).toHaveLength(PLANTED_LEAKS.length);
    for (const result of runObj.results) {
      expect(result).toMatchObject({ ruleId: driver.rules[result.ruleIndex].id, level: 'error', message: { text: expect.any(String) } });
      const loc = result.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.region).toEqual({
        startLine: expect.any(Number),
        startColumn: expect.any(Number),
        endLine: expect.any(Number),
        endColumn: expect.any(Number),
      });
    }
    const got = runObj.results
      .map((r: { ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => ({
        // URIs are percent-encoded (`app/api/invoices/%5Bid%5D/route.ts`); decoded, they are the file paths.
        file: decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri),
        line: r.locations[0].physicalLocation.region.startLine,
        ruleId: r.ruleId,
      }))
      .sort(byPosition);
    expect(got).toEqual([...PLANTED_LEAKS].sort(byPosition));
  });

  it('shows progress on stderr and colours only on a TTY, and honours NO_COLOR', async () => {
    const tty = await run(['check', fixed], { isTTY: true });
    expect(tty.stderr).toMatch(/^\r\u001b\[Ktenant-guard: checking 0\/\d+ files/);
    expect(tty.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(tty.stdout).toContain('\u001b[');

    const noColor = await run(['check', fixed], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain('\u001b[');
  });

  /** A project with one file that does not parse and a schema.prisma that does not either. */
  function brokenProject(): string {
    const dir = tempProject();
    mkdirSync(join(dir, 'prisma'));
    writeFileSync(join(dir, 'prisma/schema.prisma'), 'model Invoice {\n  id String @id\n  accountId String\n'); // no closing brace
    mkdirSync(join(dir, 'lib'));
    cpSync(join(leaky, 'lib/db.ts'), join(dir, 'lib/db.ts'));
    writeFileSync(join(dir, 'broken.ts'), 'export const = ;\n');
    writeFileSync(
      join(dir, 'route.ts'),
      "import { db } from './lib/db';\nexport const GET = () => db.invoice.findMany({ where: { accountId: 'a' } });\n",
    );
    return dir;
  }
  const isSchemaParseWarning = (message: string) => /pars/i.test(message) && message.includes('schema.prisma');

  // Each run gets its own directory: the schema parser caches by path, so a second run on the same broken schema
  // in one process does not warn again.
  it('lists unparsable files as skipped and prints project warnings, without crashing (pretty)', async () => {
    const { code, stdout } = await run(['check', brokenProject()]);
    expect(code).not.toBe(2);
    expect(stdout).toMatch(/^skipped \(could not parse\): broken\.ts(:\d+:\d+)?: \S/m);
    const warnings = stdout.split('\n').filter((line) => line.startsWith('warning: '));
    expect(warnings.some(isSchemaParseWarning), stdout).toBe(true);
    expect(stdout).toMatch(/^tenant-guard: 3 files, .*1 skipped/m);
  });

  it('lists unparsable files as skipped and prints project warnings, without crashing (json)', async () => {
    const { code, report, stderr } = await runJson(brokenProject());
    expect(code).not.toBe(2);
    expect(report.skipped).toEqual([expect.objectContaining({ file: 'broken.ts', message: expect.any(String) })]);
    expect(report.summary.skipped).toBe(1);
    expect(report.findings.map((f) => f.file)).not.toContain('broken.ts');
    expect(report.warnings.some((w) => isSchemaParseWarning(w.message))).toBe(true);
    // On stdout the JSON stays machine-readable; the human copy of the warnings goes to stderr.
    expect(stderr.split('\n').some((line) => line.startsWith('tenant-guard: warning: ') && isSchemaParseWarning(line))).toBe(true);
  });

  it('does not lint node_modules, build output or .d.ts files', async () => {
    const dir = tempProject();
    cpSync(join(leaky, 'prisma'), join(dir, 'prisma'), { recursive: true });
    cpSync(join(leaky, 'lib'), join(dir, 'lib'), { recursive: true });
    const leak = "import { db } from '../lib/db';\nexport const all = () => db.invoice.findMany();\n";
    for (const sub of ['node_modules/some-pkg', '.next/server', 'dist', 'coverage', 'app']) {
      mkdirSync(join(dir, sub), { recursive: true });
      writeFileSync(join(dir, sub, 'leak.ts'), leak);
    }
    writeFileSync(join(dir, 'app/types.d.ts'), 'export declare const x: number;\n');
    const { report } = await runJson(dir);
    expect(report.findings.map((f) => f.file)).toEqual(['app/leak.ts']);
    expect(report.summary.files).toBe(1 + readdirSync(join(dir, 'lib')).length);
  });
});

describe('usage', () => {
  it.each([
    [[], /missing command/],
    [['lint', '.'], /unknown command 'lint'/],
    [['check', '--fast'], /unknown option '--fast'/],
    [['check', '--format', 'xml'], /unknown format 'xml'/],
    [['check', '--format'], /'--format' needs a value/],
    [['check', 'a', 'b'], /one directory/],
    [['check', 'does/not/exist'], /no such directory: does\/not\/exist/],
    [['check', join(repoRoot, 'package.json')], /not a directory/],
  ])('%j exits 2 with a message on stderr', async (argv, message) => {
    const { code, stdout, stderr } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^tenant-guard: /);
  });

  it('--help prints usage and exits 0', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: tenant-guard check [dir]');
    expect((await run(['check', '-h'])).stdout).toBe(stdout);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

const bin = join(repoRoot, 'dist/src/cli.js');
describe.skipIf(!existsSync(bin))('the built bin', () => {
  it('node dist/src/cli.js check examples/leaky-saas --format json', { timeout: 60_000 }, () => {
    const child = spawnSync(process.execPath, [bin, 'check', 'examples/leaky-saas', '--format', 'json'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(1);
    const report = JSON.parse(child.stdout) as JsonReport;
    const got = report.findings.map(({ file, line, ruleId }) => ({ file, line, ruleId })).sort(byPosition);
    expect(got).toEqual([...PLANTED_LEAKS].sort(byPosition));
  });
});
