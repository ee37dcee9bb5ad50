import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.js';
import { envNeedles, originalPosition, previewOf, scanBuild, sha256Prefix } from '../../src/cli/build-scan.js';
import { main, type CliIO } from '../../src/cli.js';

/**
 * A Next.js app and its build output, generated per run with random secrets (so no secret-shaped literal lives in the
 * repository): `.env.local` with server-only and public variables, and a `.next` folder with client chunks (one that
 * inlines STRIPE_SECRET_KEY, with a source map pointing at its origin; one over 2 MB with a secret across the 1 MB
 * chunk boundary), a source map whose `sourcesContent` carries the database URL, a prerendered page with a Supabase
 * service-role JWT — and files that must not be flagged: public keys in a chunk, server code, the build cache, a
 * binary image, a template `.env.example`.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const random = (n: number) => [...randomBytes(n)].map((b) => ALNUM[b % ALNUM.length]).join('');
const b64url = (text: string) => Buffer.from(text).toString('base64url');
const jwt = (role: string) =>
  `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ iss: 'supabase', ref: random(20).toLowerCase(), role, iat: 1735689600, exp: 2051222400 }))}.${b64url(random(32))}`;

const secrets = {
  stripe: `sk_live_${random(99)}`,
  webhook: `whsec_${random(32)}`,
  database: `postgresql://app:${random(24)}@db.internal:5432/ledgerly`,
  legacy: `${random(12)}7${random(17)}`,
  serviceRole: jwt('service_role'),
};
const publics = { publishable: `pk_live_${random(99)}`, anon: jwt('anon'), githubId: `${random(8).toLowerCase()}4${random(7).toLowerCase()}`, price: `price_1${random(23)}` };

let project: string;
const temps: string[] = [];
const BIG_SPLIT = (1 << 20) - 10; // the webhook secret starts 10 bytes before the first 1 MB chunk ends

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-build-'));
  temps.push(dir);
  write(
    join(dir, '.env.local'),
    [
      `STRIPE_SECRET_KEY=${secrets.stripe}`,
      `STRIPE_WEBHOOK_SECRET="${secrets.webhook}"`,
      `DATABASE_URL=${secrets.database}`,
      `LEGACY_BACKEND_CONFIG=${secrets.legacy}`,
      `GITHUB_ID=Iv1.${publics.githubId}`,
      `STRIPE_PRICE_ID=${publics.price}`,
      `SESSION_SECRET=short1`,
      `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${publics.publishable}`,
      `NEXT_PUBLIC_SUPABASE_ANON_KEY=${publics.anon}`,
      `SUPABASE_SERVICE_ROLE_KEY=${secrets.serviceRole}`,
      'NODE_ENV=production',
      'APP_NAME="Ledgerly invoicing"',
      'NEXTAUTH_URL=https://ledgerly.example.com',
    ].join('\n'),
  );
  // A template: its placeholder appears in a chunk and must not count.
  write(join(dir, '.env.example'), 'STRIPE_SECRET_KEY=sk_live_replace_me_with_your_key\nEXAMPLE_TOKEN=ZXhhbXBsZS10b2tlbi0xMjM0NTY3ODkw\n');
  const next = join(dir, '.next');
  write(join(next, 'BUILD_ID'), 'a1b2c3');
  // Client chunk inlining the Stripe key (e.g. through next.config `env`), one line, with a source map.
  const pageChunk = `"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[974],{1:function(e,t,n){const s="${secrets.stripe}";e.exports=s}}]);`;
  write(join(next, 'static/chunks/app/billing/page-0f1e2d.js'), pageChunk);
  write(
    join(next, 'static/chunks/app/billing/page-0f1e2d.js.map'),
    JSON.stringify({
      version: 3,
      sources: ['webpack://_N_E/./app/billing/page.tsx'],
      sourcesContent: ["import Stripe from 'stripe';\n\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\n"],
      names: [],
      mappings: 'AAEA', // generated 1:0 → original line 3
    }),
  );
  // A vendor chunk's map whose original file hard-codes the database URL.
  write(
    join(next, 'static/chunks/vendor-9a8b7c.js.map'),
    JSON.stringify({
      version: 3,
      sources: ['webpack://_N_E/./node_modules/pg/lib/index.js', 'webpack://_N_E/./lib/db.ts'],
      sourcesContent: ['module.exports = {};\n', `// connection\nexport const url = "${secrets.database}";\n`],
      names: [],
      mappings: 'AAAA',
    }),
  );
  write(join(next, 'static/chunks/vendor-9a8b7c.js'), 'module.exports={};\n//# sourceMappingURL=vendor-9a8b7c.js.map');
  // Must not be flagged: public keys, server-only variable names, common words, an example placeholder.
  write(
    join(next, 'static/chunks/main-3c4d5e.js'),
    `var k="${publics.publishable}",a="${publics.anon}",g="Iv1.${publics.githubId}",p="${publics.price}";var env={NODE_ENV:"production",APP:"Ledgerly invoicing",url:"https://ledgerly.example.com"};` +
      `console.log("process.env.STRIPE_SECRET_KEY is read on the server","sk_live_replace_me_with_your_key","short1");`,
  );
  write(join(next, 'static/css/app-1a2b.css'), 'body{font-family:system-ui}');
  // Over 2 MB, with the webhook secret across the first 1 MB boundary (and nothing else).
  const big = Buffer.alloc(2_500_000, 'a;');
  Buffer.from(`"${secrets.webhook}"`).copy(big, BIG_SPLIT - 1);
  write(join(next, 'static/chunks/big-7e6f.js'), big);
  // A binary asset that happens to contain the key bytes: skipped.
  write(join(next, 'static/media/logo.4f3e.png'), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), Buffer.from(secrets.stripe)]));
  write(join(next, 'static/chunks/blob-11aa.js'), Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from(secrets.stripe)]));
  // A prerendered page with the service-role key, and its RSC payload (clean).
  write(join(next, 'server/app/dashboard.html'), `<!DOCTYPE html><html><body><script>self.__next_f.push([1,"${secrets.serviceRole}"])</script></body></html>`);
  write(join(next, 'server/app/dashboard.rsc'), '1:I["components/chart.tsx"]\n');
  // Server code and the build cache never reach a browser.
  write(join(next, 'server/app/api/billing/route.js'), `const key="${secrets.stripe}";`);
  write(join(next, 'server/chunks/ssr-1.js'), `const url="${secrets.database}";`);
  write(join(next, 'cache/webpack/client-production/0.pack'), secrets.stripe);
  return dir;
}

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, isTTY: false, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  message: string;
  offset: number;
  kind: string;
  variable?: string;
  valueKind?: string;
  preview: string;
  sha256: string;
  origin?: { source: string; line: number };
}

beforeAll(() => {
  project = makeProject();
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('tenant-guard check --build', () => {
  it('reports each shipped secret once, by file, offset and origin, and exits 1', async () => {
    const { code, stdout } = await run(['check', project, '--build', join(project, '.next'), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: JsonFinding[]; build: { searched: string[]; envFiles: string[]; layout: string }; warnings: Array<{ message: string }> };
    expect(report.findings.map((f) => [f.file, f.kind, f.variable ?? f.valueKind])).toEqual([
      ['.next/server/app/dashboard.html', 'env-value', 'SUPABASE_SERVICE_ROLE_KEY'],
      ['.next/static/chunks/app/billing/page-0f1e2d.js', 'env-value', 'STRIPE_SECRET_KEY'],
      ['.next/static/chunks/big-7e6f.js', 'env-value', 'STRIPE_WEBHOOK_SECRET'],
      ['.next/static/chunks/vendor-9a8b7c.js.map', 'env-value', 'DATABASE_URL'],
    ]);
    const [page, chunk, big, map] = report.findings;
    expect(page.valueKind).toBe('Supabase service-role JWT');
    expect(page.message).toContain('this prerendered page at byte 58');
    expect(chunk.offset).toBe(Buffer.byteLength('"use strict";(self.webpackChunk_N_E=self.webpackChunk_N_E||[]).push([[974],{1:function(e,t,n){const s="'));
    expect(chunk.origin).toMatchObject({ source: 'app/billing/page.tsx', line: 3 });
    expect(chunk.message).toMatch(/^The value of STRIPE_SECRET_KEY \(a Stripe live secret key\), set in \.env\.local, is in this client file at byte \d+ \(`sk_live_…`, sha256 [0-9a-f]{12}, from app\/billing\/page\.tsx:3\): anyone who loads the app can read it\. Rotate it/);
    expect(big.offset).toBe(BIG_SPLIT);
    expect(map.origin).toMatchObject({ source: 'lib/db.ts', line: 2 });
    expect(map.message).toContain('the sourcesContent of this source map (original file lib/db.ts, line 2)');
    expect(report.build.layout).toBe('next');
    expect(report.build.envFiles).toEqual(['.env.local']);
    expect(report.build.searched).toEqual(expect.arrayContaining(['STRIPE_SECRET_KEY', 'DATABASE_URL', 'SUPABASE_SERVICE_ROLE_KEY', 'LEGACY_BACKEND_CONFIG']));
    expect(report.build.searched).not.toContain('GITHUB_ID');
    expect(report.build.searched).not.toContain('NODE_ENV');
    expect(report.warnings.map((w) => w.message).join('\n')).toContain('not searched for SESSION_SECRET');
  });

  it('never prints a secret: a short prefix and a hash', async () => {
    for (const format of ['json', 'pretty', 'sarif']) {
      const { stdout, stderr } = await run(['check', project, '--build', join(project, '.next'), '--format', format]);
      for (const value of Object.values(secrets)) {
        expect(stdout).not.toContain(value);
        expect(stderr).not.toContain(value);
        expect(stdout).not.toContain(value.slice(0, 16));
      }
      if (format !== 'sarif') expect(stdout).toContain(sha256Prefix(secrets.stripe));
    }
    expect(previewOf(secrets.stripe)).toBe('sk_live_…');
    expect(previewOf(secrets.database)).toBe('post…');
  });

  it('prints what it searched and where in the pretty report', async () => {
    const { code, stdout } = await run(['check', project, '--build', join(project, '.next')]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^tenant-guard: searched static chunks, source maps and prerendered pages of .*\.next \(\d+ files, [\d.]+ MB, 2 binary skipped\) for the values of \d+ secret variables \(\.env\.local\) and every secret-shaped value/);
    expect(stdout).toContain('.next/static/chunks/app/billing/page-0f1e2d.js');
    expect(stdout).toMatch(/tenant-guard: \d+ files, 4 findings \(check-build: 4\)/);
  });

  it('finds the app from the build folder, and exits 0 on a clean build (or with --demo)', async () => {
    const clean = mkdtempSync(join(tmpdir(), 'tenant-guard-build-clean-'));
    temps.push(clean);
    write(join(clean, '.env'), `STRIPE_SECRET_KEY=${secrets.stripe}\n`);
    write(join(clean, '.next/static/chunks/main.js'), `console.log("${publics.publishable}")`);
    expect(parseArgs(['check', '--build', join(clean, '.next')])).toMatchObject({ kind: 'check', dir: clean, build: join(clean, '.next') });
    expect((await run(['check', '--build', join(clean, '.next')])).code).toBe(0);
    expect((await run(['check', project, '--build', join(project, '.next'), '--demo'])).code).toBe(0);
  });

  it('scans every text file of a folder that is not a .next build (a static export)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tenant-guard-build-out-'));
    temps.push(out);
    write(join(out, 'index.html'), `<script>var k="${secrets.webhook}"</script>`);
    write(join(out, '_next/static/chunks/a.js'), 'console.log(1)');
    const report = await scanBuild({ buildDir: out, projectDir: project });
    expect(report.layout).toBe('folder');
    expect(report.findings.map((f) => [f.file, f.variable, f.offset])).toEqual([['index.html', 'STRIPE_WEBHOOK_SECRET', 15]]);
    expect(report.findings[0].message).toContain('is in this page at byte 15');
  });

  it('reports secret-shaped values even without .env files, and says so', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'tenant-guard-build-bare-'));
    temps.push(bare);
    write(join(bare, '.next/static/chunks/x.js'), `const k = "${secrets.stripe}";`);
    const report = await scanBuild({ buildDir: join(bare, '.next'), projectDir: bare });
    expect(report.findings.map((f) => [f.kind, f.valueKind, f.offset])).toEqual([['secret-value', 'Stripe live secret key', 11]]);
    expect(report.warnings.map((w) => w.key)).toContain('build-no-env');
  });

  it('fails with exit code 2 on a missing build folder, and rejects --strict', async () => {
    const { code, stderr } = await run(['check', project, '--build', join(project, 'no-such-build')]);
    expect(code).toBe(2);
    expect(stderr).toContain('no such build folder');
    expect(() => parseArgs(['check', '--build', '.next', '--strict'])).toThrow("'--strict' is about lint rules");
    expect(() => parseArgs(['check', '--build'])).toThrow("option '--build' needs the build folder");
  });

  it('searches only values that are secret by name, by shape or random-looking (not ids, URLs, public keys)', () => {
    const names = envNeedles(project).needles.map((n) => n.name);
    expect(names.sort()).toEqual(['DATABASE_URL', 'LEGACY_BACKEND_CONFIG', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'SUPABASE_SERVICE_ROLE_KEY']);
  });

  it('treats a secret under a NEXT_PUBLIC_ name as the leak it is, not as a public value', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-build-twin-'));
    temps.push(dir);
    write(join(dir, '.env.local'), `DB_PASSWORD=${secrets.legacy}\nNEXT_PUBLIC_DB_PASSWORD=${secrets.legacy}\nNEXT_PUBLIC_APP_URL=https://ledgerly.example.com\n`);
    expect(envNeedles(dir).needles.map((n) => n.name)).toEqual(['DB_PASSWORD, NEXT_PUBLIC_DB_PASSWORD']);
  });

  it('maps a generated position to its original file (VLQ mappings)', () => {
    // line 1: col 0 → source 0 line 1; col 10 → source 1 line 5 col 3. line 2: col 4 → source 1 line 6 col 0.
    const map = { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,UCIG;IACH' };
    expect(originalPosition(map, 1, 5)).toEqual({ source: 'a.ts', line: 1, column: 1 });
    expect(originalPosition(map, 1, 12)).toEqual({ source: 'b.ts', line: 5, column: 4 });
    expect(originalPosition(map, 2, 4)).toEqual({ source: 'b.ts', line: 6, column: 1 });
    expect(originalPosition(map, 3, 0)).toBeNull();
  });
});
