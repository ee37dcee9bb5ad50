import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-client-tenant-id.js';

// Prisma cases run in the saas fixture (Account is the tenant; Invoice, Note, Document… carry accountId), Drizzle in
// the drizzle fixture (teams; invoices.teamId), Supabase in the supabase fixture (account_id, service-role admin client).
const saas = (path: string) => join(import.meta.dirname, '..', 'fixtures', 'saas', path);
const drizzleApp = (path: string) => join(import.meta.dirname, '..', 'fixtures', 'drizzle', path);
const supabaseApp = (path: string) => join(import.meta.dirname, '..', 'fixtures', 'supabase', 'app', path);

const route = saas('app/api/invoices/route.ts');
const idRoute = saas('app/api/teams/[accountId]/invoices/route.ts');
const actions = saas('app/dashboard/invoices/actions.ts');
const page = saas('app/accounts/[accountId]/page.tsx');
const pagesApi = saas('pages/api/invoices.ts');

const prisma = `import { db } from '@/lib/db';\nimport { requireAuth } from '@/lib/auth';\n`;
const drizzle = `import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { invoices, teamMembers } from '@/db/schema';
import { requireAuth } from '@/lib/auth';
`;
const supabase = `import { supabaseAdmin } from '@/lib/supabase/admin';\nimport { createClient } from '@/lib/supabase/server';\nimport { requireAuth } from '@/lib/auth';\n`;


/** `e.g. \`const { accountId } = await requireAuth()\``: the fix the message proposes when no session is in scope. */
const noSession = (field: string) => `e.g. \`const { ${field} } = await requireAuth()\``;
type Data = Record<string, string>;
/** A `clientTenantFilter` / `clientTenantWrite` error; the defaults describe the commonest case (Invoice by accountId, no session in scope). */
const filterError = (data: Data, extra: object = {}) => ({
  messageId: 'clientTenantFilter' as const,
  data: { field: 'accountId', call: 'db.invoice.findMany()', table: 'Invoice', expr: 'accountId', fix: noSession('accountId'), ...data },
  ...extra,
});
const writeError = (data: Data, extra: object = {}) => ({
  messageId: 'clientTenantWrite' as const,
  data: { field: 'accountId', call: 'db.invoice.create()', table: 'Invoice', expr: 'accountId', fix: noSession('accountId'), ...data },
  ...extra,
});

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

