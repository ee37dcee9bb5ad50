import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Linter } from 'eslint';
import tenantGuard from '../../src/index.js';
import rule from '../../rules/no-public-env-secret.js';
import { isDotenvFileName, parseDotenv } from '../../src/core/dotenv.js';
import { dotenvLanguage, DOTENV_FILES, DOTENV_IGNORES } from '../../src/dotenv.js';

// Obviously fake keys, shaped like real ones (the classifier does not look for the word FAKE).
const LIVE_SECRET = 'sk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const TEST_SECRET = 'sk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const WEBHOOK_SECRET = 'whsec_FAKE7d9Qm2Lx8Vb4Nc1Rt6Yp0Uw5Ea3Hk';
const PUBLISHABLE = 'pk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const jwt = (claims: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.FAKEsignatureFAKEsignatureFAKEsig`;
const SERVICE_ROLE = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1700000000, exp: 2000000000 });
const ANON = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', iat: 1700000000, exp: 2000000000 });

const plugin = { rules: { 'no-public-env-secret': rule }, languages: { dotenv: dotenvLanguage } };
const config = [
  {
    files: DOTENV_FILES,
    ignores: DOTENV_IGNORES,
    plugins: { 'tenant-guard': plugin },
    language: 'tenant-guard/dotenv',
    rules: { 'tenant-guard/no-public-env-secret': 'error' },
  },
] as unknown as Linter.Config[];

const versions = [
  ['ESLint 10', () => import('eslint')],
  ['ESLint 9', () => import('eslint-v9')],
] as const;

describe('the dotenv parser', () => {
  it('reads what dotenv reads, with positions', () => {
    const doc = parseDotenv(
      [
        '# Stripe',
        'export STRIPE_SECRET_KEY=sk_test_abc # trailing comment',
        'NEXT_PUBLIC_APP_URL="http://localhost:3000"',
        "SINGLE='a b'",
        'MULTI="line one',
        'line two"',
        'EMPTY=',
        'COLON: value',
        'not a variable',
        'HASH=abc#def',
      ].join('\n'),
    );
    expect(doc.body.map((e) => [e.key.name, e.value?.value ?? null, e.exported])).toEqual([
      ['STRIPE_SECRET_KEY', 'sk_test_abc', true],
      ['NEXT_PUBLIC_APP_URL', 'http://localhost:3000', false],
      ['SINGLE', 'a b', false],
      ['MULTI', 'line one\nline two', false],
      ['EMPTY', null, false],
      ['COLON', 'value', false],
      ['HASH', 'abc', false],
    ]);
    const [stripe] = doc.body;
    expect(stripe.key.loc).toEqual({ start: { line: 2, column: 7 }, end: { line: 2, column: 24 } });
    expect(stripe.value?.loc).toEqual({ start: { line: 2, column: 25 }, end: { line: 2, column: 36 } });
    expect(doc.comments.map((c) => c.value.trim())).toEqual(['Stripe', 'trailing comment', 'def']);
    expect(doc.body[3].value?.loc.end).toEqual({ line: 6, column: 9 });
  });

  it('handles CRLF line ends, a byte order mark and an unterminated quote without failing', () => {
    const doc = parseDotenv('\uFEFFA=1\r\nB="open\r\nC=3\r\n');
    expect(doc.body.map((e) => [e.key.name, e.value?.value])).toEqual([
      ['A', '1'],
      ['B', '"open'],
      ['C', '3'],
    ]);
    expect(doc.body[2].key.loc.start).toEqual({ line: 3, column: 0 });
  });

  it('knows which files are dotenv files', () => {
    for (const name of ['.env', '.env.local', '.env.example', '.env.production.local', '.env.test']) expect(isDotenvFileName(name), name).toBe(true);
    for (const name of ['.envrc', '.env.ts', '.env.mjs', 'env.ts', '.environment', 'x.env']) expect(isDotenvFileName(name), name).toBe(false);
  });
});

