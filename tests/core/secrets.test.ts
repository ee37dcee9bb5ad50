import { describe, expect, it } from 'vitest';
import {
  classifyEnvName,
  findSecretValues,
  isPlaceholderValue,
  isSecretEnvName,
  publicValueKind,
  secretValueKind,
  serverEnvName,
} from '../../src/core/secrets.js';
import { parseSettings } from '../../src/core/settings.js';

const LIVE = 'sk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const TEST = 'sk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const jwt = (claims: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.FAKEsignatureFAKEsignatureFAKEsig`;
const SERVICE_ROLE = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1700000000, exp: 2000000000 });

describe('isSecretEnvName', () => {
  const secret = [
    'STRIPE_SECRET_KEY',
    'NEXT_PUBLIC_STRIPE_SECRET_KEY',
    'STRIPE_WEBHOOK_SECRET',
    'SUPABASE_SERVICE_ROLE_KEY',
    'SUPABASE_SECRET_KEY',
    'DATABASE_URL',
    'POSTGRES_URL',
    'POSTGRES_PRISMA_URL',
    'POSTGRES_URL_NON_POOLING',
    'DATABASE_URL_UNPOOLED',
    'DIRECT_URL',
    'MONGODB_URI',
    'REDIS_URL',
    'KV_URL',
    'DATABASE_DSN',
    'PG_CONNECTION_STRING',
    'GITHUB_TOKEN',
    'SENTRY_AUTH_TOKEN',
    'UPSTASH_REDIS_REST_TOKEN',
    'OPENAI_API_KEY',
    'RESEND_API_KEY',
    'SENDGRID_API_KEY',
    'ANTHROPIC_API_KEY',
    'SMTP_PASSWORD',
    'SMTP_PASS',
    'JWT_SECRET',
    'AUTH_SECRET',
    'NEXTAUTH_SECRET',
    'GOOGLE_CLIENT_SECRET',
    'VAPID_PRIVATE_KEY',
    'FIREBASE_PRIVATE_KEY',
    'POSTHOG_PERSONAL_API_KEY',
    'ALGOLIA_ADMIN_API_KEY',
    'ENCRYPTION_KEY',
    'SLACK_WEBHOOK_URL',
    'stripeSecretKey',
    'CRON_SECRET',
  ];
  const notSecret = [
    'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY',
    'STRIPE_PUBLISHABLE_KEY',
    'NEXT_PUBLIC_SUPABASE_ANON_KEY',
    'NEXT_PUBLIC_SUPABASE_PUBLISHABLE_KEY',
    'NEXT_PUBLIC_SUPABASE_URL',
    'NEXT_PUBLIC_APP_URL',
    'NEXTAUTH_URL',
    'UPSTASH_REDIS_REST_URL',
    'KV_REST_API_URL',
    'NEXT_PUBLIC_POSTHOG_KEY',
    'NEXT_PUBLIC_POSTHOG_HOST',
    'NEXT_PUBLIC_GA_ID',
    'NEXT_PUBLIC_GA_MEASUREMENT_ID',
    'NEXT_PUBLIC_SENTRY_DSN',
    'NEXT_PUBLIC_STRIPE_PRICE_ID',
    'STRIPE_PRO_PLAN_ID',
    'NEXT_PUBLIC_FIREBASE_API_KEY',
    'NEXT_PUBLIC_GOOGLE_MAPS_API_KEY',
    'NEXT_PUBLIC_RECAPTCHA_SITE_KEY',
    'NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN',
    'NEXT_PUBLIC_MIXPANEL_TOKEN',
    'NEXT_PUBLIC_SEGMENT_WRITE_KEY',
    'NEXT_PUBLIC_DATADOG_CLIENT_TOKEN',
    'NEXT_PUBLIC_VAPID_PUBLIC_KEY',
    'NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY',
    'GOOGLE_CLIENT_ID',
    'PASSWORD_RESET_DISABLED',
    'NEXT_PUBLIC_PASSWORD_MIN_LENGTH',
    'NEXT_PUBLIC_TOKEN_EXPIRY',
    'SESSION_TOKEN_COOKIE',
    'NEXT_PUBLIC_API_KEY',
    'NODE_ENV',
    'STRIPE_API_VERSION',
    'SMTP_USER',
    'SMTP_HOST',
    'NEXT_PUBLIC_',
    '',
  ];
  it.each(secret)('%s is a secret', (name) => expect(isSecretEnvName(name)).toBe(true));
  it.each(notSecret)('%s is not a secret', (name) => expect(isSecretEnvName(name)).toBe(false));

  it('takes extra lists: public names win over secret names, both over the built-in lists', () => {
    expect(isSecretEnvName('NEXT_PUBLIC_LEDGER_KEY', { secretNames: ['LEDGER_KEY'] })).toBe(true);
    expect(isSecretEnvName('MY_LEDGER_KEY_V2', { secretNames: ['LEDGER_KEY'] })).toBe(true);
    expect(isSecretEnvName('STRIPE_SECRET_KEY', { publicNames: ['STRIPE_SECRET_KEY'] })).toBe(false);
    expect(isSecretEnvName('DEMO_SECRET', { secretNames: ['DEMO_SECRET'], publicNames: ['DEMO_SECRET'] })).toBe(false);
  });

  it('says why', () => {
    expect(classifyEnvName('DATABASE_URL')).toEqual({ secret: true, reason: 'database-url' });
    expect(classifyEnvName('NEXT_PUBLIC_SUPABASE_ANON_KEY')).toEqual({ secret: false, reason: 'public-by-design' });
    expect(serverEnvName('NEXT_PUBLIC_STRIPE_SECRET_KEY')).toBe('STRIPE_SECRET_KEY');
    expect(serverEnvName('VITE_STRIPE_SECRET_KEY')).toBe('STRIPE_SECRET_KEY');
    expect(serverEnvName('STRIPE_SECRET_KEY')).toBe('STRIPE_SECRET_KEY');
  });
});

describe('secretValueKind', () => {
  it('knows the vendor shapes', () => {
    expect(secretValueKind(LIVE)).toEqual({ kind: 'stripe-secret-key', label: 'Stripe live secret key', index: 0, length: LIVE.length, testMode: false });
    expect(secretValueKind(TEST)).toMatchObject({ kind: 'stripe-secret-key', label: 'Stripe test secret key', testMode: true });
    expect(secretValueKind('rk_live_51NfAKEq8Lr2xY7Tb0cVh3K')).toMatchObject({ kind: 'stripe-restricted-key', label: 'Stripe live restricted key' });
    expect(secretValueKind('whsec_FAKE7d9Qm2Lx8Vb4Nc1Rt6Yp0Uw5Ea3Hk')).toMatchObject({ kind: 'stripe-webhook-secret' });
    expect(secretValueKind('sb_secret_FAKEq8Lr2xY7Tb0cVh3KmW9pZd4S')).toMatchObject({ kind: 'supabase-secret-key', testMode: false });
    expect(secretValueKind(SERVICE_ROLE)).toMatchObject({ kind: 'supabase-service-role-jwt', label: 'Supabase service-role JWT', testMode: false });
    expect(secretValueKind(`  ${LIVE}\n`)).toMatchObject({ kind: 'stripe-secret-key' });
  });

  it("marks Supabase's published local-development keys as test mode", () => {
    expect(secretValueKind('sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz')).toMatchObject({ testMode: true, label: 'Supabase local-development secret key' });
    expect(secretValueKind(jwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }))).toMatchObject({ testMode: true });
  });

  it('is not fooled by public keys, placeholders, other JWTs and near misses', () => {
    for (const value of [
      'pk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC',
      'sb_publishable_FAKEa1b2c3d4e5f6g7h8i9',
      jwt({ role: 'anon', iss: 'supabase' }),
      jwt({ role: 'authenticated', sub: 'u1' }),
      'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx',
      'sk_live_XXXXXXXXXXXXXXXXXXXX',
      'sk_live_...',
      'sk_test_123',
      'sk_test_1234567890',
      'sk_live_yourSecretKeyHere',
      'sk_live_replace_me',
      'whsec_your_webhook_secret',
      'whsec_0000000000000000000000000000',
      `prefix${LIVE}`,
      `${LIVE}_suffix`,
      `sk_live_${'a1B2'.repeat(40)}`, // a body longer than 128 characters is not a Stripe key
      'eyJhbGciOiJIUzI1NiJ9.not-base64-json.sig',
    ]) {
      expect(secretValueKind(value), value).toBeNull();
    }
    expect(publicValueKind('pk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC')).toBe('stripe-publishable-key');
    expect(publicValueKind(jwt({ role: 'anon' }))).toBe('supabase-anon-jwt');
  });
});

describe('findSecretValues', () => {
  it('finds every secret in a bundle, with offsets', () => {
    const bundle = `var a="${LIVE}",b={k:"pk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd"};fetch(u,{headers:{Authorization:"Bearer ${SERVICE_ROLE}"}});//# sourceMappingURL=x`;
    const found = findSecretValues(bundle);
    expect(found.map((m) => [m.kind, bundle.slice(m.index, m.index + m.length)])).toEqual([
      ['stripe-secret-key', LIVE],
      ['supabase-service-role-jwt', SERVICE_ROLE],
    ]);
    expect(findSecretValues('')).toEqual([]);
    expect(findSecretValues('nothing to see here')).toEqual([]);
  });

  it('stays linear on large and adversarial input', () => {
    const adversarial = 'sk_live_ab eyJab.eyJ whsec_ sk_test_' + 'a'.repeat(200) + ' ';
    const text = adversarial.repeat(40_000) + LIVE; // ~10 MB
    const started = performance.now();
    const found = findSecretValues(text);
    expect(found).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('isPlaceholderValue', () => {
  it('recognises what .env.example files hold', () => {
    for (const value of ['', '   ', 'sk_test_...', '<your key>', '${STRIPE_SECRET_KEY}', 'your-key-here', 'changeme', 'xxx', '***', 'sk_live_xxxxxxxxxxxxxxxx', 'replace_me', 'your_secret_here', '[secret]', '{{ secret }}']) {
      expect(isPlaceholderValue(value), value).toBe(true);
    }
    for (const value of [LIVE, 'a8f3k2l9q', 'postgres://u:p@h/db', 'hunter2', 'whsec_FAKE7d9Qm2Lx8Vb4Nc1Rt6Yp0Uw5Ea3Hk']) {
      expect(isPlaceholderValue(value), value).toBe(false);
    }
  });
});

describe("settings['tenant-guard'] for secrets", () => {
  it('accepts and validates secretEnvNames and publicEnvNames', () => {
    expect(parseSettings({ secretEnvNames: 'LEDGER_KEY', publicEnvNames: ['DEMO_TOKEN'] })).toMatchObject({
      secretEnvNames: ['LEDGER_KEY'],
      publicEnvNames: ['DEMO_TOKEN'],
    });
    expect(parseSettings({})).toMatchObject({ secretEnvNames: [], publicEnvNames: [] });
    expect(() => parseSettings({ secretEnvNames: [1] })).toThrow(/`secretEnvNames` must be a string or a list of non-empty strings/);
    expect(() => parseSettings({ publicEnvNames: { a: 1 } })).toThrow(/`publicEnvNames` must be a string or a list/);
  });
});