ruleTester.run('no-client-tenant-id', rule, {
  valid: [
    // --- the session is the source -------------------------------------------------------------------------------
    {
      name: 'Prisma: tenant from requireAuth()',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: create with the tenant from the session and the rest from the body',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const { number, amountCents } = await req.json();
  return Response.json(await db.invoice.create({ data: { number, amountCents, status: 'draft', accountId: session.accountId } }));
}`,
    },
    {
      name: 'Prisma: session value passed through a variable and a local helper',
      filename: route,
      code: `${prisma}async function tenantOf() {
  const session = await requireAuth();
  return session.accountId;
}
export async function GET() {
  const accountId = await tenantOf();
  const scope = accountId;
  return Response.json(await db.invoice.findMany({ where: { accountId: scope } }));
}`,
    },
    {
      name: 'Prisma: next-auth session user id',
      filename: saas('app/api/notes/route.ts'),
      code: `import { getServerSession } from 'next-auth';\n${prisma}export async function GET() {
  const session = await getServerSession();
  if (!session) return new Response(null, { status: 401 });
  return Response.json(await db.note.findMany({ where: { authorId: session.user.id } }));
}`,
    },
    {
      name: 'Prisma: the body spread first, the tenant set after it from the session',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const body = await req.json();
  return Response.json(await db.note.create({ data: { ...body, accountId } }));
}`,
    },
    // --- a browser id that is checked first --------------------------------------------------------------------
    {
      name: 'Prisma: route param checked with an access helper that takes the session',
      filename: idRoute,
      code: `${prisma}import { assertTeamAccess } from '@/lib/access';
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  await assertTeamAccess(session, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: route param checked by a membership lookup that ends the request',
      filename: idRoute,
      code: `${prisma}export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  const membership = await db.membership.findFirst({ where: { accountId, userId: session.userId } });
  if (!membership) return new Response('Forbidden', { status: 403 });
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: body id compared with the session before use',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const body = await req.json();
  if (body.accountId !== session.accountId) return new Response('Forbidden', { status: 403 });
  return Response.json(await db.invoice.create({ data: { accountId: body.accountId, number: body.number, amountCents: 0, status: 'draft' } }));
}`,
    },
    {
      name: 'Prisma: the root looked up by a URL id and the session user\'s membership together',
      filename: idRoute,
      code: `${prisma}export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  const account = await db.account.findFirst({ where: { id: accountId, members: { some: { userId: session.userId } } } });
  return Response.json(account);
}`,
    },
    {
      name: 'Prisma: a client filter beside a session-user filter is confined to the user anyway',
      filename: route,
      code: `${prisma}export async function GET(req: Request) {
  const session = await requireAuth();
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  return Response.json(await db.note.findMany({ where: { accountId, authorId: session.userId } }));
}`,
    },
    {
      name: 'Prisma: a configured access check',
      filename: route,
      options: [{ accessCheckFunctions: ['gate'] }],
      code: `${prisma}import { gate } from '@/lib/gate';
export async function POST(req: Request) {
  const user = await requireAuth();
  const { accountId } = await req.json();
  await gate(user, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: an access check that throws, in a pages-router API route',
      filename: pagesApi,
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
import { throwIfNoTeamAccess } from '@/lib/access';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await requireAuth();
  const accountId = req.query.accountId as string;
  await throwIfNoTeamAccess(accountId, session);
  res.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    // --- not a tenant position, or not the browser -----------------------------------------------------------
    {
      name: 'Prisma: a browser value in a non-tenant field (the invoice number) is not tenant scope',
      filename: route,
      code: `${prisma}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const number = Number(new URL(req.url).searchParams.get('number'));
  return Response.json(await db.invoice.findFirst({ where: { accountId, number } }));
}`,
    },
    {
      name: 'Prisma: a tenant id read from a database row is not browser input',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const { projectId } = await req.json();
  const project = await db.project.findFirstOrThrow({ where: { id: projectId, accountId } });
  return Response.json(await db.invoice.findMany({ where: { accountId: project.accountId } }));
}`,
    },
    {
      name: 'Prisma: admin paths may act for any tenant',
      filename: saas('app/admin/accounts/route.ts'),
      code: `${prisma}export async function POST(req: Request) {
  const { accountId } = await req.json();
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: a user profile by URL id is not a tenant read',
      filename: saas('app/u/[id]/page.tsx'),
      code: `${prisma}export default async function Profile({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await db.user.findUnique({ where: { id }, select: { email: true } });
  return <p>{user?.email}</p>;
}`,
    },
    {
      name: 'Prisma: an internal helper whose callers pass the session value',
      filename: saas('lib/invoices.ts'),
      code: `${prisma}async function invoicesOf(accountId: string) {
  return db.invoice.findMany({ where: { accountId } });
}
export async function myInvoices() {
  const { accountId } = await requireAuth();
  return invoicesOf(accountId);
}`,
    },
    {
      name: 'Prisma: a verified Stripe event carries ids the server wrote at checkout',
      filename: saas('app/api/stripe/webhook/route.ts'),
      code: `${prisma}import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const session = event.data.object as Stripe.Checkout.Session;
  const accountId = session.client_reference_id!;
  await db.invoice.updateMany({ where: { accountId }, data: { status: 'paid' } });
  return new Response(null, { status: 200 });
}`,
    },
    {
      name: 'Prisma: a cookie wrapped by a configured verifier',
      filename: route,
      options: [{ verifierFunctions: ['readSignedTeam'] }],
      code: `${prisma}import { cookies } from 'next/headers';
import { readSignedTeam } from '@/lib/cookies';
export async function GET() {
  const accountId = await readSignedTeam((await cookies()).get('team')?.value);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: a jose-verified token\'s claims',
      filename: route,
      code: `${prisma}import { jwtVerify } from 'jose';
export async function GET(req: Request) {
  const token = req.headers.get('authorization')!.slice(7);
  const { payload } = await jwtVerify(token, new TextEncoder().encode(process.env.JWT_SECRET));
  return Response.json(await db.invoice.findMany({ where: { accountId: payload.accountId as string } }));
}`,
    },
    {
      name: 'Prisma: tRPC ctx is built by server middleware',
      filename: saas('server/routers/invoice.ts'),
      code: `${prisma}import { protectedProcedure } from '@/server/trpc';
export const list = protectedProcedure.query(({ ctx }) => db.invoice.findMany({ where: { accountId: ctx.accountId } }));`,
    },
    // --- Drizzle ---------------------------------------------------------------------------------------------
    {
      name: 'Drizzle: eq on the tenant column with the session team',
      filename: drizzleApp('app/api/invoices/route.ts'),
      code: `${drizzle}export async function GET() {
  const { teamId } = await requireAuth();
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, teamId)));
}`,
    },
    {
      name: 'Drizzle: insert with the tenant from the session',
      filename: drizzleApp('app/api/invoices/route.ts'),
      code: `${drizzle}export async function POST(req: Request) {
  const user = await requireAuth();
  const { amount } = await req.json();
  await db.insert(invoices).values({ amount, teamId: user.teamId });
  return new Response(null, { status: 201 });
}`,
    },
    {
      name: 'Drizzle: a URL team id checked by a membership lookup first',
      filename: drizzleApp('app/api/teams/[teamId]/invoices/route.ts'),
      code: `${drizzle}export async function GET(req: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const user = await requireAuth();
  const teamId = Number((await params).teamId);
  const [member] = await db.select().from(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.userId, user.id)));
  if (!member) return new Response('Forbidden', { status: 403 });
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, teamId)));
}`,
    },
    {
      name: 'Drizzle: a browser value on a column that is not the tenant',
      filename: drizzleApp('app/api/invoices/route.ts'),
      code: `${drizzle}export async function GET(req: Request) {
  const { teamId } = await requireAuth();
  const status = new URL(req.url).searchParams.get('status')!;
  return Response.json(await db.select().from(invoices).where(and(eq(invoices.teamId, teamId), eq(invoices.status, status))));
}`,
    },
    // --- Supabase --------------------------------------------------------------------------------------------
    {
      name: 'Supabase: service role filtered by the session account',
      filename: supabaseApp('app/api/invoices/route.ts'),
      code: `${supabase}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('invoices').select('id, number').eq('account_id', accountId);
  return Response.json(data);
}`,
    },
    {
      name: 'Supabase: an RLS-bound client with a browser account id is held by the database policies',
      filename: supabaseApp('app/api/invoices/route.ts'),
      code: `${supabase}export async function GET(req: Request) {
  const supabase = await createClient();
  const accountId = new URL(req.url).searchParams.get('account')!;
  const { data } = await supabase.from('invoices').select('id, number').eq('account_id', accountId);
  return Response.json(data);
}`,
    },
    {
      name: 'Supabase: the user from auth.getUser() is verified',
      filename: supabaseApp('app/api/notes/route.ts'),
      code: `${supabase}export async function POST(req: Request) {
  const supabase = await createClient();
  const { data: { user } } = await supabase.auth.getUser();
  const { body } = await req.json();
  await supabaseAdmin.from('notes').insert({ body, account_id: user!.id });
  return new Response(null, { status: 201 });
}`,
    },
    // --- Stripe ----------------------------------------------------------------------------------------------
    {
      name: 'Stripe: billing portal for the customer stored on the session account',
      filename: saas('app/api/billing/portal/route.ts'),
      code: `${prisma}import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST() {
  const { accountId } = await requireAuth();
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId } });
  const portal = await stripe.billingPortal.sessions.create({ customer: account.stripeCustomerId!, return_url: 'https://app.example.com' });
  return Response.json({ url: portal.url });
}`,
    },
    // --- more safe shapes seen in real apps --------------------------------------------------------------------
    {
      name: 'Prisma: a route param whose team is loaded, then checked for the session user, before any other query',
      filename: saas('pages/api/teams/[accountId]/tags.ts'),
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  if (!session) return res.status(401).end();
  const { accountId } = req.query as { accountId: string };
  const account = await db.account.findUnique({ where: { id: accountId }, select: { members: { select: { userId: true } } } });
  const isMember = account?.members.some((m) => m.userId === session.user.id);
  if (!isMember) return res.status(403).end();
  res.json(await db.project.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: the membership brought in by an include filtered to the session user, and tested',
      filename: saas('pages/api/teams/[accountId]/move.ts'),
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
import { getServerSession } from 'next-auth';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await getServerSession(req, res, {});
  const userId = session!.user.id;
  const { accountId } = req.query as { accountId: string };
  const account = await db.account.findUnique({ where: { id: accountId }, include: { members: { where: { userId } } } });
  if (!account || account.members.length === 0) return res.status(403).end();
  res.json(await db.document.updateMany({ where: { accountId }, data: { title: 'moved' } }));
}`,
    },
    {
      name: 'Prisma: a job endpoint called by the server itself with an internal API key',
      filename: saas('pages/api/jobs/notify.ts'),
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const token = req.headers.authorization?.split(' ')[1];
  if (token !== process.env.INTERNAL_API_KEY) return res.status(401).end();
  const { accountId } = req.body as { accountId: string };
  res.json(await db.note.findMany({ where: { accountId } }));
}`,
    },
    {
      name: 'Prisma: the check happens at the call site of a helper of this file',
      filename: saas('app/api/orgs/[accountId]/route.ts'),
      code: `${prisma}import { fetchAndCheckIsMember } from '@/lib/access';
