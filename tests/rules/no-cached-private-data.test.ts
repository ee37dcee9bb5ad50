import { join } from 'node:path';
import { RuleTester, type InvalidTestCase, type TestCaseError } from '@typescript-eslint/rule-tester';
import type { ESLintUtils } from '@typescript-eslint/utils';
import rule from '../../rules/no-cached-private-data.js';

type MessageIds = ESLintUtils.InferMessageIdsTypeFromRule<typeof rule>;
type Options = ESLintUtils.InferOptionsTypeFromRule<typeof rule>;
type Suggestions = TestCaseError<MessageIds>['suggestions'];
/** An invalid case whose expected suggestions may be computed from its code (`(code) => [...]`). */
type Case = Omit<InvalidTestCase<MessageIds, Options>, 'errors'> & {
  errors: Array<Omit<TestCaseError<MessageIds>, 'suggestions'> & { suggestions?: Suggestions | ((code: string) => Suggestions) }>;
};
const expand = (cases: Case[]): Array<InvalidTestCase<MessageIds, Options>> =>
  cases.map((c) => ({ ...c, errors: c.errors.map((e) => ({ ...e, suggestions: typeof e.suggestions === 'function' ? e.suggestions(c.code) : e.suggestions })) }));

function replaced(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`test setup: \`${from}\` is not in the code`);
  return code.replace(from, to);
}
/** The suggestions on a cached private route: drop the config, or render per request. */
const segmentFixes =
  (config: string) =>
  (code: string): Suggestions => [
    { messageId: 'removeConfig', data: { config }, output: replaced(code, `${config};\n`, '') },
    { messageId: 'useForceDynamic', output: replaced(code, `${config};`, "export const dynamic = 'force-dynamic';") },
  ];
const keyFix =
  (value: string, from: string, to: string) =>
  (code: string): Suggestions => [{ messageId: 'addToKey', data: { value }, output: replaced(code, from, to) }];
const privateNoStore =
  (from: string) =>
  (code: string): Suggestions => [{ messageId: 'usePrivateNoStore', output: replaced(code, from, "'private, no-store'") }];
const cachePrivate =
  (from: string) =>
  (code: string): Suggestions => [{ messageId: 'useCachePrivate', output: replaced(code, from, "'use cache: private'") }];

/** Files live in the fixture app: `@/lib/…` imports resolve there and `prisma/schema.prisma` is discovered. */
const fixture = join(import.meta.dirname, '..', 'fixtures', 'next-cache');
const file = (path: string) => join(fixture, path);
const page = file('app/dashboard/billing/page.tsx');
const layout = file('app/dashboard/layout.tsx');
const route = file('app/api/invoices/route.ts');
const dynamicPage = file('app/dashboard/invoices/[id]/page.tsx');
const apiRoute = file('pages/api/invoices.ts');
const ssrPage = file('pages/invoices.tsx');
const lib = file('lib/stats.ts');
const nextConfig = file('next.config.mjs');
const middleware = file('middleware.ts');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const auth = `import { auth } from '@/auth';\nimport { db } from '@/lib/db';\n`;
const cache = `import { unstable_cache } from 'next/cache';\nimport { db } from '@/lib/db';\nimport { requireAuth } from '@/lib/auth';\n`;

