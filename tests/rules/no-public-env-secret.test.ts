import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-public-env-secret.js';

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const component = 'app/checkout/page.tsx';
const nextConfig = 'next.config.mjs';
const t3 = `import { createEnv } from '@t3-oss/env-nextjs';\nimport { z } from 'zod';\n`;

ruleTester.run('no-public-env-secret', rule, {
  valid: [
    // Public by design: the whole point of these keys is to reach the browser.
    { name: 'Stripe publishable key', filename: component, code: `loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);` },
    { name: 'Clerk publishable key', filename: component, code: `const key = process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY;` },
    {
      name: 'Supabase URL and anon key',
      filename: component,
      code: `createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`,
    },
    { name: 'PostHog project key and host', filename: component, code: `posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY!, { api_host: process.env.NEXT_PUBLIC_POSTHOG_HOST });` },
    { name: 'Google Analytics and Tag Manager ids', filename: component, code: `gtag('config', process.env.NEXT_PUBLIC_GA_ID); gtm(process.env.NEXT_PUBLIC_GTM_ID);` },
    { name: 'Stripe price ids', filename: component, code: `const plans = [process.env.NEXT_PUBLIC_STRIPE_PRICE_ID_PRO, process.env.NEXT_PUBLIC_STRIPE_PLAN_ID];` },
    { name: 'Sentry DSN (public by design, unlike a database DSN)', filename: 'sentry.client.config.ts', code: `Sentry.init({ dsn: process.env.NEXT_PUBLIC_SENTRY_DSN });` },
    { name: 'Firebase web API key', filename: component, code: `initializeApp({ apiKey: process.env.NEXT_PUBLIC_FIREBASE_API_KEY });` },
    { name: 'captcha site keys', filename: component, code: `render(process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY, process.env.NEXT_PUBLIC_TURNSTILE_SITE_KEY);` },
    { name: 'Mapbox public access token', filename: component, code: `mapboxgl.accessToken = process.env.NEXT_PUBLIC_MAPBOX_ACCESS_TOKEN!;` },
    { name: 'Algolia search-only key', filename: component, code: `algoliasearch(process.env.NEXT_PUBLIC_ALGOLIA_APP_ID!, process.env.NEXT_PUBLIC_ALGOLIA_SEARCH_API_KEY!);` },
    { name: 'VAPID public key', filename: component, code: `subscribe(process.env.NEXT_PUBLIC_VAPID_PUBLIC_KEY);` },
    { name: 'Intercom app id', filename: component, code: `boot({ app_id: process.env.NEXT_PUBLIC_INTERCOM_APP_ID });` },
    { name: 'a setting about passwords is not a password', filename: component, code: `const min = Number(process.env.NEXT_PUBLIC_PASSWORD_MIN_LENGTH); const off = process.env.NEXT_PUBLIC_PASSWORD_RESET_DISABLED;` },
    { name: 'a token lifetime is not a token', filename: component, code: `const ttl = process.env.NEXT_PUBLIC_TOKEN_EXPIRY;` },
    { name: 'an API key of unknown purpose is not reported by name', filename: component, code: `fetch(url, { headers: { 'x-api-key': process.env.NEXT_PUBLIC_API_KEY! } });` },
    { name: 'server-only secrets on the server', filename: 'app/api/checkout/route.ts', code: `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!); const url = process.env.DATABASE_URL;` },
    {
      name: 'destructuring public and server-only names',
      filename: 'lib/config.ts',
      code: `const { NEXT_PUBLIC_APP_URL, STRIPE_SECRET_KEY, ...rest } = process.env;`,
    },
    { name: 'a computed name is not guessed', filename: component, code: `const v = process.env['NEXT_PUBLIC_' + name];` },
    { name: 'Vite anon key', filename: 'src/main.ts', code: `createClient(import.meta.env.VITE_SUPABASE_URL, import.meta.env.VITE_SUPABASE_ANON_KEY);` },
    {
      name: 't3-env: secrets in `server`, public keys in `client`',
      filename: 'env.mjs',
      code: `${t3}export const env = createEnv({
  server: { STRIPE_SECRET_KEY: z.string(), DATABASE_URL: z.string().url() },
  client: { NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string(), NEXT_PUBLIC_APP_URL: z.string() },
  runtimeEnv: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, NEXT_PUBLIC_APP_URL: process.env.NEXT_PUBLIC_APP_URL },
});`,
    },
    {
      name: 'a `createEnv` that is not t3-env',
      filename: 'env.ts',
      code: `import { createEnv } from './my-env';\ncreateEnv({ client: { STRIPE_SECRET_KEY: 'x' } });`,
    },
    {
      name: 'next.config: public env, secrets in serverRuntimeConfig',
      filename: nextConfig,
      code: `export default {
  env: { NEXT_PUBLIC_APP_URL: process.env.APP_URL, appName: 'Ledgerly', stripePublishableKey: 'pk_live_51HqLyjWDarjtT1zdp7dcXy' },
  serverRuntimeConfig: { stripeSecret: process.env.STRIPE_SECRET_KEY },
  publicRuntimeConfig: { staticFolder: '/static', priceId: process.env.STRIPE_PRICE_ID },
};`,
    },
    {
      name: 'an `env` object outside next.config (a child process environment)',
      filename: 'scripts/run.ts',
      code: `spawn('node', ['worker.js'], { env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY } });`,
    },
    {
      name: 'next.config: an `env` key nested in another option is not the Next.js `env`',
      filename: nextConfig,
      code: `export default {
  webpack: (config) => ({ ...config, env: { SENTRY_AUTH_TOKEN: process.env.SENTRY_AUTH_TOKEN } }),
  sentry: { env: { SENTRY_AUTH_TOKEN: process.env.SENTRY_AUTH_TOKEN } },
};`,
    },
    {
      name: "settings['tenant-guard'].publicEnvNames marks a name public by design",
      filename: component,
      settings: { 'tenant-guard': { publicEnvNames: ['NEXT_PUBLIC_DEMO_SECRET'] } },
      code: `const demo = process.env.NEXT_PUBLIC_DEMO_SECRET;`,
    },
  ],
  invalid: [
    {
      name: 'NEXT_PUBLIC_STRIPE_SECRET_KEY, with a rename suggestion',
      filename: component,
      code: `const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY!);`,
      errors: [
        {
          messageId: 'publicSecret',
          data: { name: 'NEXT_PUBLIC_STRIPE_SECRET_KEY', why: 'a secret by name', prefix: 'NEXT_PUBLIC_', serverName: 'STRIPE_SECRET_KEY' },
          line: 1,
          column: 39,
          suggestions: [
            {
              messageId: 'renameToServer',
              data: { serverName: 'STRIPE_SECRET_KEY' },
              output: `const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
            },
          ],
        },
      ],
    },
    {
      name: 'bracket access with a literal keeps its quotes',
      filename: 'lib/supabase.ts',
      code: `createClient(url, process.env["NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY"]);`,
      errors: [
        {
          messageId: 'publicSecret',
          suggestions: [{ messageId: 'renameToServer', output: `createClient(url, process.env["SUPABASE_SERVICE_ROLE_KEY"]);` }],
        },
      ],
    },
    {
      name: 'shorthand destructuring keeps the local name',
      filename: 'lib/ai.ts',
      code: `const { NEXT_PUBLIC_OPENAI_API_KEY } = process.env;`,
      errors: [
        {
          messageId: 'publicSecret',
          data: { name: 'NEXT_PUBLIC_OPENAI_API_KEY', why: 'the API key of a server-side API', prefix: 'NEXT_PUBLIC_', serverName: 'OPENAI_API_KEY' },
          suggestions: [{ messageId: 'renameToServer', output: `const { OPENAI_API_KEY: NEXT_PUBLIC_OPENAI_API_KEY } = process.env;` }],
        },
      ],
    },
    {
      name: 'destructuring with a new name',
      filename: 'lib/db.ts',
      code: `const { NEXT_PUBLIC_DATABASE_URL: url } = process.env;`,
      errors: [
        {
          messageId: 'publicSecret',
          data: { name: 'NEXT_PUBLIC_DATABASE_URL', why: 'a database connection string, password included', prefix: 'NEXT_PUBLIC_', serverName: 'DATABASE_URL' },
          suggestions: [{ messageId: 'renameToServer', output: `const { DATABASE_URL: url } = process.env;` }],
        },
      ],
    },
    {
      name: 'a token, a NextAuth secret and a Resend key',
      filename: component,
      code: `use(process.env.NEXT_PUBLIC_GITHUB_TOKEN, process.env.NEXT_PUBLIC_NEXTAUTH_SECRET, process.env.NEXT_PUBLIC_RESEND_API_KEY);`,
      errors: [
        { messageId: 'publicSecret', data: { name: 'NEXT_PUBLIC_GITHUB_TOKEN', why: 'an access token by name', prefix: 'NEXT_PUBLIC_', serverName: 'GITHUB_TOKEN' }, suggestions: [{ messageId: 'renameToServer', output: `use(process.env.GITHUB_TOKEN, process.env.NEXT_PUBLIC_NEXTAUTH_SECRET, process.env.NEXT_PUBLIC_RESEND_API_KEY);` }] },
        { messageId: 'publicSecret', data: { name: 'NEXT_PUBLIC_NEXTAUTH_SECRET', why: 'a secret by name', prefix: 'NEXT_PUBLIC_', serverName: 'NEXTAUTH_SECRET' }, suggestions: [{ messageId: 'renameToServer', output: `use(process.env.NEXT_PUBLIC_GITHUB_TOKEN, process.env.NEXTAUTH_SECRET, process.env.NEXT_PUBLIC_RESEND_API_KEY);` }] },
        { messageId: 'publicSecret', data: { name: 'NEXT_PUBLIC_RESEND_API_KEY', why: 'the API key of a server-side API', prefix: 'NEXT_PUBLIC_', serverName: 'RESEND_API_KEY' }, suggestions: [{ messageId: 'renameToServer', output: `use(process.env.NEXT_PUBLIC_GITHUB_TOKEN, process.env.NEXT_PUBLIC_NEXTAUTH_SECRET, process.env.RESEND_API_KEY);` }] },
      ],
    },
    {
      name: 'import.meta.env with the Vite prefix',
      filename: 'src/pay.ts',
      code: `const key = import.meta.env.VITE_STRIPE_SECRET_KEY;`,
      errors: [
        {
          messageId: 'publicSecret',
          data: { name: 'VITE_STRIPE_SECRET_KEY', why: 'a secret by name', prefix: 'VITE_', serverName: 'STRIPE_SECRET_KEY' },
          suggestions: [{ messageId: 'renameToServer', output: `const key = import.meta.env.STRIPE_SECRET_KEY;` }],
        },
      ],
    },
    {
      name: 't3-env: a webhook secret in the `client` schema (and read for it)',
      filename: 'env.mjs',
      code: `${t3}export const env = createEnv({
  client: { NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET: z.string() },
  experimental__runtimeEnv: { NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET: process.env.NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET },
});`,
      errors: [
        { messageId: 't3ClientSecret', line: 4, data: { name: 'NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET', why: 'a secret by name', serverName: 'STRIPE_WEBHOOK_SECRET' } },
        {
          messageId: 'publicSecret',
          line: 5,
          suggestions: [
            {
              messageId: 'renameToServer',
              output: `${t3}export const env = createEnv({
  client: { NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET: z.string() },
  experimental__runtimeEnv: { NEXT_PUBLIC_STRIPE_WEBHOOK_SECRET: process.env.STRIPE_WEBHOOK_SECRET },
});`,
            },
          ],
        },
      ],
    },
    {
      name: 'next.config `env` with a secret name, and a removal suggestion',
      filename: nextConfig,
      code: `export default {
  env: { NEXT_PUBLIC_APP_URL: process.env.APP_URL, STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY },
};`,
      errors: [
        {
          messageId: 'nextConfigEnv',
          data: { key: 'STRIPE_SECRET_KEY', what: '`process.env.STRIPE_SECRET_KEY` (a secret by name)' },
          line: 2,
          suggestions: [
            {
              messageId: 'removeFromEnv',
              data: { key: 'STRIPE_SECRET_KEY', section: 'env' },
              output: `export default {
  env: { NEXT_PUBLIC_APP_URL: process.env.APP_URL },
};`,
            },
          ],
        },
      ],
    },
    {
      name: 'next.config `env` under an innocent name, holding a secret env value (CommonJS, wrapped)',
      filename: 'next.config.js',
      code: `const nextConfig = {
  env: {
    stripeKey: process.env.STRIPE_SECRET_KEY,
  },
};
module.exports = withSentryConfig(nextConfig);`,
      errors: [
        {
          messageId: 'nextConfigEnv',
          data: { key: 'stripeKey', what: '`process.env.STRIPE_SECRET_KEY` (a secret by name)' },
          suggestions: [{ messageId: 'removeFromEnv', output: `const nextConfig = {
  env: {
    
  },
};
module.exports = withSentryConfig(nextConfig);` }],
        },
      ],
    },
    {
      name: 'next.config `env` with a literal webhook secret',
      filename: 'next.config.ts',
      code: `const config: NextConfig = { env: { webhook: 'whsec_8f3kD9sLq2mZ7xV4bN1cR6tY0uW5eA3h' } };\nexport default config;`,
      errors: [
        {
          messageId: 'nextConfigEnv',
          data: { key: 'webhook', what: 'a Stripe webhook signing secret' },
          suggestions: [{ messageId: 'removeFromEnv', output: `const config: NextConfig = { env: {  } };\nexport default config;` }],
        },
      ],
    },
    {
      name: 'next.config `publicRuntimeConfig` with the Supabase service role',
      filename: nextConfig,
      code: `export default { publicRuntimeConfig: { supabaseAdmin: process.env.SUPABASE_SERVICE_ROLE_KEY } };`,
      errors: [
        {
          messageId: 'publicRuntimeConfig',
          data: { key: 'supabaseAdmin', what: '`process.env.SUPABASE_SERVICE_ROLE_KEY` (a secret by name)' },
          suggestions: [{ messageId: 'removeFromEnv', data: { key: 'supabaseAdmin', section: 'publicRuntimeConfig' }, output: `export default { publicRuntimeConfig: {  } };` }],
        },
      ],
    },
    {
      name: 'next.config `env: { ...process.env }` ships every variable',
      filename: nextConfig,
      code: `export default { env: { ...process.env, APP: 'x' } };`,
      errors: [{ messageId: 'nextConfigEnvSpread', data: { spread: '...process.env', section: 'env' } }],
    },
    {
      name: 'next.config returned from a phase function',
      filename: nextConfig,
      code: `export default (phase) => ({ env: { DATABASE_URL: process.env.DATABASE_URL } });`,
      errors: [
        {
          messageId: 'nextConfigEnv',
          data: { key: 'DATABASE_URL', what: '`process.env.DATABASE_URL` (a database connection string, password included)' },
          suggestions: [{ messageId: 'removeFromEnv', output: `export default (phase) => ({ env: {  } });` }],
        },
      ],
    },
    {
      name: "settings['tenant-guard'].secretEnvNames adds a secret name",
      filename: component,
      settings: { 'tenant-guard': { secretEnvNames: ['INTERNAL_KEY'] } },
      code: `const k = process.env.NEXT_PUBLIC_INTERNAL_KEY;`,
      errors: [
        {
          messageId: 'publicSecret',
          data: { name: 'NEXT_PUBLIC_INTERNAL_KEY', why: "a secret per settings['tenant-guard'].secretEnvNames", prefix: 'NEXT_PUBLIC_', serverName: 'INTERNAL_KEY' },
          suggestions: [{ messageId: 'renameToServer', output: `const k = process.env.INTERNAL_KEY;` }],
        },
      ],
    },
  ],
});