async function notesOf({ accountId }: { accountId: string }) {
  return db.note.findMany({ where: { accountId } });
}
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { userId } = await requireAuth();
  const { accountId } = await params;
  await fetchAndCheckIsMember({ accountId, userId });
  return Response.json(await notesOf({ accountId }));
}`,
    },
    {
      name: 'Prisma: a local helper that reads the session itself checks the URL team',
      filename: idRoute,
      code: `${prisma}async function adminOf(accountId: string) {
  const session = await requireAuth();
  const membership = await db.membership.findFirst({ where: { accountId, userId: session.userId, role: 'admin' } });
  return membership ? session : null;
}
export async function DELETE(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const admin = await adminOf(accountId);
  if (!admin) return new Response('Forbidden', { status: 403 });
  await db.invoice.deleteMany({ where: { accountId, status: 'draft' } });
  return new Response(null, { status: 204 });
}`,
    },
    {
      name: 'Prisma: an inline server action that takes only the text and the tenant from the session',
      filename: saas('app/notes/page.tsx'),
      code: `${prisma}export default function NotesPage() {
  async function add(formData: FormData) {
    'use server';
    const { accountId, userId } = await requireAuth();
    await db.note.create({ data: { accountId, authorId: userId, body: String(formData.get('body')) } });
  }
  return <form action={add}><textarea name="body" /></form>;
}`,
    },
    {
      name: 'Stripe: subscriptions of the customer in a verified webhook event',
      filename: saas('app/api/stripe/webhook/route.ts'),
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const invoice = event.data.object as Stripe.Invoice;
  const subscriptions = await stripe.subscriptions.list({ customer: invoice.customer as string });
  return Response.json({ count: subscriptions.data.length });
}`,
    },
    {
      name: 'Supabase: a URL account id checked by a membership row of the verified user',
      filename: supabaseApp('app/api/accounts/[id]/notes/route.ts'),
      code: `${supabase}export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const supabase = await createClient();
  const { data: { user } } = await supabase.auth.getUser();
  const { id } = await params;
  const { data: member } = await supabaseAdmin.from('memberships').select('id').eq('account_id', id).eq('user_id', user!.id).maybeSingle();
  if (!member) return new Response('Forbidden', { status: 403 });
  const { data } = await supabaseAdmin.from('notes').select('id, body').eq('account_id', id);
  return Response.json(data);
}`,
    },
  ],
  invalid: [
    // --- Prisma: App Router handlers ---------------------------------------------------------------------------
    {
      name: 'Prisma: accountId destructured from the request body',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const { accountId, number } = await req.json();
  return Response.json(await db.invoice.create({ data: { accountId, number, amountCents: 0, status: 'draft' } }));
}`,
      errors: [
        {
          messageId: 'clientTenantWrite',
          data: { field: 'accountId', call: 'db.invoice.create()', source: 'from the request body', expr: 'accountId', table: 'Invoice', fix: '`accountId: session.accountId`' },
          suggestions: [
            {
              messageId: 'useSessionValue',
              data: { value: 'session.accountId' },
              output: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const { accountId, number } = await req.json();
  return Response.json(await db.invoice.create({ data: { accountId: session.accountId, number, amountCents: 0, status: 'draft' } }));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: the body object member, in a filter',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  await requireAuth();
  const body = await req.json();
  return Response.json(await db.invoice.findMany({ where: { accountId: body.accountId } }));
}`,
      errors: [{ messageId: 'clientTenantFilter', data: { field: 'accountId', call: 'db.invoice.findMany()', source: 'from the request body', expr: 'body.accountId', table: 'Invoice', fix: 'e.g. `const { accountId } = await requireAuth()`' } }],
    },
    {
      name: 'Prisma: route params (awaited) in the filter',
      filename: idRoute,
      code: `${prisma}export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  await requireAuth();
  const { accountId } = await params;
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
      errors: [{ messageId: 'clientTenantFilter', data: { source: 'from route params', field: 'accountId', call: 'db.invoice.findMany()', expr: 'accountId', table: 'Invoice', fix: 'e.g. `const { accountId } = await requireAuth()`' } }],
    },
    {
      name: 'Prisma: context.params member',
      filename: idRoute,
      code: `${prisma}export async function GET(req: Request, context: { params: { accountId: string } }) {
  const session = await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId: context.params.accountId } }));
}`,
      errors: [{ messageId: 'clientTenantFilter', data: { source: 'from route params', field: 'accountId', call: 'db.invoice.findMany()', expr: 'context.params.accountId', table: 'Invoice', fix: '`accountId: session.accountId`' }, suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `${prisma}export async function GET(req: Request, context: { params: { accountId: string } }) {
  const session = await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId: session.accountId } }));
}` }] }],
    },
    {
      name: 'Prisma: nextUrl.searchParams.get() with a ?? default',
      filename: route,
      code: `${prisma}import type { NextRequest } from 'next/server';
