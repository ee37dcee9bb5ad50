import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';

// The real rule, except that it throws on any file named `crash.ts`: stands in for a rule bug hit by one file.
vi.mock('../../rules/require-tenant-scope.js', async (importOriginal) => {
  const { default: rule } = await importOriginal<typeof import('../../rules/require-tenant-scope.js')>();
  return {
    default: {
      ...rule,
      create(context: Parameters<typeof rule.create>[0]) {
        if (context.filename.endsWith('crash.ts')) return { Program: () => { throw new Error('boom'); } };
        return rule.create(context);
      },
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a crash on one file', { timeout: 60_000 }, () => {
  it('is reported, the other files of its batch are still checked, and the exit code is 2', async () => {
    for (const name of ['a.ts', 'crash.ts', 'z.ts']) writeFileSync(join(dir, name), 'export const x = 1;\n');
    writeFileSync(join(dir, 'broken.ts'), 'export const = ;\n');
    let stdout = '';
    let stderr = '';
    const code = await main(['check', dir, '--format', 'json'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      isTTY: false,
    });
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.failed).toEqual([{ file: 'crash.ts', message: expect.stringMatching(/^boom; Occurred while linting/) }]);
    expect(report.skipped).toEqual([expect.objectContaining({ file: 'broken.ts' })]);
    expect(report.summary).toMatchObject({ files: 4, failed: 1, skipped: 1 });
    expect(stderr).toMatch(/^tenant-guard: error: could not check crash\.ts: boom/m);
  });
});