describe.each(versions)('the dotenv language on %s', (_label, load) => {
  async function lint(text: string, filename: string) {
    const { Linter } = (await load()) as typeof import('eslint');
    const linter = new Linter({ configType: 'flat' });
    return linter.verify(text, config, { filename });
  }

  it('reports secrets under NEXT_PUBLIC_ names and secret values under public names in .env.local', async () => {
    const envLocal = `# Local development — never commit this file
NEXT_PUBLIC_APP_URL=http://localhost:3000
DATABASE_URL="postgresql://ledgerly:ledgerly@localhost:5432/ledgerly"

# Stripe
STRIPE_SECRET_KEY=${TEST_SECRET}
STRIPE_WEBHOOK_SECRET=${WEBHOOK_SECRET}
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${PUBLISHABLE}
NEXT_PUBLIC_STRIPE_SECRET_KEY=${LIVE_SECRET}
NEXT_PUBLIC_STRIPE_KEY=${TEST_SECRET}

# Supabase
NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY=${SERVICE_ROLE}
SUPABASE_SERVICE_ROLE_KEY=${SERVICE_ROLE}
NEXT_PUBLIC_SUPABASE_ADMIN_KEY=$SUPABASE_SERVICE_ROLE_KEY

# Analytics
NEXT_PUBLIC_POSTHOG_KEY=phc_FAKEa1b2c3d4e5f6g7h8i9j0
NEXT_PUBLIC_SENTRY_DSN=https://FAKE1234@o123456.ingest.sentry.io/4500000000000000
`;
    const messages = await lint(envLocal, 'app/.env.local');
    expect(messages.map((m) => [m.line, m.column, m.messageId])).toEqual([
      [9, 1, 'publicSecretInEnvFile'],
      [10, 24, 'secretValueInPublicEnv'],
      [14, 31, 'secretValueInPublicEnv'],
      [16, 32, 'secretValueInPublicEnv'],
    ]);
    expect(messages[0].message).toBe(
      '`NEXT_PUBLIC_STRIPE_SECRET_KEY` is a secret by name, but `NEXT_PUBLIC_` variables are inlined into the client bundle. ' +
        'Rename it to `STRIPE_SECRET_KEY` here and where the code reads it, and rotate the key if a build has shipped.',
    );
    expect(messages[0].suggestions?.[0]).toMatchObject({ messageId: 'renameToServer', fix: { text: 'STRIPE_SECRET_KEY' } });
    const fixed = envLocal.slice(0, messages[0].suggestions![0].fix.range[0]) + 'STRIPE_SECRET_KEY' + envLocal.slice(messages[0].suggestions![0].fix.range[1]);
    expect(fixed).toContain(`\nSTRIPE_SECRET_KEY=${LIVE_SECRET}\n`);
    expect(messages[1].message).toContain('`NEXT_PUBLIC_STRIPE_KEY` holds a Stripe test secret key');
    expect(messages[1].message).toContain('publishable key (`pk_…`)');
    expect(messages[2].message).toContain('`NEXT_PUBLIC_SUPABASE_ANON_KEY` holds a Supabase service-role JWT');
    expect(messages[3].message).toContain('the value of `SUPABASE_SERVICE_ROLE_KEY`');
  });

  it('leaves a .env.example of placeholders and public keys alone', async () => {
    const envExample = `# Copy to .env.local and fill in.
NEXT_PUBLIC_APP_URL=http://localhost:3000
DATABASE_URL=postgresql://user:password@localhost:5432/app

# Stripe: https://dashboard.stripe.com/apikeys
NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=pk_test_...
STRIPE_SECRET_KEY=sk_test_...
STRIPE_WEBHOOK_SECRET=whsec_...
# old name, kept until every deployment is renamed
NEXT_PUBLIC_STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx
NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET=your-webhook-secret-here
NEXT_PUBLIC_NEXTAUTH_SECRET=
NEXT_PUBLIC_OPENAI_API_KEY="<your OpenAI key>"
NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=changeme
NEXT_PUBLIC_STRIPE_PRICE_ID=price_1234567890

# Supabase
NEXT_PUBLIC_SUPABASE_URL=https://your-project.supabase.co
NEXT_PUBLIC_SUPABASE_ANON_KEY=${ANON}
NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY=sb_publishable_FAKEa1b2c3d4e5f6g7h8i9
SUPABASE_SERVICE_ROLE_KEY=your-service-role-key
`;
    expect(await lint(envExample, 'app/.env.example')).toEqual([]);
  });

  it('honours `# eslint-disable-next-line` and `# eslint-disable-line` comments', async () => {
    const text = `# eslint-disable-next-line tenant-guard/no-public-env-secret -- demo account, rotated nightly
NEXT_PUBLIC_DEMO_STRIPE_SECRET_KEY=${TEST_SECRET}
NEXT_PUBLIC_OTHER_SECRET=${LIVE_SECRET} # eslint-disable-line tenant-guard/no-public-env-secret
NEXT_PUBLIC_STILL_SECRET=${LIVE_SECRET}
`;
    const messages = await lint(text, 'app/.env');
    expect(messages.map((m) => [m.line, m.messageId])).toEqual([[4, 'publicSecretInEnvFile']]);
  });

  it("reads settings['tenant-guard'] lists in dotenv files too", async () => {
    const { Linter } = (await load()) as typeof import('eslint');
    const linter = new Linter({ configType: 'flat' });
    const text = `NEXT_PUBLIC_DEMO_TOKEN=demo-4f9a2c7e1b\nNEXT_PUBLIC_DEMO_STRIPE=${LIVE_SECRET}\n`;
    expect(linter.verify(text, config, { filename: 'app/.env' }).map((m) => [m.line, m.messageId])).toEqual([
      [1, 'publicSecretInEnvFile'],
      [2, 'secretValueInPublicEnv'],
    ]);
    // A name declared public is not a secret by name; a secret value under it is still reported.
    const withSettings = [...config, { settings: { 'tenant-guard': { publicEnvNames: ['DEMO_TOKEN', 'DEMO_STRIPE'] } } }] as Linter.Config[];
    expect(linter.verify(text, withSettings, { filename: 'app/.env' }).map((m) => [m.line, m.messageId])).toEqual([[2, 'secretValueInPublicEnv']]);
  });

  it('does not treat .env.ts as a dotenv file', async () => {
    const { Linter } = (await load()) as typeof import('eslint');
    const linter = new Linter({ configType: 'flat' });
    // No config matches `.env.ts` here, so ESLint says so instead of running the dotenv rule on TypeScript.
    const messages = linter.verify(`export const NEXT_PUBLIC_STRIPE_SECRET_KEY = 1;`, config, { filename: 'app/.env.ts' });
    expect(messages.every((m) => m.ruleId !== 'tenant-guard/no-public-env-secret')).toBe(true);
  });
});