export async function GET(req: NextRequest) {
  const accountId = req.nextUrl.searchParams.get('accountId') ?? '';
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
      errors: [filterError({ source: 'from the URL search params' })],
    },
    {
      name: 'Prisma: new URL(req.url).searchParams, through String() and a template',
      filename: route,
      code: `${prisma}export async function GET(request: Request) {
  const { searchParams } = new URL(request.url);
  const raw = String(searchParams.get('account'));
  return Response.json(await db.invoice.findMany({ where: { accountId: \`\${raw}\` } }));
}`,
      errors: [filterError({ source: 'from the URL search params', expr: '`${raw}`' })],
    },
    {
      name: 'Prisma: a zod-parsed body is validated but still the browser\'s choice',
      filename: route,
      code: `${prisma}import { z } from 'zod';
const Input = z.object({ accountId: z.string(), number: z.number() });
export async function POST(req: Request) {
  const input = Input.parse(await req.json());
  return Response.json(await db.invoice.create({ data: { accountId: input.accountId, number: input.number, amountCents: 0, status: 'draft' } }));
}`,
      errors: [writeError({ source: 'from the request body', expr: 'input.accountId' })],
    },
    {
      name: 'Prisma: connect to the tenant by a browser id',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const { accountId, body } = await req.json();
  return Response.json(await db.note.create({ data: { body, author: { connect: { id: session.userId } }, account: { connect: { id: accountId } } } }));
}`,
      errors: [writeError({ field: 'account.connect.id', source: 'from the request body', call: 'db.note.create()', table: 'Note', fix: '`account: { connect: { id: session.accountId } }`' }, { suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const { accountId, body } = await req.json();
  return Response.json(await db.note.create({ data: { body, author: { connect: { id: session.userId } }, account: { connect: { id: session.accountId } } } }));
}` }] })],
    },
    {
      name: 'Prisma: the tenant root read by a URL id (another tenant\'s account)',
      filename: page,
      code: `${prisma}export default async function AccountPage({ params }: { params: Promise<{ accountId: string }> }) {
  await requireAuth();
  const { accountId } = await params;
  const account = await db.account.findUnique({ where: { id: accountId } });
  return <h1>{account?.name}</h1>;
}`,
      errors: [filterError({ field: 'id', table: 'Account', source: 'from route params', call: 'db.account.findUnique()' })],
    },
    {
      name: 'Prisma: page searchParams',
      filename: saas('app/invoices/page.tsx'),
      code: `${prisma}export default async function Invoices({ searchParams }: { searchParams: Promise<{ account?: string }> }) {
  const { account } = await searchParams;
  const rows = await db.invoice.findMany({ where: { accountId: account } });
  return <ul>{rows.map((r) => <li key={r.id}>{r.number}</li>)}</ul>;
}`,
      errors: [filterError({ source: 'from the URL search params', expr: 'account' })],
    },
    {
      name: 'Prisma: a cookie chooses the team',
      filename: route,
      code: `${prisma}import { cookies } from 'next/headers';
export async function GET() {
  await requireAuth();
  const accountId = (await cookies()).get('current-team')?.value;
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
      errors: [filterError({ source: 'from a cookie' })],
    },
    {
      name: 'Prisma: a header chooses the team',
      filename: route,
      code: `${prisma}import { headers } from 'next/headers';
export async function GET() {
  await requireAuth();
  const accountId = (await headers()).get('x-team-id')!;
  return Response.json(await db.invoice.deleteMany({ where: { accountId, status: 'draft' } }));
}`,
      errors: [filterError({ source: 'from a request header', call: 'db.invoice.deleteMany()' })],
    },
    {
      name: 'Prisma: a local helper that returns the header',
      filename: route,
      code: `${prisma}function teamOf(request: Request) {
  return request.headers.get('x-team-id') ?? '';
}
export async function GET(request: Request) {
  await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId: teamOf(request) } }));
}`,
      errors: [filterError({ source: 'from a request header', expr: 'teamOf(request)' })],
    },
    {
      name: 'Prisma: a helper of this file called with the body value',
      filename: route,
      code: `${prisma}async function createInvoice(accountId: string, number: number) {
  return db.invoice.create({ data: { accountId, number, amountCents: 0, status: 'draft' } });
}
export async function POST(req: Request) {
  await requireAuth();
  const body = await req.json();
  return Response.json(await createInvoice(body.accountId, body.number));
}`,
      errors: [writeError({ source: 'from the request body' })],
    },
    // --- Prisma: server actions ----------------------------------------------------------------------------------
    {
      name: 'Prisma: every argument of an exported server action is browser input',
      filename: actions,
      code: `'use server';\n${prisma}export async function deleteInvoices(accountId: string) {
  const session = await requireAuth();
  await db.invoice.deleteMany({ where: { accountId } });
}`,
      errors: [{ ...filterError({ source: 'from a server action argument', call: 'db.invoice.deleteMany()', fix: '`accountId: session.accountId`' }), suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `'use server';\n${prisma}export async function deleteInvoices(accountId: string) {
  const session = await requireAuth();
  await db.invoice.deleteMany({ where: { accountId: session.accountId } });
}` }] }],
    },
    {
      name: 'Prisma: FormData#get in a server action',
      filename: actions,
      code: `'use server';\n${prisma}export async function createNote(formData: FormData) {
  const session = await requireAuth();
  await db.note.create({ data: { body: String(formData.get('body')), accountId: String(formData.get('accountId')), authorId: session.userId } });
}`,
      errors: [writeError({ source: 'from form data', call: 'db.note.create()', table: 'Note', expr: "String(formData.get('accountId'))", fix: '`accountId: session.accountId`' }, { suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `'use server';\n${prisma}export async function createNote(formData: FormData) {
  const session = await requireAuth();
  await db.note.create({ data: { body: String(formData.get('body')), accountId: session.accountId, authorId: session.userId } });
}` }] })],
    },
    {
      name: 'Prisma: request.formData() in a route handler',
      filename: route,
      code: `${prisma}export async function POST(request: Request) {
  const form = await request.formData();
  await db.note.create({ data: { body: String(form.get('body')), accountId: form.get('accountId') as string, authorId: 'u' } });
  return new Response(null, { status: 201 });
}`,
      errors: [writeError({ source: 'from form data', call: 'db.note.create()', table: 'Note', expr: "form.get('accountId') as string" })],
    },
    {
      name: 'Prisma: safe-action parsedInput',
      filename: saas('app/actions/notes.ts'),
      code: `${prisma}import { authActionClient } from '@/lib/safe-action';
