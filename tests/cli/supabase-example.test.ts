import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type CliIO } from '../../src/cli.js';

const example = fileURLToPath(new URL('../../examples/supabase-saas/', import.meta.url));
const RULE = 'tenant-guard/require-tenant-scope';

/**
 * The five leaks planted in examples/supabase-saas (see its README), on the line below `// LEAK`. The reports route
 * has two findings on that line: the tenant filter is optional (require-tenant-scope), and its value is a request
 * header (no-client-tenant-id).
 */
const PLANTED_LEAKS = [
  { file: 'app/api/invoices/[id]/route.ts', line: 10, column: 52, ruleId: RULE, messageId: 'unscopedUnique' },
  { file: 'app/api/invoices/route.ts', line: 8, column: 52, ruleId: RULE, messageId: 'unscoped' },
  { file: 'app/api/notes/route.ts', line: 9, column: 45, ruleId: RULE, messageId: 'unscoped' },
  { file: 'app/api/reports/route.ts', line: 9, column: 49, ruleId: 'tenant-guard/no-client-tenant-id', messageId: 'clientTenantFilter' },
  { file: 'app/api/reports/route.ts', line: 9, column: 49, ruleId: RULE, messageId: 'maybeUndefined' },
  { file: 'app/api/search/route.ts', line: 9, column: 44, ruleId: RULE, messageId: 'unscoped' },
];

interface JsonReport {
  findings: Array<{ file: string; line: number; column: number; ruleId: string; message: string; messageId?: string }>;
  skipped: unknown[];
  warnings: Array<{ message: string }>;
  summary: { files: number; findings: number; byRule: Record<string, number> };
}

async function run(...extra: string[]): Promise<{ code: number; report: JsonReport; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    isTTY: false,
    env: {},
  };
  const code = await main(['check', example, '--format', 'json', ...extra], io);
  return { code, report: JSON.parse(stdout) as JsonReport, stderr };
}

let once: ReturnType<typeof run> | undefined;
/** The default run, shared by the tests that read it. */
const check = () => (once ??= run());

describe('examples/supabase-saas', { timeout: 60_000 }, () => {
  it('its leaks sit on the line right below a `// LEAK` comment, one per marker', () => {
    for (const leak of PLANTED_LEAKS) {
      const lines = readFileSync(join(example, leak.file), 'utf8').split('\n');
      if (leak.ruleId !== RULE) continue; // a second finding on a marked line
      expect(lines[leak.line - 2], `${leak.file}:${leak.line - 1}`).toMatch(/^\s*\/\/ LEAK/);
      expect(readFileSync(join(example, leak.file), 'utf8').match(/\/\/ LEAK/g)).toHaveLength(1);
    }
  });

  it('tenant-guard check reports exactly the planted leaks, with no warnings, and exits 1', async () => {
    const { code, report, stderr } = await check();
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(report.findings.map(({ file, line, column, ruleId, messageId }) => ({ file, line, column, ruleId, messageId }))).toEqual(PLANTED_LEAKS);
    expect(report.skipped).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.summary).toMatchObject({ findings: 6, byRule: { 'require-tenant-scope': 5, 'no-client-tenant-id': 1 } });
  });

  it('words each finding in Supabase terms', async () => {
    const { report } = await check();
    const message = (file: string) => report.findings.find((f) => f.file === file && f.ruleId === RULE)!.message;
    expect(message('app/api/invoices/route.ts')).toBe(
      "`supabaseAdmin.from('invoices').select()` reads invoices rows of every tenant: it does not filter by `account_id`. " +
        "Take the tenant from the server session and add it: `.eq('account_id', <account_id from the session>)`.",
    );
    expect(message('app/api/invoices/[id]/route.ts')).toMatch(/^`supabaseAdmin\.from\('invoices'\)\.update\(\)` finds invoices by `id` alone/);
    expect(message('app/api/notes/route.ts')).toContain(".eq('account_id', accountId)");
    expect(message('app/api/search/route.ts')).toMatch(/^`supabaseAdmin\.rpc\('search_invoices'\)` reads invoices rows of every tenant/);
    expect(message('app/api/reports/route.ts')).toMatch(/^`account_id` is set to `accountId`, which may be undefined/);
    expect(report.findings.find((f) => f.ruleId === 'tenant-guard/no-client-tenant-id')!.message).toMatch(
      /^`account_id` in `\.from\('invoices'\)\.select\(\)` comes from a request header \(`accountId`\)/,
    );
  });

  it('the safe variants, the user-bound dashboard, the webhook, pricing and admin pages have no findings', async () => {
    const { report } = await check();
    const files = new Set(report.findings.map((f) => f.file));
    for (const file of [
      'app/api/safe-invoices/route.ts',
      'app/api/safe-invoices/[id]/route.ts',
      'app/api/safe-notes/route.ts',
      'app/api/safe-search/route.ts',
      'app/api/safe-reports/route.ts',
      'app/dashboard/page.tsx',
      'app/api/webhooks/stripe/route.ts',
      'app/pricing/page.tsx',
      'app/admin/accounts/page.tsx',
    ]) {
      expect(files.has(file), file).toBe(false);
    }
  });

  it('--strict reports the same leaks, and that the webhook writes without recording event.id', async () => {
    const { report } = await run('--strict');
    // requireIdempotency (strict): the webhook updates rows for every delivery of an event, and Stripe redelivers.
    const idempotency = { file: 'app/api/webhooks/stripe/route.ts', line: 23, ruleId: 'tenant-guard/require-webhook-verification', messageId: 'notIdempotent' };
    expect(report.findings.map(({ file, line }) => ({ file, line }))).toEqual(
      [...PLANTED_LEAKS, idempotency].map(({ file, line }) => ({ file, line })),
    );
    expect(report.findings.find((f) => f.file === idempotency.file)).toMatchObject({ ruleId: idempotency.ruleId, messageId: idempotency.messageId });
  });
});
