import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-secret-in-client.js';

/** A small Next.js app (tests/fixtures/secrets) whose modules the rule resolves and reads. */
const fixture = join(import.meta.dirname, '..', 'fixtures', 'secrets');
const file = (path: string) => join(fixture, path);
const clientFile = file('components/upgrade.tsx');
const page = file('app/billing/page.tsx');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const client = `'use client';\n`;
const graph = [{ checkImportedModules: true }] as const;

ruleTester.run('no-secret-in-client', rule, {
  valid: [
    {
      name: 'a client module with the Stripe browser SDK and the publishable key',
      filename: clientFile,
      code: `${client}import { loadStripe } from '@stripe/stripe-js';\nconst stripe = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);`,
    },
    { name: 'a type-only import of the Stripe SDK', filename: clientFile, code: `${client}import type Stripe from 'stripe';\nlet s: Stripe.Checkout.Session;` },
    { name: 'type-only specifiers of the Stripe SDK', filename: clientFile, code: `${client}import { type Stripe } from 'stripe';\nlet s: Stripe;` },
    {
      name: "a 'use server' module imported by a client module is a server action boundary",
      filename: clientFile,
      code: `${client}import { createCheckout } from '@/app/actions';\nexport const go = () => createCheckout('price_1');`,
    },
    {
      name: 'a value-style import used only as a type is elided by the compiler',
      filename: clientFile,
      code: `${client}import { db } from '@/lib/db';\nimport Stripe from 'stripe';\nexport function show(client: typeof db, session: Stripe.Checkout.Session) { return session.id; }`,
    },
    {
      name: 'a module that uses the database client only as a type',
      filename: clientFile,
      code: `${client}import { PAGE_SIZE } from '@/lib/db-types';\nexport const size = PAGE_SIZE;`,
    },
    { name: 'a plain utility module', filename: clientFile, code: `${client}import { formatPrice } from '@/lib/format';\nformatPrice(100);` },
    { name: 'a type-only import of the database module', filename: clientFile, code: `${client}import type { db } from '@/lib/db';\ntype Db = typeof db;` },
    {
      name: 'the Supabase browser client with the anon key',
      filename: clientFile,
      code: `${client}import { createBrowserClient } from '@supabase/ssr';\ncreateBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);`,
    },
    { name: 'NODE_ENV and other non-secrets in a client module', filename: clientFile, code: `${client}if (process.env.NODE_ENV === 'development') console.log(process.env.NEXT_PUBLIC_APP_URL);` },
    {
      name: 'a NEXT_PUBLIC_ secret is no-public-env-secret’s to report',
      filename: clientFile,
      code: `${client}const k = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;`,
    },
    {
      name: 'a Server Component uses the secret key and the server SDK',
      filename: page,
      code: `import Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);\nexport default async function Page() { return <p>{(await stripe.prices.list()).data.length}</p>; }`,
    },
    {
      name: 'a Server Component passes a price id and the publishable key to a client component',
      filename: page,
      code: `import { CheckoutButton } from '@/components/checkout-button';
export default function Page() {
  return <CheckoutButton priceId={process.env.STRIPE_PRICE_ID!} publishableKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY} />;
}`,
    },
    {
      name: 'a Server Component passes a secret to a server component',
      filename: page,
      code: `import { SharedBanner } from '@/lib/shared';\nexport default function Page() { return <SharedBanner secret={process.env.STRIPE_SECRET_KEY} />; }`,
    },
    {
      name: "a 'use server' module reads secrets",
      filename: file('app/actions.ts'),
      code: `'use server';\nimport Stripe from 'stripe';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
    },
    {
      name: "'use client' after an import is not a directive",
      filename: file('lib/misplaced.ts'),
      code: `import Stripe from 'stripe';\n'use client';\nconst stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
    },
    {
      name: 'by default, a module imported only by client modules is not checked',
      filename: file('lib/client-helper.ts'),
      code: `export const auth = \`Bearer \${process.env.STRIPE_SECRET_KEY}\`;`,
    },
    {
      name: 'import-graph mode: a module that server code imports too is shared, not client code',
      filename: file('lib/shared.ts'),
      options: graph,
      code: `export const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;`,
    },
    {
      name: "import-graph mode: a module only a 'use server' module imports",
      filename: file('lib/stripe.ts'),
      options: graph,
      code: `import Stripe from 'stripe';\nexport const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);`,
    },
  ],
  invalid: [
    {
      name: 'a client module reads the Stripe secret key',
      filename: clientFile,
      code: `${client}const key = process.env.STRIPE_SECRET_KEY;`,
      errors: [
        {
          messageId: 'secretEnv',
          data: { name: 'STRIPE_SECRET_KEY', why: 'a secret', where: "it is read in a `'use client'` module" },
          line: 2,
          column: 25,
        },
      ],
    },
    {
      name: 'a client module destructures a server API key',
      filename: clientFile,
      code: `${client}const { OPENAI_API_KEY, NEXT_PUBLIC_APP_URL } = process.env;`,
      errors: [{ messageId: 'secretEnv', data: { name: 'OPENAI_API_KEY', why: 'the API key of a server-side API', where: "it is read in a `'use client'` module" } }],
    },
    {
      name: 'a client module imports the Stripe server SDK',
      filename: clientFile,
      code: `${client}import Stripe, { type Checkout } from 'stripe';\nexport const stripe = new Stripe('');`,
      errors: [
        {
          messageId: 'serverSdk',
          data: { source: 'stripe', where: "it is used in a `'use client'` module", alternative: '; in the browser use `@stripe/stripe-js`' },
        },
      ],
    },
    {
      name: 'a client module requires the Stripe server SDK',
      filename: file('components/legacy.jsx'),
      code: `${client}const Stripe = require('stripe');`,
      errors: [{ messageId: 'serverSdk' }],
    },
    {
      name: 'a client module imports the module that constructs the Prisma client',
      filename: clientFile,
      code: `${client}import { db } from '@/lib/db';\nexport const count = () => db.invoice.count();`,
      errors: [
        {
          messageId: 'serverModule',
          data: {
            source: '@/lib/db',
            reason: 'constructs a database client',
            where: "this `'use client'` module",
            hint: "; add `import 'server-only'` to it so the build catches this",
          },
        },
      ],
    },
    {
      name: "a client module imports a module that starts with import 'server-only'",
      filename: clientFile,
      code: `${client}import { signingKey } from '../lib/guarded';\nexport const k = signingKey();`,
      errors: [{ messageId: 'serverModule', data: { source: '../lib/guarded', reason: "starts with `import 'server-only'`", where: "this `'use client'` module", hint: '' } }],
    },
    {
      name: 'a client module imports the module that creates the Stripe client',
      filename: clientFile,
      code: `${client}import { stripe } from '@/lib/stripe';\nexport const open = () => stripe.billingPortal.sessions.create({ customer: 'cus_1' });`,
      errors: [
        {
          messageId: 'serverModule',
          data: { source: '@/lib/stripe', reason: 'creates the Stripe server SDK client with the secret key', where: "this `'use client'` module", hint: "; add `import 'server-only'` to it so the build catches this" },
        },
      ],
    },
    {
      name: 'a client module imports the Supabase admin client',
      filename: clientFile,
      code: `${client}import { admin } from '@/lib/supabase-admin';\nexport const rows = () => admin.from('invoices').select();`,
      errors: [
        {
          messageId: 'serverModule',
          data: { source: '@/lib/supabase-admin', reason: 'creates a Supabase client with the service-role (secret) key', where: "this `'use client'` module", hint: "; add `import 'server-only'` to it so the build catches this" },
        },
      ],
    },
    {
      name: 'a client module imports a module that uses the database client (one module away)',
      filename: clientFile,
      code: `${client}import { listInvoices } from '@/lib/queries';\nexport const load = () => listInvoices('acc_1');`,
      errors: [{ messageId: 'serverModule', line: 2 }],
    },
    {
      name: 'a client module imports a barrel that re-exports the Stripe client module',
      filename: clientFile,
      code: `${client}import { stripe } from '@/lib/server';\nexport const open = () => stripe.billingPortal.sessions.create({ customer: 'cus_1' });`,
      errors: [{ messageId: 'serverModule', line: 2 }],
    },
    {
      name: 'a client module lazy-loads the database module',
      filename: clientFile,
      code: `${client}const load = () => import('@/lib/db');`,
      errors: [{ messageId: 'serverModule' }],
    },
    {
      name: 'a client module creates a Supabase client with the service-role key (one report, not two)',
      filename: clientFile,
      code: `${client}import { createClient } from '@supabase/supabase-js';\nconst supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);`,
      errors: [
        { messageId: 'serviceRoleClient', data: { name: 'SUPABASE_SERVICE_ROLE_KEY', where: "it is used in a `'use client'` module" }, line: 3, column: 70 },
      ],
    },
    {
      name: 'a Server Component passes the secret key to a client component',
      filename: page,
      code: `import { CheckoutButton } from '@/components/checkout-button';
export default function Page() {
  return <CheckoutButton priceId="price_1" secret={process.env.STRIPE_SECRET_KEY} />;
}`,
      errors: [
        {
          messageId: 'secretProp',
          line: 3,
          column: 44,
        },
      ],
    },
    {
      name: 'a Server Component passes a secret through a const and inside an object',
      filename: page,
      code: `import { PricingTable } from '../../components/pricing-table';
const key = process.env.STRIPE_SECRET_KEY ?? '';
export default function Page() {
  return <><PricingTable stripeKey={key} /><PricingTable config={{ db: process.env.DATABASE_URL }} /></>;
}`,
      errors: [
        { messageId: 'secretProp', line: 4, column: 26 },
        { messageId: 'secretProp', line: 4, column: 58 },
      ],
    },
    {
      name: 'import-graph mode: a module only client modules import reads a secret, with a server-only suggestion',
      filename: file('lib/client-helper.ts'),
      options: graph,
      code: `// helpers\nexport const auth = \`Bearer \${process.env.STRIPE_SECRET_KEY}\`;`,
      errors: [
        {
          messageId: 'secretEnv',
          suggestions: [
            { messageId: 'addServerOnly', output: `// helpers\nimport 'server-only';\nexport const auth = \`Bearer \${process.env.STRIPE_SECRET_KEY}\`;` },
          ],
        },
      ],
    },
    {
      name: 'serverPackages adds server SDKs',
      filename: clientFile,
      options: [{ serverPackages: ['resend'] }],
      code: `${client}import { Resend } from 'resend';\nexport const resend = new Resend('');`,
      errors: [{ messageId: 'serverSdk', data: { source: 'resend', alternative: '', where: "it is used in a `'use client'` module" } }],
    },
  ],
});