export const removeNotes = authActionClient.action(async ({ parsedInput }) => {
  await db.note.deleteMany({ where: { accountId: parsedInput.accountId } });
});`,
      errors: [filterError({ source: "from the procedure's input", call: 'db.note.deleteMany()', table: 'Note', expr: 'parsedInput.accountId' })],
    },
    // --- Prisma: pages router ------------------------------------------------------------------------------------
    {
      name: 'Prisma: pages-router req.query',
      filename: pagesApi,
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { accountId } = req.query as { accountId: string };
  res.json(await db.invoice.findMany({ where: { accountId } }));
}`,
      errors: [filterError({ source: 'from the query string' })],
    },
    {
      name: 'Prisma: pages-router req.body in an update',
      filename: pagesApi,
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await requireAuth();
  res.json(await db.invoice.updateMany({ where: { accountId: req.body.accountId }, data: { status: 'void' } }));
}`,
      errors: [filterError({ source: 'from the request body', call: 'db.invoice.updateMany()', expr: 'req.body.accountId', fix: '`accountId: session.accountId`' }, { suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await requireAuth();
  res.json(await db.invoice.updateMany({ where: { accountId: session.accountId }, data: { status: 'void' } }));
}` }] })],
    },
    // --- spreads -------------------------------------------------------------------------------------------------
    {
      name: 'Prisma: the body spread after the session tenant can override it',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const body = await req.json();
  return Response.json(await db.note.create({ data: { accountId, ...body } }));
}`,
      errors: [{ messageId: 'spreadOverrides', data: { spread: '...body', field: 'accountId', source: 'from the request body', call: 'db.note.create()', table: 'Note' } }],
    },
    {
      name: 'Prisma: the whole body as the row',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  await requireAuth();
  const body = await req.json();
  return Response.json(await db.note.create({ data: body }));
}`,
      errors: [{ messageId: 'spreadTenant', data: { spread: 'body', source: 'from the request body', call: 'db.note.create()', field: 'accountId', table: 'Note' } }],
    },
    {
      name: 'Prisma: query and body spread into a filter',
      filename: pagesApi,
      code: `${prisma}import type { NextApiRequest, NextApiResponse } from 'next';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  res.json(await db.invoice.findMany({ where: { ...req.query, ...req.body } }));
}`,
      errors: [
        { messageId: 'spreadTenant', data: { spread: '...req.query', source: 'from the query string', call: 'db.invoice.findMany()', field: 'accountId', table: 'Invoice' } },
        { messageId: 'spreadTenant', data: { spread: '...req.body', source: 'from the request body', call: 'db.invoice.findMany()', field: 'accountId', table: 'Invoice' } },
      ],
    },
    // --- guards that do not guard ------------------------------------------------------------------------------
    {
      name: 'Prisma: an async access check whose promise is dropped does not sanitise',
      filename: idRoute,
      code: `${prisma}async function assertTeamAccess(userId: string, accountId: string) {
  const m = await db.membership.findFirst({ where: { userId, accountId } });
  if (!m) throw new Error('forbidden');
}
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  assertTeamAccess(session.userId, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}`,
      errors: [
        {
          messageId: 'unawaitedGuard',
          data: { guard: 'assertTeamAccess(session.userId, accountId)', value: 'accountId', call: 'db.invoice.findMany()' },
          suggestions: [{ messageId: 'awaitGuard', output: `${prisma}async function assertTeamAccess(userId: string, accountId: string) {
  const m = await db.membership.findFirst({ where: { userId, accountId } });
  if (!m) throw new Error('forbidden');
}
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  await assertTeamAccess(session.userId, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}` }],
        },
        filterError({ source: 'from route params', fix: '`accountId: session.accountId`' }, { suggestions: [{ messageId: 'useSessionValue', data: { value: 'session.accountId' }, output: `${prisma}async function assertTeamAccess(userId: string, accountId: string) {
  const m = await db.membership.findFirst({ where: { userId, accountId } });
  if (!m) throw new Error('forbidden');
}
export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  assertTeamAccess(session.userId, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId: session.accountId } }));
}` }] }),
      ],
    },
    {
      name: 'Prisma: a check on another value does not cover this one',
      filename: route,
      code: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const body = await req.json();
  if (body.projectId !== session.projectId) return new Response(null, { status: 403 });
  return Response.json(await db.invoice.findMany({ where: { accountId: body.accountId } }));
}`,
      errors: [
        filterError(
          { source: 'from the request body', expr: 'body.accountId', fix: '`accountId: session.accountId`' },
          {
            suggestions: [
              {
                messageId: 'useSessionValue',
                data: { value: 'session.accountId' },
                output: `${prisma}export async function POST(req: Request) {
  const session = await requireAuth();
  const body = await req.json();
  if (body.projectId !== session.projectId) return new Response(null, { status: 403 });
  return Response.json(await db.invoice.findMany({ where: { accountId: session.accountId } }));
}`,
              },
            ],
          },
        ),
      ],
    },
    // --- Drizzle -----------------------------------------------------------------------------------------------
    {
      name: 'Drizzle: eq on the tenant column with a route param',
      filename: drizzleApp('app/api/teams/[teamId]/invoices/route.ts'),
      code: `${drizzle}export async function GET(req: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const user = await requireAuth();
  const { teamId } = await params;
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, Number(teamId))));
}`,
      errors: [
        {
          messageId: 'clientTenantFilter',
          data: { field: 'teamId', call: 'eq(invoices.teamId, …)', source: 'from route params', expr: 'Number(teamId)', table: 'invoices', fix: '`eq(invoices.teamId, user.teamId)`' },
          suggestions: [{ messageId: 'useSessionValue', data: { value: 'user.teamId' }, output: `${drizzle}export async function GET(req: Request, { params }: { params: Promise<{ teamId: string }> }) {
  const user = await requireAuth();
  const { teamId } = await params;
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, user.teamId)));
}` }],
        },
      ],
    },
    {
      name: 'Drizzle: insert values with the team from the body',
      filename: drizzleApp('app/api/invoices/route.ts'),
      code: `${drizzle}export async function POST(req: Request) {
  await requireAuth();
  const { teamId, amount } = await req.json();
  await db.insert(invoices).values({ teamId, amount });
  return new Response(null, { status: 201 });
}`,
      errors: [writeError({ field: 'teamId', call: 'db.insert(invoices).values()', source: 'from the request body', table: 'invoices', expr: 'teamId', fix: noSession('teamId') })],
    },
    {
      name: 'Drizzle: update set moves a row to the team from the body',
      filename: drizzleApp('app/api/invoices/route.ts'),
      code: `${drizzle}export async function PATCH(req: Request) {
  const { teamId: mine } = await requireAuth();
  const body = await req.json();
  await db.update(invoices).set({ teamId: body.teamId }).where(eq(invoices.teamId, mine));
  return new Response(null, { status: 204 });
}`,
      errors: [writeError({ field: 'teamId', call: 'db.update(invoices).set()', source: 'from the request body', table: 'invoices', expr: 'body.teamId', fix: noSession('teamId') })],
    },
    {
      name: 'Drizzle: server action argument',
      filename: drizzleApp('app/dashboard/actions.ts'),
      code: `'use server';\n${drizzle}export async function archive(teamId: number) {
  await db.delete(invoices).where(eq(invoices.teamId, teamId));
}`,
      errors: [filterError({ field: 'teamId', call: 'eq(invoices.teamId, …)', source: 'from a server action argument', table: 'invoices', expr: 'teamId', fix: noSession('teamId') })],
    },
    // --- Supabase ----------------------------------------------------------------------------------------------
    {
      name: 'Supabase: service role filtered by a body account id',
      filename: supabaseApp('app/api/invoices/route.ts'),
      code: `${supabase}export async function POST(req: Request) {
  const { account_id } = await req.json();
  const { data } = await supabaseAdmin.from('invoices').select('id').eq('account_id', account_id);
  return Response.json(data);
}`,
      errors: [filterError({ field: 'account_id', source: 'from the request body', call: ".from('invoices').select()", table: 'invoices', expr: 'account_id' })],
    },
    {
      name: 'Supabase: insert payload with the account from form data',
      filename: supabaseApp('app/dashboard/actions.ts'),
      code: `'use server';\n${supabase}export async function addNote(form: FormData) {
  await supabaseAdmin.from('notes').insert({ body: form.get('body'), account_id: form.get('account') });
}`,
      errors: [writeError({ field: 'account_id', source: 'from form data', call: ".from('notes').insert()", table: 'notes', expr: "form.get('account')" })],
    },
    {
      name: 'Supabase: match() with a route param',
      filename: supabaseApp('app/api/accounts/[id]/invoices/route.ts'),
      code: `${supabase}export async function DELETE(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await supabaseAdmin.from('invoices').delete().match({ account_id: id, status: 'draft' });
  return new Response(null, { status: 204 });
}`,
      errors: [filterError({ field: 'account_id', source: 'from route params', call: ".from('invoices').delete()", table: 'invoices', expr: 'id' })],
    },
    {
      name: 'Supabase: auth.getSession() is read from the cookie, not verified',
      filename: supabaseApp('app/api/notes/route.ts'),
      code: `${supabase}export async function GET() {
  const supabase = await createClient();
  const { data: { session } } = await supabase.auth.getSession();
  const { data } = await supabaseAdmin.from('notes').select('id, body').eq('account_id', session!.user.id);
  return Response.json(data);
}`,
      errors: [{ messageId: 'unverifiedSession', data: { field: 'account_id', call: ".from('notes').select()" } }],
    },
    // --- Stripe ------------------------------------------------------------------------------------------------
    {
      name: 'Stripe: billing portal for a customer id from the body',
      filename: saas('app/api/billing/portal/route.ts'),
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const { customerId } = await req.json();
  const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: 'https://app.example.com' });
  return Response.json({ url: portal.url });
}`,
      errors: [{ messageId: 'clientStripe', data: { field: 'customer', call: 'stripe.billingPortal.sessions.create()', source: 'from the request body', expr: 'customerId', action: "open another customer's billing portal" } }],
    },
    {
      name: 'Stripe: subscriptions of a customer from the query string',
      filename: saas('app/api/billing/subscriptions/route.ts'),
      code: `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function GET(req: Request) {
  const customer = new URL(req.url).searchParams.get('customer')!;
  return Response.json(await stripe.subscriptions.list({ customer }));
}`,
      errors: [{ messageId: 'clientStripe', data: { field: 'customer', call: 'stripe.subscriptions.list()', source: 'from the URL search params', expr: 'customer', action: "list another customer's subscriptions" } }],
    },
    {
      name: 'Stripe: cancel a subscription whose id is a server action argument',
      filename: saas('app/billing/actions.ts'),
      code: `'use server';
import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function cancel(subscriptionId: string) {
  await stripe.subscriptions.cancel(subscriptionId);
}`,
      errors: [{ messageId: 'clientStripe', data: { field: 'subscription', call: 'stripe.subscriptions.cancel()', source: 'from a server action argument', expr: 'subscriptionId', action: "cancel another customer's subscription" } }],
    },
  ],
});