describe.each(versions)('configs.dotenv on %s', (_label, load) => {
  const examples = join(import.meta.dirname, '..', '..', 'examples');

  async function lintExample(name: string) {
    const { ESLint } = (await load()) as typeof import('eslint');
    // The shape README documents: `export default [tenantGuard.configs.recommended, tenantGuard.configs.dotenv]`.
    const eslint = new ESLint({
      cwd: join(examples, name),
      overrideConfigFile: true,
      overrideConfig: [tenantGuard.configs.recommended, tenantGuard.configs.dotenv],
    });
    // `.` finds the dotenv files through the config's `files` patterns, as `eslint .` does.
    const results = await eslint.lintFiles(['.']);
    return results
      .filter((r) => /(^|\/)\.env/.test(r.filePath))
      .flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(join(examples, name).length + 1), line: m.line, ruleId: m.ruleId })));
  }

  it('finds the planted .env.local leak in leaky-saas', async () => {
    expect(await lintExample('leaky-saas')).toEqual([{ file: '.env.local', line: 14, ruleId: 'tenant-guard/no-public-env-secret' }]);
  });

  it('finds nothing in the .env.example of fixed-saas', async () => {
    expect(await lintExample('fixed-saas')).toEqual([]);
  });

  it('is a single config object with the dotenv language', () => {
    expect(Array.isArray(tenantGuard.configs.dotenv)).toBe(false);
    expect(tenantGuard.configs.dotenv).toMatchObject({ language: 'tenant-guard/dotenv', rules: { 'tenant-guard/no-public-env-secret': 'error' } });
    expect(Array.isArray(tenantGuard.configs.recommended)).toBe(false);
  });
});