ruleTester.run('no-cached-private-data', rule, {
  valid: [
    // --- Route segment config on public pages ---------------------------------------------------------------------
    {
      name: 'revalidate on a public pricing page that reads no session',
      filename: file('app/pricing/page.tsx'),
      code: `import { db } from '@/lib/db';
export const revalidate = 3600;
export default async function Pricing() {
  const plans = await db.plan.findMany();
  return <ul>{plans.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}`,
    },
    {
      name: 'force-static marketing page',
      filename: file('app/(marketing)/about/page.tsx'),
      code: `export const dynamic = 'force-static';
export default function About() { return <h1>About us</h1>; }`,
    },
    {
      name: 'a private page rendered per request: force-dynamic',
      filename: page,
      code: `${auth}export const dynamic = 'force-dynamic';
export default async function Billing() {
  const session = await auth();
  return <p>{session?.user?.name}</p>;
}`,
    },
    {
      name: 'revalidate = 0 on a private page caches nothing',
      filename: page,
      code: `${auth}export const revalidate = 0;
export default async function Billing() {
  const session = await auth();
  return <p>{session?.user?.name}</p>;
}`,
    },
    {
      name: 'force-dynamic wins over a leftover revalidate',
      filename: page,
      code: `${auth}export const dynamic = 'force-dynamic';
export const revalidate = 60;
export default async function Billing() {
  const session = await auth();
  return <p>{session?.user?.name}</p>;
}`,
    },
    {
      name: 'public page that reads only preference cookies and the language header (through imports)',
      filename: file('app/blog/page.tsx'),
      code: `import { getTheme, getLanguage } from '@/lib/prefs';
export const revalidate = 600;
export default async function Blog() {
  const theme = await getTheme();
  const lang = await getLanguage();
  return <main data-theme={theme} lang={lang} />;
}`,
    },
    {
      name: 'page whose only session read is an inline server action (runs on submit, not on render)',
      filename: file('app/contact/page.tsx'),
      code: `import { auth } from '@/auth';
export const revalidate = 3600;
export default function Contact() {
  async function send(form: FormData) {
    'use server';
    const session = await auth();
    void session;
  }
  return <form action={send} />;
}`,
    },
    {
      name: 'page using a client component ("use client" modules are not followed)',
      filename: file('app/counter/page.tsx'),
      code: `import { Counter } from '@/components/counter';
export const revalidate = 60;
export default function Page() { return <Counter />; }`,
    },
    {
      name: "a 'use client' page is not checked (it renders in the browser; its event handlers call the server)",
      filename: file('app/settings/page.tsx'),
      code: `'use client';
import { getAccountInvoices } from '@/lib/team';
export const revalidate = 60;
export default function Settings() {
  async function onClick() { await getAccountInvoices(); }
  return <button onClick={onClick}>Refresh</button>;
}`,
    },
    {
      name: 'revalidate on a route handler whose GET is public (only POST reads the session)',
      filename: route,
      code: `import { auth } from '@/auth';
import { db } from '@/lib/db';
export const revalidate = 300;
export async function GET() {
  return Response.json(await db.plan.findMany());
}
export async function POST() {
  const session = await auth();
  return Response.json({ ok: !!session });
}`,
    },
    {
      name: 'generateStaticParams on a public dynamic page',
      filename: file('app/blog/[slug]/page.tsx'),
      code: `export async function generateStaticParams() { return [{ slug: 'hello' }]; }
export default async function Post({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return <h1>{slug}</h1>;
}`,
    },
    {
      name: 'a user lookup by id is not the session (the docs example of unstable_cache)',
      filename: lib,
      code: `import { unstable_cache } from 'next/cache';
import { getUser } from './data';
export const getCachedUser = unstable_cache(async (id: string) => getUser(id), ['my-app-user']);`,
    },
    // --- unstable_cache keys ---------------------------------------------------------------------------------------
    {
      name: 'unstable_cache with the tenant passed as an argument (arguments are part of the key)',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  return unstable_cache(async (id: string) => db.invoice.findMany({ where: { accountId: id } }), ['revenue'])(accountId);
}`,
    },
    {
      name: 'unstable_cache with the tenant in the key parts',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), ['revenue', accountId], { revalidate: 60 })();
}`,
    },
    {
      name: 'unstable_cache with the tenant in a template key part',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const session = await requireAuth();
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId: session.accountId } }), [\`revenue-\${session.accountId}\`])();
}`,
    },
    {
      name: 'unstable_cache keyed by another session value (the user id) counts as keyed per user',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const { accountId, userId } = await requireAuth();
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), ['revenue', userId])();
}`,
    },
    {
      name: 'unstable_cache whose key parts come from a parameter (unknown: never reported)',
      filename: lib,
      code: `${cache}export function cached(key: string[], accountId: string) {
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), key)();
}`,
    },
    {
      name: 'module-level unstable_cache of public data',
      filename: lib,
      code: `${cache}export const getPlans = unstable_cache(async () => db.plan.findMany(), ['plans'], { tags: ['plans'] });`,
    },
    {
      name: 'unstable_cache capturing a value that is not the tenant (a locale)',
      filename: lib,
      code: `${cache}export async function getPlans(locale: string) {
  return unstable_cache(async () => db.plan.findMany({ where: { name: locale } }), ['plans'])();
}`,
    },
    {
      name: 'React cache() is per request',
      filename: lib,
      code: `import { cache } from 'react';
