import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { parseArgs, UsageError } from '../../src/cli/args.js';

/** `tenant-guard migrate`: argument handling, --dry, --print, the config file, the summary, and what it skips. */
const fixtureApp = join(import.meta.dirname, '__fixtures__', 'scope-queries');
const SESSION = ['--session', 'requireAuth from @/lib/auth', '--scope', 'session.accountId'];

const LIST = `import { db } from '@/lib/db';

export async function GET() {
  return Response.json(await db.invoice.findMany());
}
`;
const LIST_SCOPED = `import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const session = await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId: session.accountId } }));
}
`;

let dir: string;

function write(path: string, text: string): string {
  const file = join(dir, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const read = (path: string) => readFileSync(join(dir, path), 'utf8');

async function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    isTTY: false,
  };
  const code = await main(argv, io);
  return { code, ...out };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tenant-guard-migrate-'));
  for (const entry of ['package.json', 'tsconfig.json', 'prisma', 'lib']) cpSync(join(fixtureApp, entry), join(dir, entry), { recursive: true });
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('tenant-guard migrate: usage', () => {
  it('parses its own options', () => {
    expect(parseArgs(['migrate', 'scope-queries', 'app', 'lib', '--dry', '--scope', 'session.accountId', '--scope=userId=session.userId'])).toMatchObject({
      kind: 'migrate',
      codemod: 'scope-queries',
      paths: ['app', 'lib'],
      dry: true,
      print: false,
      scope: ['session.accountId', 'userId=session.userId'],
    });
    expect(parseArgs(['migrate', 'scope-queries'])).toMatchObject({ paths: ['.'] });
  });

  it.each([
    [['migrate'], /missing codemod.*scope-queries/],
    [['migrate', 'scope-everything'], /unknown codemod 'scope-everything' \(codemods: scope-queries/],
    [['migrate', 'scope-queries', '--format', 'json'], /unknown option '--format' for migrate/],
    [['migrate', 'scope-queries', '--dry=yes'], /'--dry' does not take a value/],
    [['migrate', 'scope-queries', '--session'], /'--session' needs a value/],
    [['migrate', 'scope-queries', '--session', 'require auth please'], /--session must be '<function> from <module>'/],
    [['migrate', 'scope-queries', '--scope', 'session.team.id'], /cannot tell which tenant field.*teamId=session\.team\.id/],
    [['migrate', 'scope-queries', '--scope', 'session?.accountId'], /member path/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it('exits 2 with the message on bad usage, a missing path or a bad config file', async () => {
    const unknown = await run('migrate', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^tenant-guard: unknown codemod 'nope'/);

    const missing = await run('migrate', 'scope-queries', join(dir, 'no-such-dir'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory');

    write('tenant-guard.config.json', JSON.stringify({ migrate: { session: 'requireAuth from @/lib/auth', scopes: 'x' } }));
    const config = await run('migrate', 'scope-queries', dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('unknown key "migrate.scopes"');

    write('tenant-guard.config.json', JSON.stringify({ settings: { tenantField: 'accountId' } }));
    const settings = await run('migrate', 'scope-queries', dir);
    expect(settings.code).toBe(2);
    expect(settings.stderr).toContain('unknown key `tenantField`');
  });

  it('prints its help', async () => {
    const help = await run('migrate', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: tenant-guard migrate <codemod>');
    expect(help.stdout).toMatch(/scope-queries\s+Add the session's tenant/);
    expect((await run('--help')).stdout).toContain('tenant-guard migrate <codemod>');
  });
});

describe('tenant-guard migrate: running', () => {
  it('rewrites in place and ends with a summary', async () => {
    write('app/invoices/route.ts', LIST);
    write('app/plans/route.ts', `import { db } from '@/lib/db';\n\nexport async function GET() {\n  return Response.json(await db.plan.findMany());\n}\n`);
    write('app/accounts/route.ts', `import { db } from '@/lib/db';\n\nexport async function GET() {\n  return Response.json(await db.account.findMany());\n}\n`);
    const { code, stdout } = await run('migrate', 'scope-queries', dir, ...SESSION);
    expect(code).toBe(0);
    expect(read('app/invoices/route.ts')).toBe(LIST_SCOPED);
    expect(stdout).toContain('tenant-guard migrate scope-queries: 5 files looked at, 2 changed, 1 query rewritten, 1 place left for review');
    expect(stdout).toContain('Changed:\n  app/accounts/route.ts\n  app/invoices/route.ts\n');
    expect(stdout).toMatch(/Rewrites by kind:\n\s+1 {2}import added\n\s+1 {2}prisma: tenant added to where\n\s+1 {2}session: call inserted\n/);
    expect(stdout).toMatch(/Left for review \(marked \/\/ tenant-guard: review\):\n {2}app\/accounts\/route\.ts:5:33 {2}unscoped-root: `db\.account\.findMany\(\)` lists every Account/);
    expect(read('app/accounts/route.ts')).toContain('  // tenant-guard: review: `db.account.findMany()` lists every Account');
  });

  it('--dry changes nothing and says what would change', async () => {
    write('app/invoices/route.ts', LIST);
    const { code, stdout } = await run('migrate', 'scope-queries', dir, '--dry', ...SESSION);
    expect(code).toBe(0);
    expect(read('app/invoices/route.ts')).toBe(LIST);
    expect(stdout).toContain('1 would change, 1 query rewritten, 0 places left for review (dry run: nothing was written)');
    expect(stdout).toContain('Would change:\n  app/invoices/route.ts');
  });

  it('--print writes each changed file to stdout and the summary to stderr', async () => {
    write('app/invoices/route.ts', LIST);
    const { code, stdout, stderr } = await run('migrate', 'scope-queries', dir, '--print', '--dry', ...SESSION);
    expect(code).toBe(0);
    expect(stdout).toBe(`// ==> app/invoices/route.ts <==\n${LIST_SCOPED}`);
    expect(stderr).toContain('tenant-guard migrate scope-queries:');
    expect(read('app/invoices/route.ts')).toBe(LIST);
  });

  it('reads --session and --scope from tenant-guard.config.json, and flags win over it', async () => {
    write('app/invoices/route.ts', LIST);
    write('tenant-guard.config.json', JSON.stringify({ migrate: { session: 'requireAuth from @/lib/auth', scope: { accountId: 'auth.accountId' } } }));
    expect((await run('migrate', 'scope-queries', dir)).code).toBe(0);
    expect(read('app/invoices/route.ts')).toContain('const auth = await requireAuth();');
    expect(read('app/invoices/route.ts')).toContain('where: { accountId: auth.accountId }');

    write('app/invoices/route.ts', LIST);
    expect((await run('migrate', 'scope-queries', dir, '--scope', 'session.accountId')).code).toBe(0);
    expect(read('app/invoices/route.ts')).toBe(LIST_SCOPED);
  });

  it('without a session to insert, leaves the query for review and says how to configure one', async () => {
    write('app/invoices/route.ts', LIST);
    const { stdout } = await run('migrate', 'scope-queries', dir);
    expect(stdout).toContain('app/invoices/route.ts:5:33  unscoped: no session in scope: pass --session');
    expect(read('app/invoices/route.ts')).toContain('// tenant-guard: review: no session in scope');
  });

  it('skips node_modules, .next and dot-directories, takes files and directories, and reports files that do not parse', async () => {
    write('node_modules/pkg/index.ts', LIST);
    write('.next/server/page.ts', LIST);
    write('app/a/route.ts', LIST);
    write('app/b/route.ts', LIST);
    write('app/broken/route.ts', 'export async function GET( {\n');
    const { code, stdout } = await run('migrate', 'scope-queries', join(dir, 'app', 'a', 'route.ts'), join(dir, 'app', 'broken'), ...SESSION);
    expect(code).toBe(0);
    expect(read('app/a/route.ts')).toBe(LIST_SCOPED);
    expect(read('app/b/route.ts')).toBe(LIST);
    expect(read('node_modules/pkg/index.ts')).toBe(LIST);
    // Paths outside the current directory: names are relative to the directory that holds them all.
    expect(stdout).toContain('Changed:\n  a/route.ts\n');
    expect(stdout).toMatch(/Not parsed, left alone:\n {2}broken\/route\.ts:2:\d+ {2}Parsing error/);

    const all = await run('migrate', 'scope-queries', dir, ...SESSION);
    expect(all.stdout).not.toContain('node_modules');
    expect(read('node_modules/pkg/index.ts')).toBe(LIST);
    expect(read('.next/server/page.ts')).toBe(LIST);
    expect(read('app/b/route.ts')).toBe(LIST_SCOPED);
  });

  it('shows progress on a TTY', async () => {
    write('app/invoices/route.ts', LIST);
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, isTTY: true, env: {} };
    expect(await main(['migrate', 'scope-queries', dir, '--dry', ...SESSION], io)).toBe(0);
    expect(stderr).toContain('tenant-guard: migrating 0/');
    expect(stderr).toContain(`tenant-guard: migrating 3/3 files`);
  });
});
