import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli.js';

const app = join(fileURLToPath(new URL('../../', import.meta.url)), 'examples/drizzle-saas');

async function checkJson(dir: string) {
  let stdout = '';
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, isTTY: false, env: {} };
  const code = await main(['check', dir, '--format', 'json'], io);
  return { code, report: JSON.parse(stdout) as { findings: Array<{ file: string; line: number; messageId?: string }> } };
}

describe('tenant-guard check examples/drizzle-saas', () => {
  it('reports exactly the planted Drizzle leaks, and none of their safe twins', async () => {
    const { code, report } = await checkJson(app);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.file, f.line, f.messageId])).toEqual([
      ['app/api/invoices/[id]/route.ts', 8, 'unscopedUnique'],
      ['app/api/invoices/route.ts', 7, 'unscoped'],
      ['app/api/invoices/route.ts', 13, 'unscoped'],
    ]);
  });
});