import { auth } from '@/auth';
export const getSession = cache(async () => auth());`,
    },
    {
      name: 'tags without the tenant are not reported by default',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), ['revenue', accountId], { tags: ['invoices'] })();
}`,
    },
    {
      name: "'use cache' keyed by its arguments",
      filename: lib,
      code: `import { db } from '@/lib/db';
export async function getInvoices(accountId: string) {
  'use cache';
  return db.invoice.findMany({ where: { accountId } });
}`,
    },
    {
      name: "'use cache: private' may read cookies (a per-user cache)",
      filename: lib,
      code: `import { cookies } from 'next/headers';
export async function getCart() {
  'use cache: private';
  const store = await cookies();
  return store.get('cart-id')?.value;
}`,
    },
    // --- fetch ------------------------------------------------------------------------------------------------------
    {
      name: 'fetch with force-cache and a server-side API key (not the user)',
      filename: lib,
      code: `export async function getRates() {
  return fetch('https://api.example.com/rates', { headers: { Authorization: \`Bearer \${process.env.RATES_KEY}\` }, cache: 'force-cache' });
}`,
    },
    {
      name: 'fetch forwarding the session token without caching',
      filename: lib,
      code: `import { auth } from '@/auth';
export async function getProfile() {
  const session = await auth();
  return fetch('https://api.example.com/me', { headers: { Authorization: \`Bearer \${session?.accessToken}\` }, cache: 'no-store' });
}`,
    },
    // --- Cache-Control ------------------------------------------------------------------------------------------------
    {
      name: 'private, no-store on a private handler',
      filename: route,
      code: `${auth}import { NextResponse } from 'next/server';
export async function GET() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return NextResponse.json(invoices, { headers: { 'Cache-Control': 'private, no-store' } });
}`,
    },
    {
      name: 'public Cache-Control on a public OG image handler',
      filename: file('app/api/og/route.tsx'),
      code: `import { ImageResponse } from 'next/og';
export async function GET() {
  return new ImageResponse(<div>Hello</div>, { headers: { 'Cache-Control': 'public, max-age=3600, immutable' } });
}`,
    },
    {
      name: 'public Cache-Control on a webhook-style handler that reads only the signature header',
      filename: file('app/api/status/route.ts'),
      code: `import { headers } from 'next/headers';
export async function GET() {
  const signature = (await headers()).get('stripe-signature');
  return new Response(String(!!signature), { headers: { 'Cache-Control': 'public, s-maxage=60' } });
}`,
    },
    {
      name: 'public OG image whose handler hands the headers to an IP rate limiter only',
      filename: file('app/book/[slug]/opengraph-image.tsx'),
      code: `import { headers } from 'next/headers';
import { ImageResponse } from 'next/og';
import { getClientIp, rateLimit } from '@/lib/rate-limit';
export default async function Image() {
  const requestHeaders = await headers();
  await rateLimit(getClientIp(requestHeaders));
  const params = new URLSearchParams();
  params.set('v', '1');
  return new ImageResponse(<div />, { headers: { 'Cache-Control': 'public, max-age=3600, s-maxage=86400' } });
}`,
    },
    {
      name: 'public caching only on the signed-out branch (the anonymous response)',
      filename: route,
      code: `${auth}import { NextResponse } from 'next/server';
export async function GET() {
  const session = await auth();
  if (!session) {
    return NextResponse.json(await db.plan.findMany(), { headers: { 'Cache-Control': 'public, s-maxage=300' } });
  }
  const invoices = await db.invoice.findMany({ where: { accountId: session.user.accountId } });
  return NextResponse.json(invoices, { headers: { 'Cache-Control': 'private, no-store' } });
}`,
    },
    {
      name: 'pages-router API route with private caching only',
      filename: apiRoute,
      code: `import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';
export default async function handler(req, res) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  res.setHeader('Cache-Control', 'private, max-age=60, stale-while-revalidate=300');
  return res.json({ ok: true });
}`,
    },
    {
      name: 'a handler exported through a wrapper that does not authenticate (withLogging)',
      filename: apiRoute,
      code: `import { withLogging } from '@/lib/log';
async function handler(req, res) {
  res.setHeader('Cache-Control', 'public, s-maxage=600');
  return res.json({ status: 'ok' });
}
export default withLogging(handler);`,
    },
    {
      name: 'public max-age=0 with must-revalidate is never served without asking the server',
      filename: apiRoute,
      code: `import { getServerSession } from 'next-auth/next';
export default async function handler(req, res) {
  const session = await getServerSession(req, res);
  res.setHeader('Cache-Control', 'public, max-age=0, must-revalidate');
  return res.json({ ok: !!session });
}`,
    },
    {
      name: 'a request Cache-Control header on an outgoing fetch is not a response',
      filename: route,
      code: `import { auth } from '@/auth';
export async function GET() {
  const session = await auth();
  const upstream = await fetch('https://api.example.com', { headers: { 'Cache-Control': 'public, max-age=60' } });
  return Response.json({ ok: !!session, status: upstream.status });
}`,
    },
    // --- next.config ----------------------------------------------------------------------------------------------
    {
      name: 'next.config caches static files only',
      filename: nextConfig,
      code: `export default {
  async headers() {
    return [
      { source: '/fonts/(.*)', headers: [{ key: 'Cache-Control', value: 'public, max-age=31536000, immutable' }] },
      { source: '/(.*)\\\\.svg', headers: [{ key: 'Cache-Control', value: 'public, max-age=2592000, s-maxage=31536000, immutable' }] },
      { source: '/:all*(svg|jpg|png)', headers: [{ key: 'Cache-Control', value: 'public, max-age=86400' }] },
      { source: '/(.*)', headers: [{ key: 'X-Frame-Options', value: 'DENY' }] },
    ];
  },
};`,
    },
    {
      name: 'next.config caches every page only for signed-out visitors (missing the session cookie)',
      filename: nextConfig,
      code: `module.exports = {
  headers: async () => [
    {
      source: '/:path*',
      missing: [{ type: 'cookie', key: 'next-auth.session-token' }],
      headers: [{ key: 'Cache-Control', value: 'public, s-maxage=60' }],
    },
  ],
};`,
    },
    {
      name: 'next.config with no-store on the API',
      filename: nextConfig,
      code: `export default { async headers() { return [{ source: '/api/:path*', headers: [{ key: 'Cache-Control', value: 'no-store' }] }]; } };`,
    },
  ],
  invalid: expand([
    // --- Route segment config on private pages --------------------------------------------------------------------
    {
      name: 'revalidate on a page that reads the session',
      filename: page,
      code: `${auth}export const revalidate = 3600;
export default async function Billing() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return <ul>{invoices.map((i) => <li key={i.id}>{i.amountCents}</li>)}</ul>;
}`,
      errors: [
        {
          messageId: 'revalidate',
          line: 3,
          data: { config: 'export const revalidate = 3600', route: 'page', entry: 'the default export', reason: 'reads the session via `auth()`' },
          suggestions: [
            {
              messageId: 'removeConfig',
              data: { config: 'export const revalidate = 3600' },
              output: `${auth}export default async function Billing() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return <ul>{invoices.map((i) => <li key={i.id}>{i.amountCents}</li>)}</ul>;
}`,
            },
            {
              messageId: 'useForceDynamic',
              output: `${auth}export const dynamic = 'force-dynamic';
export default async function Billing() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return <ul>{invoices.map((i) => <li key={i.id}>{i.amountCents}</li>)}</ul>;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'force-static on a page whose data helper reads the account cookie (through an import)',
      filename: page,
      code: `import { getAccountInvoices } from '@/lib/team';
export const dynamic = 'force-static';
export default async function Billing() {
  const invoices = await getAccountInvoices();
  return <p>{invoices.length}</p>;
}`,
      errors: [
        {
          messageId: 'forceStatic',
          data: {
            config: "export const dynamic = 'force-static'",
            route: 'page',
            entry: 'the default export',
            reason: 'reads the `account-id` cookie via `cookies()` (in `getAccountInvoices()` from `@/lib/team` → `currentAccountId()`)',
          },
          suggestions: [
            {
              messageId: 'useForceDynamic',
              output: `import { getAccountInvoices } from '@/lib/team';
export const dynamic = 'force-dynamic';
export default async function Billing() {
  const invoices = await getAccountInvoices();
  return <p>{invoices.length}</p>;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'revalidate on a page that renders a component reading the session (same file)',
      filename: page,
      code: `${auth}export const revalidate = 60;
async function Greeting() {
  const session = await auth();
  return <p>Hi {session?.user?.name}</p>;
}
export default function Billing() { return <main><Greeting /></main>; }`,
      errors: [{ messageId: 'revalidate', data: { config: 'export const revalidate = 60', route: 'page', entry: 'the default export', reason: 'reads the session via `auth()` (in `<Greeting>`)' }, suggestions: segmentFixes('export const revalidate = 60') }],
    },
    {
      name: 'revalidate on a layout whose imported component reads the session, via re-exports',
      filename: layout,
      code: `import { UserMenu } from '@/components/user-menu';
export const revalidate = 60 * 60;
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <div><UserMenu />{children}</div>;
}`,
      errors: [
        {
          messageId: 'revalidate',
          data: { config: 'export const revalidate = 60 * 60', route: 'layout', entry: 'the default export', reason: 'reads the session via `auth()` (in `<UserMenu>` from `@/components/user-menu`)' },
          suggestions: segmentFixes('export const revalidate = 60 * 60'),
        },
      ],
    },
    {
      name: 'revalidate on a page reading the session through a barrel re-export',
      filename: page,
      code: `import { getAccountInvoices } from '@/lib';
export const revalidate = 30;
export default async function Billing() { return <p>{(await getAccountInvoices()).length}</p>; }`,
      errors: [{ messageId: 'revalidate', suggestions: segmentFixes('export const revalidate = 30') }],
    },
    {
      name: 'revalidate = false on a route handler whose GET reads the Authorization header',
      filename: route,
      code: `import { db } from '@/lib/db';
export const revalidate = false;
export async function GET(request: Request) {
  const token = request.headers.get('authorization');
  return Response.json(await db.invoice.findMany({ where: { accountId: String(token) } }));
}`,
      errors: [
        {
          messageId: 'revalidate',
          data: { config: 'export const revalidate = false', route: 'route handler', entry: '`GET`', reason: 'reads the `Authorization` request header' },
          suggestions: segmentFixes('export const revalidate = false'),
        },
      ],
    },
    {
      name: 'fetchCache force-cache on a route handler wrapped by withAuth',
      filename: route,
      code: `import { withAuth } from '@/lib/auth';
export const fetchCache = 'force-cache';
export const GET = withAuth(async (req, { user }) => Response.json(await fetch(\`https://api.example.com/u/\${user.id}\`)));`,
      errors: [
        {
          messageId: 'fetchCache',
          data: { config: "export const fetchCache = 'force-cache'", route: 'route handler', entry: '`GET`', reason: 'runs inside `withAuth(…)`' },
          suggestions: [{ messageId: 'removeConfig', data: { config: "export const fetchCache = 'force-cache'" }, output: `import { withAuth } from '@/lib/auth';
export const GET = withAuth(async (req, { user }) => Response.json(await fetch(\`https://api.example.com/u/\${user.id}\`)));` }],
        },
      ],
    },
    {
      name: 'generateStaticParams on a private dynamic page',
      filename: dynamicPage,
      code: `${auth}export async function generateStaticParams() { return []; }
export default async function Invoice({ params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  const { id } = await params;
  return <p>{session?.user?.name} {id}</p>;
}`,
      errors: [{ messageId: 'staticParams', line: 3, data: { route: 'page', entry: 'the default export', reason: 'reads the session via `auth()`' } }],
    },
    {
      name: 'generateMetadata reading cookies makes a cached page private too',
      filename: page,
      code: `import { cookies } from 'next/headers';
export const revalidate = 120;
export async function generateMetadata() {
  const token = (await cookies()).get('session')?.value;
  return { title: token ? 'Your billing' : 'Billing' };
}
export default function Billing() { return <main />; }`,
      errors: [{ messageId: 'revalidate', data: { config: 'export const revalidate = 120', route: 'page', entry: '`generateMetadata`', reason: 'reads the `session` cookie via `cookies()`' }, suggestions: segmentFixes('export const revalidate = 120') }],
    },
    // --- unstable_cache ---------------------------------------------------------------------------------------------
    {
      name: 'unstable_cache keyed without the tenant it filters by (closure)',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  const load = unstable_cache(
    async () => db.invoice.findMany({ where: { accountId, status: 'paid' } }),
    ['revenue'],
    { revalidate: 300 },
  );
  return load();
}`,
      errors: [
        {
          messageId: 'keyWithoutTenant',
          line: 8,
          data: { key: "`['revenue']`", value: 'accountId', why: ' to filter tenant-owned Invoice' },
          suggestions: [
            {
              messageId: 'addToKey',
              data: { value: 'accountId' },
              output: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  const load = unstable_cache(
    async () => db.invoice.findMany({ where: { accountId, status: 'paid' } }),
    ['revenue', accountId],
    { revalidate: 300 },
  );
  return load();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'unstable_cache without key parts, capturing a member of the session',
      filename: lib,
      code: `${cache}export async function getRevenue() {
  const session = await requireAuth();
  return unstable_cache(async () => db.invoice.aggregate({ where: { accountId: session.accountId }, _sum: { amountCents: true } }))();
}`,
      errors: [
        {
          messageId: 'keyWithoutTenant',
          data: { key: "the function's source text", value: 'session.accountId', why: ' to filter tenant-owned Invoice' },
          suggestions: [
            {
              messageId: 'addToKey',
              data: { value: 'session.accountId' },
              output: `${cache}export async function getRevenue() {
  const session = await requireAuth();
  return unstable_cache(async () => db.invoice.aggregate({ where: { accountId: session.accountId }, _sum: { amountCents: true } }), [session.accountId])();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'unstable_cache inside a helper taking the tenant id, which never reaches the key',
      filename: lib,
      code: `import { unstable_cache } from 'next/cache';
import { getStats } from './stats-source';
export const getCachedStats = (teamId: string) => unstable_cache(async () => getStats(teamId), ['team-stats'])();`,
      errors: [{ messageId: 'keyWithoutTenant', data: { key: "`['team-stats']`", value: 'teamId', why: ' (a tenant id)' }, suggestions: keyFix('teamId', "['team-stats']", "['team-stats', teamId]") }],
    },
    {
      name: 'unstable_cache capturing a route param used as a Drizzle tenant filter',
      filename: file('app/[team]/stats/page.tsx'),
      code: `import { unstable_cache } from 'next/cache';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/drizzle';
import { invoices } from '@/lib/schema';
export default async function Stats({ params }: { params: Promise<{ team: string }> }) {
  const { team } = await params;
  const rows = await unstable_cache(async () => db.select().from(invoices).where(eq(invoices.teamId, team)), ['stats'])();
  return <p>{rows.length}</p>;
}`,
      errors: [{ messageId: 'keyWithoutTenant', data: { key: "`['stats']`", value: 'team', why: ' as the tenant filter' }, suggestions: keyFix('team', "['stats']", "['stats', team]") }],
    },
    {
      name: 'unstable_cache key parts from a constant do not cover the tenant',
      filename: lib,
      code: `${cache}const KEY = 'revenue';
export async function getRevenue() {
  const { accountId } = await requireAuth();
  const parts = [KEY, 'v2'];
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), parts)();
}`,
      errors: [{ messageId: 'keyWithoutTenant', data: { key: '`parts`', value: 'accountId', why: ' to filter tenant-owned Invoice' }, suggestions: [] }],
    },
    {
      name: 'unstable_cache that reads the session inside the cached function',
      filename: lib,
      code: `${cache}export const getRevenue = unstable_cache(async () => {
  const { accountId } = await requireAuth();
  return db.invoice.findMany({ where: { accountId } });
}, ['revenue']);`,
      errors: [{ messageId: 'cacheReadsIdentity', line: 4, data: { cache: 'unstable_cache', reason: 'reads the session via `requireAuth()`', alternative: '' } }],
    },
    {
      name: 'unstable_cache of an imported function that reads cookies',
      filename: lib,
      code: `import { unstable_cache } from 'next/cache';
import { getAccountInvoices } from '@/lib/team';
export const getCached = unstable_cache(getAccountInvoices, ['account-invoices']);`,
      errors: [{ messageId: 'cacheReadsIdentity', data: { cache: 'unstable_cache', reason: 'reads the `account-id` cookie via `cookies()` (in `getAccountInvoices()` from `@/lib/team` → `currentAccountId()`)', alternative: '' } }],
    },
    {
      name: 'unstable_cache imported under another name',
      filename: lib,
      code: `import { unstable_cache as memo } from 'next/cache';
import { db } from '@/lib/db';
export async function list(accountId: string) {
  return memo(async () => db.invoice.findMany({ where: { accountId } }), ['invoices'])();
}`,
      errors: [{ messageId: 'keyWithoutTenant', data: { key: "`['invoices']`", value: 'accountId', why: ' to filter tenant-owned Invoice' }, suggestions: keyFix('accountId', "['invoices']", "['invoices', accountId]") }],
    },
    {
      name: 'tags without the tenant, with reportTagsWithoutTenant (strict)',
      filename: lib,
      options: [{ reportTagsWithoutTenant: true }],
      code: `${cache}export async function getRevenue() {
  const { accountId } = await requireAuth();
  return unstable_cache(async () => db.invoice.findMany({ where: { accountId } }), ['revenue', accountId], { tags: ['invoices'] })();
}`,
      errors: [{ messageId: 'tagsWithoutTenant', data: { tags: "['invoices']", value: 'accountId', example: '`invoices-${accountId}`' } }],
    },
    // --- 'use cache' ------------------------------------------------------------------------------------------------
    {
      name: "'use cache' function that reads the session",
      filename: lib,
      code: `import { auth } from '@/auth';
import { db } from '@/lib/db';
export async function getInvoices() {
  'use cache';
  const session = await auth();
  return db.invoice.findMany({ where: { accountId: session!.user.accountId } });
}`,
      errors: [
        {
          messageId: 'cacheReadsIdentity',
          line: 4,
          data: { cache: "'use cache'", reason: 'reads the session via `auth()`', alternative: ", or use `'use cache: private'`" },
          suggestions: [
            {
              messageId: 'useCachePrivate',
              output: `import { auth } from '@/auth';
import { db } from '@/lib/db';
export async function getInvoices() {
  'use cache: private';
  const session = await auth();
  return db.invoice.findMany({ where: { accountId: session!.user.accountId } });
}`,
            },
          ],
        },
      ],
    },
    {
      name: "file-level 'use cache' on a page that reads headers set by middleware",
      filename: page,
      code: `'use cache';
import { headers } from 'next/headers';
export default async function Billing() {
  const team = (await headers()).get('x-team-id');
  return <p>{team}</p>;
}`,
      errors: [{ messageId: 'cacheReadsIdentity', line: 3, data: { cache: "'use cache'", reason: 'reads the `x-team-id` request header via `headers()`', alternative: ", or use `'use cache: private'`" } }],
    },
    {
      name: "'use cache: remote' is shared too",
      filename: lib,
      code: `import { cookies } from 'next/headers';
export async function getCart() {
  'use cache: remote';
  return (await cookies()).get('cart')?.value;
}`,
      errors: [{ messageId: 'cacheReadsIdentity', data: { cache: "'use cache: remote'", reason: 'reads the `cart` cookie via `cookies()`', alternative: ", or use `'use cache: private'`" }, suggestions: cachePrivate("'use cache: remote'") }],
    },
    // --- fetch --------------------------------------------------------------------------------------------------------
    {
      name: "fetch forwarding the session's token with force-cache",
      filename: lib,
      code: `import { auth } from '@/auth';
export async function getProfile() {
  const session = await auth();
  return fetch('https://api.example.com/me', { headers: { Authorization: \`Bearer \${session?.accessToken}\` }, cache: 'force-cache' });
}`,
      errors: [
        {
          messageId: 'credentialedFetch',
          data: { credential: 'the `Authorization` header', option: "cache: 'force-cache'" },
          suggestions: [
            {
              messageId: 'useNoStore',
              output: `import { auth } from '@/auth';
export async function getProfile() {
  const session = await auth();
  return fetch('https://api.example.com/me', { headers: { Authorization: \`Bearer \${session?.accessToken}\` }, cache: 'no-store' });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'fetch forwarding the request cookies with next.revalidate',
      filename: route,
      code: `import { cookies } from 'next/headers';
export async function GET() {
  const cookie = (await cookies()).toString();
  const res = await fetch('https://internal/api/me', { headers: { cookie }, next: { revalidate: 60 } });
  return Response.json(await res.json());
}`,
      errors: [{ messageId: 'credentialedFetch', data: { credential: 'the `cookie` header', option: 'next: { revalidate: 60 }' }, suggestions: [] }],
    },
    // --- Cache-Control ------------------------------------------------------------------------------------------------
    {
      name: 'public s-maxage on an App Router handler that reads the session',
      filename: route,
      code: `${auth}import { NextResponse } from 'next/server';
export async function GET() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return NextResponse.json(invoices, { headers: { 'Cache-Control': 'public, s-maxage=60' } });
}`,
      errors: [
        {
          messageId: 'sharedCacheControl',
          line: 7,
          data: { header: 'Cache-Control', value: 'public, s-maxage=60', directive: 's-maxage=60', context: 'its handler', reason: 'reads the session via `auth()`' },
          suggestions: [
            {
              messageId: 'usePrivateNoStore',
              output: `${auth}import { NextResponse } from 'next/server';
export async function GET() {
  const session = await auth();
  const invoices = await db.invoice.findMany({ where: { accountId: session!.user.accountId } });
  return NextResponse.json(invoices, { headers: { 'Cache-Control': 'private, no-store' } });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'public caching on the signed-in branch',
      filename: route,
      code: `${auth}export async function GET() {
  const session = await auth();
  if (session) {
    return Response.json(await db.invoice.findMany({ where: { accountId: session.user.accountId } }), { headers: { 'Cache-Control': 'public, s-maxage=300' } });
  }
  return new Response(null, { status: 401 });
}`,
      errors: [
        {
          messageId: 'sharedCacheControl',
          line: 6,
          data: { header: 'Cache-Control', value: 'public, s-maxage=300', directive: 's-maxage=300', context: 'its handler', reason: 'reads the session via `auth()`' },
          suggestions: privateNoStore("'public, s-maxage=300'"),
        },
      ],
    },
    {
      name: 'pages-router API route: res.setHeader public on a session-checked handler',
      filename: apiRoute,
      code: `import { getServerSession } from 'next-auth/next';
import { authOptions } from '@/lib/auth';
export default async function handler(req, res) {
  const session = await getServerSession(req, res, authOptions);
  if (!session) return res.status(401).end();
  res.setHeader('Cache-Control', 'public, s-maxage=30, stale-while-revalidate=300');
  return res.json({ ok: true });
}`,
      errors: [
        {
          messageId: 'sharedCacheControl',
          data: { header: 'Cache-Control', value: 'public, s-maxage=30, stale-while-revalidate=300', directive: 's-maxage=30', context: 'its handler', reason: 'reads the session via `getServerSession()`' },
          suggestions: privateNoStore("'public, s-maxage=30, stale-while-revalidate=300'"),
        },
      ],
    },
    {
      name: 'pages-router API route exported through withAuth(handler)',
      filename: apiRoute,
      code: `import { withAuth } from '@/lib/auth';
async function handler(req, res) {
  res.setHeader('Cache-Control', 'public, s-maxage=600');
  return res.json({ invoices: [] });
}
export default withAuth(handler);`,
      errors: [
        {
          messageId: 'sharedCacheControl',
          data: { header: 'Cache-Control', value: 'public, s-maxage=600', directive: 's-maxage=600', context: 'its handler', reason: 'runs inside `withAuth(…)`' },
          suggestions: privateNoStore("'public, s-maxage=600'"),
        },
      ],
    },
    {
      name: 'getServerSideProps that reads the session and caches the page publicly',
      filename: ssrPage,
      code: `import { getSession } from 'next-auth/react';
export async function getServerSideProps({ req, res }) {
  const session = await getSession({ req });
  res.setHeader('Cache-Control', \`public, max-age=\${60}\`);
  return { props: { session } };
}
export default function Invoices() { return null; }`,
      errors: [{ messageId: 'sharedCacheControl', data: { header: 'Cache-Control', value: 'public, max-age=60', directive: 'public', context: 'its handler', reason: 'reads the session via `getSession()`' }, suggestions: [] }],
    },
    {
      name: 'a helper that builds the cached response for a private handler',
      filename: route,
      code: `${auth}function cachedJson(data: unknown) {
  return new Response(JSON.stringify(data), { headers: new Headers({ 'CDN-Cache-Control': 'max-age=300' }) });
}
export async function GET() {
  const session = await auth();
  return cachedJson(await db.invoice.findMany({ where: { accountId: session!.user.accountId } }));
}`,
      errors: [{ messageId: 'sharedCacheControl', data: { header: 'CDN-Cache-Control', value: 'max-age=300', directive: 'max-age=300', context: '`GET`, which sends it,', reason: 'reads the session via `auth()`' }, suggestions: [] }],
    },
    {
      name: 'middleware that reads the session cookie and marks responses immutable',
      filename: middleware,
      code: `import { NextResponse, type NextRequest } from 'next/server';
export function middleware(request: NextRequest) {
  const session = request.cookies.get('session-token');
  const response = NextResponse.next();
  if (session) response.headers.set('Cache-Control', 'max-age=31536000, immutable');
  return response;
}`,
      errors: [{ messageId: 'sharedCacheControl', data: { header: 'Cache-Control', value: 'max-age=31536000, immutable', directive: 'immutable', context: 'its handler', reason: 'reads the `session-token` cookie of the request' }, suggestions: privateNoStore("'max-age=31536000, immutable'") }],
    },
    // --- next.config ----------------------------------------------------------------------------------------------
    {
      name: 'next.config caching every page publicly',
      filename: nextConfig,
      code: `const nextConfig = {
  async headers() {
    return [{ source: '/:path*', headers: [{ key: 'Cache-Control', value: 'public, s-maxage=3600, stale-while-revalidate' }] }];
  },
};
export default nextConfig;`,
      errors: [
        {
          messageId: 'sharedCacheControlConfig',
          data: { header: 'Cache-Control', value: 'public, s-maxage=3600, stale-while-revalidate', source: '/:path*', directive: 's-maxage=3600', covers: 'every page and API route, signed-in ones included' },
        },
      ],
    },
    {
      name: 'next.config caching the API (headers list kept in a constant)',
      filename: nextConfig,
      code: `const apiCache = [{ key: 'Cache-Control', value: 'public, max-age=600' }];
module.exports = {
  headers: async () => [{ source: '/api/:path*', headers: [...apiCache, { key: 'X-Robots-Tag', value: 'noindex' }] }],
};`,
      errors: [{ messageId: 'sharedCacheControlConfig', data: { header: 'Cache-Control', value: 'public, max-age=600', source: '/api/:path*', directive: 'public', covers: '`/api`, which answers signed-in users' } }],
    },
    {
      name: 'next.config caching responses to requests that carry a session cookie',
      filename: nextConfig,
      code: `export default {
  async headers() {
    return [{ source: '/reports/:id', has: [{ type: 'cookie', key: 'sid' }], headers: [{ key: 'Cache-Control', value: 's-maxage=120' }] }];
  },
};`,
      errors: [{ messageId: 'sharedCacheControlConfig', data: { header: 'Cache-Control', value: 's-maxage=120', source: '/reports/:id', directive: 's-maxage=120', covers: 'requests that carry a session' } }],
    },
  ]),
});
