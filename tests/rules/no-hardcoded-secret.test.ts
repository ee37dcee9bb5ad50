import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-hardcoded-secret.js';

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

// Obviously fake, but shaped like the real thing: the classifier goes by shape, not by the word FAKE.
const LIVE = 'sk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const TEST = 'sk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC';
const RESTRICTED = 'rk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQy';
const WEBHOOK = 'whsec_FAKE7d9Qm2Lx8Vb4Nc1Rt6Yp0Uw5Ea3Hk';
const SUPABASE_SECRET = 'sb_secret_FAKEq8Lr2xY7Tb0cVh3KmW9pZd4S';
const jwt = (claims: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.FAKEsignatureFAKEsignatureFAKEsig`;
const SERVICE_ROLE = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'service_role', iat: 1700000000, exp: 2000000000 });
const LOCAL_SERVICE_ROLE = jwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 });
const ANON = jwt({ iss: 'supabase', ref: 'abcdefghijklmnopqrst', role: 'anon', iat: 1700000000, exp: 2000000000 });
const USER_TOKEN = jwt({ sub: 'user_123', role: 'authenticated', exp: 2000000000 });

const source = 'lib/stripe.ts';
const spec = 'lib/stripe.test.ts';

const live = (label = 'Stripe live secret key', impact = "charge, refund and read every customer's billing data", envName = 'STRIPE_SECRET_KEY') => ({
  messageId: 'hardcoded' as const,
  data: { label, impact, envName },
});

ruleTester.run('no-hardcoded-secret', rule, {
  valid: [
    // Public by design, or not a key at all.
    { name: 'a Stripe live publishable key', filename: source, code: `loadStripe('pk_live_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC');` },
    { name: 'a Stripe test publishable key', filename: source, code: `const pk = "pk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwC";` },
    { name: 'a Supabase publishable key', filename: source, code: `createClient(url, 'sb_publishable_FAKEa1b2c3d4e5f6g7h8i9');` },
    { name: 'a Supabase anon JWT', filename: source, code: `createClient(url, '${ANON}');` },
    { name: 'a signed-in user’s JWT is not a service-role key', filename: source, code: `const token = '${USER_TOKEN}';` },
    { name: 'a placeholder of x', filename: source, code: `const example = 'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx';` },
    { name: 'an elided key in a message', filename: source, code: `throw new Error('Set STRIPE_SECRET_KEY (sk_live_...) on the server');` },
    { name: 'a placeholder of words', filename: source, code: `const hint = 'sk_live_yourSecretKeyHere';` },
    { name: 'an ascending placeholder', filename: source, code: `const sample = { key: 'sk_test_1234567890abcdef' };` },
    { name: 'a webhook secret placeholder', filename: source, code: `const s = 'whsec_your_webhook_signing_secret';` },
    { name: 'a prefix check', filename: source, code: `if (key.startsWith('sk_live_') || key.startsWith('whsec_')) warn();` },
    { name: 'a regular expression for keys', filename: source, code: `const KEY = /sk_live_[A-Za-z0-9]{24,}/;` },
    { name: 'an identifier-like string', filename: source, code: `const mode = 'sk_test_mode_enabled_for_everyone';` },
    { name: 'Stripe object ids are not secrets', filename: source, code: `const ids = ['price_1NfAKEq8Lr2xY7Tb0cVh3KmW', 'cus_NfAKEq8Lr2xY7T', 'acct_1NfAKEq8Lr2xY7Tb'];` },
    { name: 'the key read from the environment', filename: source, code: `fetch(url, { headers: { Authorization: \`Bearer \${process.env.STRIPE_SECRET_KEY}\` } });` },
    { name: 'a Stripe test key in a test file (allowTestKeysInTests, the default)', filename: spec, code: `const stripe = new Stripe('${TEST}');` },
    { name: 'a restricted test key in __tests__', filename: '__tests__/billing.ts', code: `const key = 'rk_test_51NfAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQy';` },
    { name: 'the Supabase local-development service-role key in an e2e test', filename: 'e2e/setup.ts', code: `createClient('http://127.0.0.1:54321', '${LOCAL_SERVICE_ROLE}');` },
    {
      name: 'the Supabase local-development keys are published, not secrets, even outside tests',
      filename: 'lib/supabase/local.ts',
      code: `export const local = createClient('http://127.0.0.1:54321', '${LOCAL_SERVICE_ROLE}', { auth: { persistSession: false } });\nconst k = 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz';`,
    },
    {
      name: 'testPaths decides what a test file is',
      filename: 'qa/checkout.ts',
      options: [{ testPaths: ['qa/**'] }],
      code: `const stripe = new Stripe('${TEST}');`,
    },
  ],
  invalid: [
    {
      name: 'a live secret key passed to the Stripe SDK, pointed at exactly',
      filename: source,
      code: `const stripe = new Stripe('${LIVE}');`,
      errors: [{ ...live(), line: 1, column: 28, endColumn: 28 + LIVE.length }],
    },
    {
      name: 'a test secret key in application code',
      filename: source,
      code: `export const stripe = new Stripe("${TEST}", { apiVersion: '2024-06-20' });`,
      errors: [live('Stripe test secret key', 'call your Stripe test account')],
    },
    { name: 'a restricted key', filename: source, code: `const rk = '${RESTRICTED}';`, errors: [live('Stripe live restricted key', "charge, refund and read every customer's billing data", 'STRIPE_RESTRICTED_KEY')] },
    {
      name: 'a webhook signing secret',
      filename: 'app/api/webhooks/stripe/route.ts',
      code: `const event = stripe.webhooks.constructEvent(body, sig, '${WEBHOOK}');`,
      errors: [live('Stripe webhook signing secret', 'forge Stripe webhook events (a fake `checkout.session.completed` upgrades any account)', 'STRIPE_WEBHOOK_SECRET')],
    },
    {
      name: 'a Supabase secret key',
      filename: 'lib/supabase/admin.ts',
      code: `export const admin = createClient(url, '${SUPABASE_SECRET}');`,
      errors: [live('Supabase secret key', "bypass Row Level Security and read every tenant's rows", 'SUPABASE_SECRET_KEY')],
    },
    {
      name: 'a Supabase service-role JWT',
      filename: 'lib/supabase/admin.ts',
      code: `export const admin = createClient(url, '${SERVICE_ROLE}');`,
      errors: [live('Supabase service-role JWT', "bypass Row Level Security and read every tenant's rows", 'SUPABASE_SERVICE_ROLE_KEY')],
    },
    { name: 'an object value', filename: 'config/billing.ts', code: `export default { stripe: { apiKey: '${LIVE}' } };`, errors: [live()] },
    {
      name: 'inside a template literal, with other text around it',
      filename: source,
      code: `const auth = \`Bearer ${LIVE}\`;`,
      errors: [{ ...live(), column: 22 }],
    },
    {
      name: 'two keys in one string',
      filename: 'scripts/curl.ts',
      code: `const cmd = 'curl -u ${LIVE}: && echo ${WEBHOOK}';`,
      errors: [live(), live('Stripe webhook signing secret', 'forge Stripe webhook events (a fake `checkout.session.completed` upgrades any account)', 'STRIPE_WEBHOOK_SECRET')],
    },
    { name: 'in JSX text', filename: 'app/docs/page.tsx', code: `export default () => <code>${LIVE}</code>;`, errors: [live()] },
    { name: 'a live key in a test file is always reported', filename: spec, code: `const stripe = new Stripe('${LIVE}');`, errors: [live()] },
    {
      name: 'a test key in a test file with allowTestKeysInTests off (the strict config)',
      filename: spec,
      options: [{ allowTestKeysInTests: false }],
      code: `const stripe = new Stripe('${TEST}');`,
      errors: [{ messageId: 'testKeyInTest', data: { label: 'Stripe test secret key', impact: 'call your Stripe test account', envName: 'STRIPE_SECRET_KEY' } }],
    },
    {
      name: 'a webhook secret has no test mode: reported in tests too',
      filename: spec,
      code: `const secret = '${WEBHOOK}';`,
      errors: [{ messageId: 'hardcoded' }],
    },
  ],
});