describe('messages that name other files', () => {
  it('name the client component file and the client importer', async () => {
    const { Linter } = await import('eslint');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const linter = new Linter({ cwd: fixture });
    const config = [
      {
        files: ['**/*.{ts,tsx}'],
        plugins: { 'tenant-guard': { rules: { 'no-secret-in-client': rule } } },
        languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
        rules: { 'tenant-guard/no-secret-in-client': ['error', { checkImportedModules: true }] },
      },
    ] as unknown as import('eslint').Linter.Config[];
    const [prop] = linter.verify(
      `import { CheckoutButton } from '@/components/checkout-button';\nexport default () => <CheckoutButton secret={process.env.STRIPE_SECRET_KEY} />;`,
      config,
      { filename: page },
    );
    expect(prop.message).toBe(
      '`secret` passes `STRIPE_SECRET_KEY` (a secret) to `<CheckoutButton>`, a client component (`components/checkout-button.tsx`): ' +
        'client component props are serialized into the page sent to the browser. Do the privileged work on the server and pass only its result.',
    );
    const [transitive] = linter.verify(
      `'use client';\nimport { listInvoices } from '@/lib/queries';\nexport const load = () => listInvoices('acc_1');`,
      config,
      { filename: clientFile },
    );
    expect(transitive.message).toBe(
      "`@/lib/queries` imports `lib/db.ts`, which constructs a database client, and this `'use client'` module imports it, which puts it in the browser bundle. " +
        "Import it only from server code (a Server Component, Route Handler or `'use server'` action); add `import 'server-only'` to `lib/db.ts` so the build catches this.",
    );
    const [helper] = linter.verify(`export const auth = process.env.STRIPE_SECRET_KEY;`, config, { filename: file('lib/client-helper.ts') });
    expect(helper.message).toContain('this module runs in the browser (only client modules such as `components/checkout-button.tsx` import it)');
  });
});
