import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { check } from '../../src/cli/run.js';
import type { Finding } from '../../src/cli/report.js';

/**
 * End to end: `tenant-guard migrate scope-queries` on a copy of examples/leaky-saas, then `tenant-guard check` on
 * the result. Every require-tenant-scope finding the codemod claimed to fix is gone; the ones left are exactly the
 * places it marked for review; and the files it changed still type-check (`tsc --noEmit`, with the stubs of
 * __fixtures__/e2e-types for the packages the example does not install). Other rules' findings are not looked at:
 * the example grows leaks for them independently.
 */
const example = join(import.meta.dirname, '..', '..', 'examples', 'leaky-saas');
const stubs = join(import.meta.dirname, '__fixtures__', 'e2e-types', 'modules.d.ts');
const tsc = join(import.meta.dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
const RULE = 'tenant-guard/require-tenant-scope';

let dir: string;
/** An untouched copy, to tell a codemod's type error from a stub's. */
let original: string;
let before: Finding[];
let stdout = '';
let code: number;

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: { write: (s: string) => (out.stdout += s) },
      stderr: { write: (s: string) => (out.stderr += s) },
      isTTY: false,
    },
  };
}

const scoped = (findings: Finding[]) => findings.filter((f) => f.ruleId === RULE);

/** `tsc --noEmit` over the given files (and what they import), with the example's own tsconfig. */
function typeCheck(root: string, files: string[]): string {
  copyFileSync(stubs, join(root, 'tenant-guard-e2e-stubs.d.ts'));
  writeFileSync(
    join(root, 'tsconfig.e2e.json'),
    JSON.stringify({ extends: './tsconfig.json', compilerOptions: { incremental: false }, include: ['types/**/*.d.ts', 'tenant-guard-e2e-stubs.d.ts', ...files] }),
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.e2e.json'), '--noEmit'], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

/** The `file:line:column  kind: reason` lines of the summary's review section. */
function reviewLocations(summary: string): Array<{ file: string; line: number }> {
  const section = summary.split(/\n\n/).find((s) => s.startsWith('Left for review')) ?? '';
  return section
    .split('\n')
    .slice(1)
    .map((l) => /^\s+(\S+):(\d+):\d+\s/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1], line: Number(m[2]) }));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tenant-guard-e2e-'));
  cpSync(example, dir, { recursive: true });
  original = mkdtempSync(join(tmpdir(), 'tenant-guard-e2e-original-'));
  cpSync(example, original, { recursive: true });
  before = scoped((await check({ root: dir, strict: false })).findings);
  const { out, io } = capture();
  code = await main(['migrate', 'scope-queries', dir, '--session', 'requireAuth from @/lib/auth', '--scope', 'session.accountId'], io);
  stdout = out.stdout;
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(original, { recursive: true, force: true });
});

describe('migrate scope-queries on examples/leaky-saas', () => {
  it('runs, changes files and says what it did', () => {
    expect(code).toBe(0);
    expect(stdout).toMatch(/tenant-guard migrate scope-queries: \d+ files looked at, [1-9]\d* changed/);
    expect(stdout).toContain('Rewrites by kind:');
    expect(stdout).toContain('Left for review');
  });

  it('leaves no require-tenant-scope finding it claimed to fix: what is left is what it marked for review', async () => {
    const after = scoped((await check({ root: dir, strict: false })).findings);
    const reviews = reviewLocations(stdout);
    expect(after.map((f) => `${f.file}:${f.line}`).sort()).toEqual(reviews.map((r) => `${r.file}:${r.line}`).sort());
    // It fixed some, and the review comments are in the files, right where the findings are.
    expect(after.length).toBeLessThan(before.length);
    for (const r of reviews) {
      const lines = readFileSync(join(dir, r.file), 'utf8').split('\n');
      expect(lines.slice(Math.max(0, r.line - 4), r.line).join('\n')).toContain('tenant-guard: review');
    }
  });

  it('accounts for every finding: each one was rewritten or left for review', () => {
    const rewritten = Number(/ (\d+) quer(?:y|ies) rewritten/.exec(stdout)?.[1]);
    expect(rewritten + reviewLocations(stdout).length).toBe(before.length);
  });

  it('keeps the example type-checking', () => {
    const changed = stdout
      .split(/\n\n/)
      .find((s) => s.startsWith('Changed:'))!
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);
    expect(changed.length).toBeGreaterThan(0);
    expect(typeCheck(original, changed)).toBe('');
    expect(typeCheck(dir, changed)).toBe('');
  }, 60_000);

  it('is idempotent: a second run changes nothing', async () => {
    const { out, io } = capture();
    expect(await main(['migrate', 'scope-queries', dir, '--session', 'requireAuth from @/lib/auth', '--scope', 'session.accountId'], io)).toBe(0);
    expect(out.stdout).toMatch(/, 0 changed, 0 queries rewritten/);
  });
});

/**
 * Then `session-scope` after `scope-queries`, the order the docs give: on a fresh copy, so that the lines above stay
 * those scope-queries reported. Every no-client-tenant-id finding it claimed to fix is gone (what is left is where it
 * left a review, the notes on server action parameters aside), scope-queries' findings stay fixed, and the files
 * both changed still type-check.
 */
describe('migrate scope-queries, then session-scope, on examples/leaky-saas', () => {
  const CLIENT_RULE = 'tenant-guard/no-client-tenant-id';
  const args = ['--session', 'requireAuth from @/lib/auth', '--scope', 'session.accountId'];
  let both: string;
  let pristine: string;
  let scopeOut = '';
  let sessionOut = '';
  let sessionCode: number;
  let clientBefore: Finding[];

  const ofRule = (findings: Finding[], rule: string) => findings.filter((f) => f.ruleId === rule);
  /** The review lines of a summary, with their kind. */
  const reviewsOf = (summary: string) =>
    (summary.split(/\n\n/).find((s) => s.startsWith('Left for review')) ?? '')
      .split('\n')
      .slice(1)
      .map((l) => /^\s+(\S+):(\d+):\d+\s+([\w-]+):/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ file: m[1], line: Number(m[2]), kind: m[3] }));
  const changedOf = (summary: string) =>
    (summary.split(/\n\n/).find((s) => s.startsWith('Changed:')) ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter(Boolean);

  beforeAll(async () => {
    both = mkdtempSync(join(tmpdir(), 'tenant-guard-e2e-both-'));
    cpSync(example, both, { recursive: true });
    pristine = mkdtempSync(join(tmpdir(), 'tenant-guard-e2e-pristine-'));
    cpSync(example, pristine, { recursive: true });
    const first = capture();
    expect(await main(['migrate', 'scope-queries', both, ...args], first.io)).toBe(0);
    scopeOut = first.out.stdout;
    clientBefore = ofRule((await check({ root: both, strict: false })).findings, CLIENT_RULE);
    const second = capture();
    sessionCode = await main(['migrate', 'session-scope', both, ...args], second.io);
    sessionOut = second.out.stdout;
  }, 120_000);

  afterAll(() => {
    rmSync(both, { recursive: true, force: true });
    rmSync(pristine, { recursive: true, force: true });
  });

  it('runs, changes files and says what it did', () => {
    expect(sessionCode).toBe(0);
    expect(sessionOut).toMatch(/tenant-guard migrate session-scope: \d+ files looked at, [1-9]\d* changed, [1-9]\d* tenant values? rewritten/);
    expect(clientBefore.length).toBeGreaterThan(0);
  });

  it('leaves no no-client-tenant-id finding it claimed to fix', async () => {
    const findings = (await check({ root: both, strict: false })).findings;
    const left = reviewsOf(sessionOut).filter((r) => r.kind !== 'action-argument');
    expect(ofRule(findings, CLIENT_RULE).map((f) => `${f.file}:${f.line}`).sort()).toEqual(left.map((r) => `${r.file}:${r.line}`).sort());
    expect(ofRule(findings, CLIENT_RULE).length).toBeLessThan(clientBefore.length);
    // scope-queries' rewrites stand: what require-tenant-scope still reports is what scope-queries left for review.
    expect(ofRule(findings, RULE).length).toBe(reviewsOf(scopeOut).length);
    for (const f of ofRule(findings, RULE)) {
      const lines = readFileSync(join(both, f.file), 'utf8').split('\n');
      expect(lines.slice(Math.max(0, f.line - 4), f.line).join('\n')).toContain('tenant-guard: review');
    }
  });

  it('keeps the example type-checking', () => {
    const changed = [...new Set([...changedOf(scopeOut), ...changedOf(sessionOut)])];
    expect(changedOf(sessionOut).length).toBeGreaterThan(0);
    expect(typeCheck(pristine, changed)).toBe('');
    expect(typeCheck(both, changed)).toBe('');
  }, 60_000);

  it('is idempotent: a second session-scope run changes nothing', async () => {
    const { out, io } = capture();
    expect(await main(['migrate', 'session-scope', both, ...args], io)).toBe(0);
    expect(out.stdout).toMatch(/, 0 changed, 0 tenant values rewritten/);
  });
});
