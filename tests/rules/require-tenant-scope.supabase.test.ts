import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

/**
 * Files live in tests/fixtures/supabase/app: its generated types (types/supabase.ts, a conventional path) are found
 * with no settings, and `@/lib/supabase/admin` (service role), `@/lib/supabase/server` (createServerClient),
 * `@/lib/db` (service role under a neutral name) are read to classify the clients imported from them.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'supabase');
const file = (path: string) => join(fixtures, 'app', path);
const typedArg = (path: string) => join(fixtures, 'typed-arg', path);
const route = file('app/api/invoices/route.ts');
const idRoute = file('app/api/invoices/[id]/route.ts');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const admin = `import { supabaseAdmin } from '@/lib/supabase/admin';\nimport { requireAuth } from '@/lib/auth';\n`;
const server = `import { createClient } from '@/lib/supabase/server';\n`;

ruleTester.run('require-tenant-scope (Supabase)', rule, {
  valid: [
    {
      name: 'service role: select scoped with .eq() from the session',
      filename: route,
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data, error } = await supabaseAdmin
    .from('invoices')
    .select('id, number, amount_cents, status')
    .eq('account_id', accountId)
    .order('number', { ascending: false })
    .range(0, 49);
  if (error) return Response.json({ error: error.message }, { status: 500 });
  return Response.json(data);
}`,
    },
    {
      name: 'service role: update by id and tenant with .match()',
      filename: idRoute,
      code: `${admin}export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { status } = await req.json();
  const { data } = await supabaseAdmin.from('invoices').update({ status }).match({ id, account_id: accountId }).select().single();
  return Response.json(data);
}`,
    },
    {
      name: 'service role: .in() over the accounts the user belongs to',
      filename: file('app/dashboard/page.tsx'),
      code: `${admin}export default async function Dashboard() {
  const { userId } = await requireAuth();
  const { data: memberships } = await supabaseAdmin.from('memberships').select('account_id').eq('user_id', userId);
  const accountIds = (memberships ?? []).map((m) => m.account_id);
  const { data: projects } = await supabaseAdmin.from('projects').select('id, name').in('account_id', accountIds);
  return <ul>{projects?.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}`,
    },
    {
      name: "service role: .filter(col, 'eq', v) on a view",
      filename: route,
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('invoice_totals').select('total_cents').filter('account_id', 'eq', accountId).maybeSingle();
  return Response.json(data);
}`,
    },
    {
      name: 'service role: .or() where every branch pins the tenant',
      filename: file('app/api/notes/route.ts'),
      code: `${admin}export async function GET() {
  const { accountId, userId } = await requireAuth();
  const { data } = await supabaseAdmin
    .from('notes')
    .select('id, body')
    .or(\`and(account_id.eq.\${accountId},is_public.eq.true),and(account_id.eq.\${accountId},author_id.eq.\${userId})\`);
  return Response.json(data);
}`,
    },
    {
      name: 'a builder kept in a variable, optional filters added later, the tenant always',
      filename: route,
      code: `${admin}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const status = new URL(req.url).searchParams.get('status');
  let query = supabaseAdmin.from('invoices').select('*').eq('account_id', accountId);
  if (status) query = query.eq('status', status);
  const { data } = await query.order('created_at', { ascending: false });
  return Response.json(data);
}`,
    },
    {
      name: 'user-bound client (createServerClient in @/lib/supabase/server): RLS scopes it, not reported by default',
      filename: route,
      code: `${server}export async function GET() {
  const supabase = await createClient();
  const { data: invoices } = await supabase.from('invoices').select('*').order('number');
  return Response.json(invoices);
}`,
    },
    {
      name: "browser client from @supabase/ssr in a 'use client' component",
      filename: file('app/dashboard/notes/list.tsx'),
      code: `'use client';
import { useEffect, useState } from 'react';
import { createBrowserClient } from '@supabase/ssr';
const supabase = createBrowserClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY!);
export function NotesList() {
  const [notes, setNotes] = useState<{ id: string; body: string }[]>([]);
  useEffect(() => {
    supabase.from('notes').select('id, body').then(({ data }) => setNotes(data ?? []));
  }, []);
  return <ul>{notes.map((n) => <li key={n.id}>{n.body}</li>)}</ul>;
}`,
    },
    {
      name: 'auth-helpers route handler client (user-bound)',
      filename: route,
      code: `import { createRouteHandlerClient } from '@supabase/auth-helpers-nextjs';
import { cookies } from 'next/headers';
export async function GET() {
  const supabase = createRouteHandlerClient({ cookies });
  const { data } = await supabase.from('invoices').select('*');
  return Response.json(data);
}`,
    },
    {
      name: 'a client with the anon key made in another module under a neutral name',
      filename: file('app/pricing/page.tsx'),
      code: `import supabase from '@/lib/public-client';
export default async function Notes() {
  const { data } = await supabase.from('notes').select('body').eq('is_public', true);
  return <pre>{JSON.stringify(data)}</pre>;
}`,
    },
    {
      name: 'a public table (no tenant column) on the service-role client',
      filename: file('app/pricing/page.tsx'),
      code: `${admin}export default async function Pricing() {
  const { data: plans } = await supabaseAdmin.from('plans').select('name, price_cents').order('price_cents');
  return <ul>{plans?.map((p) => <li key={p.name}>{p.name}</li>)}</ul>;
}`,
    },
    {
      name: 'lookup by id in an internal helper, by an id its caller passes',
      filename: file('lib/invoices.ts'),
      code: `${admin}export async function getInvoice(id: string) {
  const { data } = await supabaseAdmin.from('invoices').select('*').eq('id', id).single();
  return data;
}`,
    },
    {
      name: 'lookup by id followed by an ownership check on data',
      filename: idRoute,
      code: `${admin}import { notFound } from 'next/navigation';
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { data: invoice } = await supabaseAdmin.from('invoices').select('*').eq('id', id).single();
  if (!invoice || invoice.account_id !== accountId) notFound();
  return Response.json(invoice);
}`,
    },
    {
      name: 'rows of a parent that a scoped query checked first (tasks by a vouched-for project id)',
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `${admin}import { notFound } from 'next/navigation';
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id: projectId } = await params;
  const { data: project } = await supabaseAdmin.from('projects').select('id').eq('id', projectId).eq('account_id', accountId).maybeSingle();
  if (!project) notFound();
  await supabaseAdmin.from('tasks').delete().eq('project_id', projectId).eq('done', true);
  return new Response(null, { status: 204 });
}`,
    },
    {
      name: 'access checked with the user-bound client (RLS), then changed with the service role',
      filename: idRoute,
      code: `${admin}import { createClient } from '@/lib/supabase/server';
import { notFound } from 'next/navigation';
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const supabase = await createClient();
  const { data: visible } = await supabase.from('invoices').select('id').eq('id', id).maybeSingle();
  if (!visible) notFound();
  await supabaseAdmin.from('invoices').update({ status: 'void' }).eq('id', id);
  return Response.json({ ok: true });
}`,
    },
    {
      name: 'insert is not a read',
      filename: route,
      code: `${admin}export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const { number, amount_cents } = await req.json();
  const { data } = await supabaseAdmin.from('invoices').insert({ account_id: accountId, number, amount_cents }).select().single();
  return Response.json(data, { status: 201 });
}`,
    },
    {
      name: 'an Array.from() and a Buffer.from() are not queries',
      filename: route,
      code: `export async function GET(req: Request) {
  const ids = Array.from(new URL(req.url).searchParams.getAll('id')).filter(Boolean);
  const token = Buffer.from(ids.join(','), 'utf8').toString('base64url');
  return Response.json({ ids, token });
}`,
    },
    {
      name: 'a Map#delete and a Set#delete next to Supabase code are not queries',
      filename: route,
      code: `${admin}const cache = new Map<string, unknown>();
const invoices = new Set<string>();
export async function DELETE(req: Request) {
  const { id } = await req.json();
  cache.delete(id);
  invoices.delete(id);
  return Response.json({ ok: true });
}`,
    },
    {
      name: "a random HTTP client's .from('invoices').select() is never reported",
      filename: route,
      code: `import { createHttpClient } from '@/lib/http';
import { from } from 'rxjs';
const http = createHttpClient({ baseUrl: 'https://api.example.com' });
export async function GET() {
  const rows = await http.from('invoices').select('*');
  from([1, 2, 3]).subscribe();
  await http.from('invoices').delete();
  return Response.json(rows);
}`,
    },
    {
      name: 'rpc with the tenant argument',
      filename: route,
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.rpc('get_account_invoices', { p_account_id: accountId });
  return Response.json(data);
}`,
    },
    {
      name: 'rpc of a function that neither takes nor returns tenant data (per the generated types)',
      filename: file('app/pricing/page.tsx'),
      code: `${admin}export default async function Pricing() {
  const { data } = await supabaseAdmin.rpc('plan_prices');
  return <pre>{JSON.stringify(data)}</pre>;
}`,
    },
    {
      name: 'Stripe webhook: the tenant root by its id, and a subscription by an id from the verified event',
      filename: file('app/api/webhooks/stripe/route.ts'),
      code: `import Stripe from 'stripe';
import { supabaseAdmin } from '@/lib/supabase/admin';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get('stripe-signature')!;
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return new Response('bad signature', { status: 400 });
  }
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    await supabaseAdmin.from('accounts').update({ stripe_customer_id: String(session.customer) }).eq('id', session.client_reference_id!);
  }
  if (event.type === 'customer.subscription.updated') {
    const subscription = event.data.object as Stripe.Subscription;
    await supabaseAdmin.from('subscriptions').update({ status: subscription.status }).eq('stripe_subscription_id', subscription.id);
  }
  return Response.json({ received: true });
}`,
    },
    {
      name: 'a tenant value that may be undefined fails closed in Supabase (postgrest sends eq.undefined): not reported',
      filename: route,
      code: `import { auth } from '@/auth';
${admin}export async function GET() {
  const session = await auth();
  const { data } = await supabaseAdmin.from('notes').select('*').eq('account_id', session?.user?.accountId);
  return Response.json(data);
}`,
    },
    {
      name: 'admin area and admin-gated code may read across tenants',
      filename: file('app/admin/invoices/page.tsx'),
      code: `${admin}export default async function AllInvoices() {
  const { data } = await supabaseAdmin.from('invoices').select('*');
  return <pre>{JSON.stringify(data)}</pre>;
}`,
    },
    {
      name: 'a builder handed to a helper is not followed (unknown is never reported)',
      filename: route,
      code: `${admin}import { paginate, withTenant } from '@/lib/query';
export async function GET() {
  const session = await requireAuth();
  const query = supabaseAdmin.from('invoices').select('*', { count: 'exact' });
  return Response.json(await paginate(withTenant(query, session), 1));
}`,
    },
    {
      name: 'another schema, scoped',
      filename: route,
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.schema('billing').from('charges').select('id, amount_cents').eq('account_id', accountId);
  return Response.json(data);
}`,
    },
    {
      name: 'a lookup that only reads whose row it is (the first step of an access check)',
      filename: idRoute,
      code: `${admin}export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data } = await supabaseAdmin.from('invoices').select('account_id').eq('id', id).single();
  return Response.json({ owner: data?.account_id });
}`,
    },
    {
      name: 'an existence check across tenants that returns only what it was given (is this slug taken?)',
      filename: file('app/api/projects/slug/route.ts'),
      code: `${admin}export async function POST(req: Request) {
  const { name } = await req.json();
  const { data } = await supabaseAdmin.from('projects').select('name').eq('name', name);
  return Response.json({ available: (data ?? []).length === 0 });
}`,
    },
    {
      name: 'a lookup by id checked against the session, then the same row changed by that id',
      filename: file('app/api/files/route.ts'),
      code: `${admin}import { getServerProfile } from '@/lib/server/profile';
export async function POST(req: Request) {
  const profile = await getServerProfile();
  const formData = await req.formData();
  const noteId = formData.get('note_id') as string;
  const { data: note, error } = await supabaseAdmin.from('notes').select('*').eq('id', noteId).single();
  if (error) throw new Error(error.message);
  if (note.author_id !== profile.user_id) throw new Error('Unauthorized');
  await supabaseAdmin.from('notes').update({ body: String(formData.get('body')) }).eq('id', noteId);
  return new Response('ok');
}`,
    },
    {
      name: 'upsert that conflicts on the tenant and the id',
      filename: route,
      code: `${admin}export async function PUT(req: Request) {
  const { accountId } = await requireAuth();
  const { id, status } = await req.json();
  await supabaseAdmin.from('invoices').upsert({ id, account_id: accountId, status }, { onConflict: 'account_id,id' });
  return Response.json({ ok: true });
}`,
    },
    {
      name: 'requireFilterWithRls: a user-bound query that filters by the tenant',
      filename: route,
      options: [{ requireFilterWithRls: true }],
      code: `${server}export async function GET() {
  const supabase = await createClient();
  const { data: { user } } = await supabase.auth.getUser();
  if (!user) return new Response(null, { status: 401 });
  const { data } = await supabase.from('notes').select('*').eq('author_id', user.id);
  return Response.json(data);
}`,
    },
    {
      name: 'types found from the Database type argument: a scoped query on a table only that file names',
      filename: typedArg('app/api/documents/route.ts'),
      code: `import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../../db/schema.gen';
import { requireAuth } from '@/lib/auth';
const supabase = createClient<Database>(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
export async function GET() {
  const { workspaceId } = await requireAuth();
  const { data } = await supabase.from('documents').select('id, title').eq('workspace_id', workspaceId);
  return Response.json(data);
}`,
    },
  ],
  invalid: [
    {
      name: 'service role: select with no filter, session in scope: suggestion adds .eq()',
      filename: route,
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('invoices').select('*');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 5,
          column: 45,
          endColumn: 55,
          data: {
            call: "supabaseAdmin.from('invoices').select()",
            verb: 'reads',
            model: 'invoices',
            field: 'account_id',
            fix: ".eq('account_id', accountId)",
          },
          suggestions: [
            {
              messageId: 'addTenantScope',
              data: { field: 'account_id', value: 'accountId' },
              output: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('invoices').select('*').eq('account_id', accountId);
  return Response.json(data);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'service role: update by an id from the route params (IDOR)',
      filename: idRoute,
      code: `${admin}export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await requireAuth();
  const { id } = await params;
  const { status } = await req.json();
  await supabaseAdmin.from('invoices').update({ status }).eq('id', id);
  return Response.json({ ok: true });
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          line: 7,
          data: {
            call: "supabaseAdmin.from('invoices').update()",
            model: 'invoices',
            keys: '`id`',
            verb: 'change',
            field: 'account_id',
            fix: ".eq('account_id', session.accountId)",
          },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${admin}export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await requireAuth();
  const { id } = await params;
  const { status } = await req.json();
  await supabaseAdmin.from('invoices').update({ status }).eq('account_id', session.accountId).eq('id', id);
  return Response.json({ ok: true });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'service role: delete by id from the request body',
      filename: file('app/api/notes/route.ts'),
      code: `${admin}export async function DELETE(req: Request) {
  const { id } = await req.json();
  await supabaseAdmin.from('notes').delete().eq('id', id);
  return new Response(null, { status: 204 });
}`,
      errors: [{ messageId: 'unscopedUnique', line: 5, suggestions: [] }],
    },
    {
      name: 'service role: .match({ id }) alone is a lookup by id',
      filename: idRoute,
      code: `${admin}export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const { data } = await supabaseAdmin.from('invoices').select('*').match({ id: params.id }).single();
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscopedUnique', line: 4, suggestions: [] }],
    },
    {
      name: 'service role: upsert by an id from the request overwrites any tenant’s row',
      filename: route,
      code: `${admin}export async function PUT(req: Request) {
  const { accountId } = await requireAuth();
  const { id, status } = await req.json();
  await supabaseAdmin.from('invoices').upsert({ id, account_id: accountId, status });
  return Response.json({ ok: true });
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          line: 6,
          data: {
            call: "supabaseAdmin.from('invoices').upsert()",
            model: 'invoices',
            keys: '`id`',
            verb: 'change',
            field: 'account_id',
            fix: "upsert({ ..., account_id: accountId }, { onConflict: 'account_id,id' })",
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'service role: rpc of a function that returns tenant rows and takes no tenant argument',
      filename: file('app/api/search/route.ts'),
      code: `${admin}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const q = new URL(req.url).searchParams.get('q') ?? '';
  const { data } = await supabaseAdmin.rpc('search_invoices', { query: q });
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 6,
          data: { call: "supabaseAdmin.rpc('search_invoices')", verb: 'reads', model: 'search_invoices()', field: 'account_id', fix: ".eq('account_id', accountId)" },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${admin}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const q = new URL(req.url).searchParams.get('q') ?? '';
  const { data } = await supabaseAdmin.rpc('search_invoices', { query: q }).eq('account_id', accountId);
  return Response.json(data);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'service role: rpc of a function the types do not know, with no tenant argument',
      filename: route,
      code: `${admin}export async function POST(req: Request) {
  const { invoiceId } = await req.json();
  await supabaseAdmin.rpc('mark_invoice_paid', { invoice_id: invoiceId });
  return Response.json({ ok: true });
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 5,
          data: {
            call: "supabaseAdmin.rpc('mark_invoice_paid')",
            verb: 'changes',
            model: 'mark_invoice_paid()',
            field: 'account_id',
            fix: "rpc('mark_invoice_paid', { ..., p_account_id: <account_id from the session> })",
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'service role: an .or() with a branch that does not pin the tenant',
      filename: file('app/api/notes/route.ts'),
      code: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('notes').select('*').or(\`account_id.eq.\${accountId},is_public.eq.true\`);
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscoped', line: 5, suggestions: [{ messageId: 'addTenantScope', output: `${admin}export async function GET() {
  const { accountId } = await requireAuth();
  const { data } = await supabaseAdmin.from('notes').select('*').eq('account_id', accountId).or(\`account_id.eq.\${accountId},is_public.eq.true\`);
  return Response.json(data);
}` }] }],
    },
    {
      name: 'service role: filtered by status only, through a builder kept in a variable',
      filename: route,
      code: `${admin}export async function GET(req: Request) {
  const status = new URL(req.url).searchParams.get('status');
  let query = supabaseAdmin.from('invoices').select('id, number');
  if (status) query = query.eq('status', status);
  const { data } = await query;
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscoped', line: 5, suggestions: [] }],
    },
    {
      name: 'the tenant filter is only added when the value is set (maybe undefined)',
      filename: route,
      code: `${admin}export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('account') ?? undefined;
  let query = supabaseAdmin.from('invoices').select('*');
  if (accountId) query = query.eq('account_id', accountId);
  const { data } = await query;
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'maybeUndefined',
          line: 6,
          data: {
            field: 'account_id',
            value: 'accountId',
            call: "supabaseAdmin.from('invoices').select()",
            model: 'invoices',
            layer: 'a missing filter matches every row',
          },
        },
      ],
    },
    {
      name: 'the tenant only when set, through a conditional spread in .match()',
      filename: route,
      code: `${admin}export async function DELETE(req: Request) {
  const { id, accountId } = (await req.json()) as { id: string; accountId?: string };
  await supabaseAdmin.from('notes').delete().match({ is_public: false, ...(accountId ? { account_id: accountId } : {}) });
  return Response.json({ ok: true, id });
}`,
      errors: [{ messageId: 'maybeUndefined', line: 5, column: 102, endColumn: 111 }],
    },
    {
      name: 'createServerClient given the service-role key is a service-role client (the key decides)',
      filename: file('app/api/sync/route.ts'),
      code: `import { createServerClient } from '@supabase/ssr';
import { cookies } from 'next/headers';
export async function POST() {
  const cookieStore = await cookies();
  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
    cookies: { getAll: () => cookieStore.getAll(), setAll: () => {} },
  });
  const { data } = await supabase.from('subscriptions').select('*').eq('status', 'past_due');
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscoped', line: 8, suggestions: [] }],
    },
    {
      name: 'requireFilterWithRls: an unscoped select on the user-bound client is reported',
      filename: route,
      options: [{ requireFilterWithRls: true }],
      code: `${server}export async function GET() {
  const supabase = await createClient();
  const { data } = await supabase.from('invoices').select('*');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 4,
          data: { call: "supabase.from('invoices').select()", verb: 'reads', model: 'invoices', field: 'account_id', fix: ".eq('account_id', <account_id from the session>)" },
          suggestions: [],
        },
      ],
    },
    {
      name: 'a service-role client imported under a neutral name, classified by reading its module',
      filename: route,
      code: `import { db } from '@/lib/db';
export async function GET() {
  const { data } = await db.from('projects').select('*');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 3,
          data: { call: "db.from('projects').select()", verb: 'reads', model: 'projects', field: 'account_id', fix: ".eq('account_id', <account_id from the session>)" },
          suggestions: [],
        },
      ],
    },
    {
      name: 'a client from a factory in another module (createAdminClient with the secret key)',
      filename: file('app/api/tasks/route.ts'),
      code: `import { createAdminClient } from '@/lib/supabase/admin';
export async function GET() {
  const supabase = createAdminClient();
  const { data } = await supabase.from('tasks').select('*').eq('done', false);
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscoped', line: 4, suggestions: [] }],
    },
    {
      name: 'a client made in the file with an sb_secret_ key',
      filename: file('app/api/cron-report/route.ts'),
      code: `import { createClient } from '@supabase/supabase-js';
const supabase = createClient('https://xyz.supabase.co', 'sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz');
export async function GET() {
  const { count } = await supabase.from('invoices').select('*', { count: 'exact', head: true }).eq('status', 'open');
  return Response.json({ count });
}`,
      errors: [{ messageId: 'unscoped', line: 4, suggestions: [] }],
    },
    {
      name: 'a client made with a legacy service_role JWT literal',
      filename: route,
      code: `import { createClient } from '@supabase/supabase-js';
const key = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify({ iss: 'supabase', role: 'service_role' })).toString('base64url')}.sig';
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, key);
export const GET = async () => Response.json((await supabase.from('notes').select('body')).data);`,
      errors: [{ messageId: 'unscoped', line: 4, suggestions: [] }],
    },
    {
      name: 'reportHelperLookups: a helper lookup by a parameter id is reported',
      filename: file('lib/invoices.ts'),
      options: [{ reportHelperLookups: true }],
      code: `${admin}export async function getInvoice(id: string) {
  const { data } = await supabaseAdmin.from('invoices').select('*').eq('id', id).single();
  return data;
}`,
      errors: [{ messageId: 'unscopedUnique', line: 4, suggestions: [] }],
    },
    {
      name: "a parent's id from the URL (tasks by project_id) with no check of the project",
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `${admin}export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { data } = await supabaseAdmin.from('tasks').select('*').eq('project_id', id);
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          line: 5,
          data: {
            call: "supabaseAdmin.from('tasks').select()",
            model: 'tasks',
            keys: '`project_id`',
            verb: 'read',
            field: 'account_id',
            fix: ".eq('account_id', <account_id from the session>)",
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'many rows of the tenant root itself',
      filename: file('app/api/accounts/route.ts'),
      code: `${admin}export async function GET() {
  const { data } = await supabaseAdmin.from('accounts').select('id, name');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 4,
          data: { call: "supabaseAdmin.from('accounts').select()", verb: 'reads', model: 'accounts', field: 'id', fix: ".eq('id', <id from the session>)" },
          suggestions: [],
        },
      ],
    },
    {
      name: 'a name that says service role, when its module cannot be read',
      filename: route,
      code: `import { supabaseAdmin } from '@/lib/not-there';
export async function GET() {
  const { data } = await supabaseAdmin.from('invoice_totals').select('*');
  return Response.json(data);
}`,
      errors: [{ messageId: 'unscoped', line: 3, suggestions: [] }],
    },
    {
      name: 'another schema, unscoped',
      filename: route,
      code: `${admin}export async function GET() {
  const { data } = await supabaseAdmin.schema('billing').from('charges').select('*');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 4,
          data: {
            call: "supabaseAdmin.schema('billing').from('charges').select()",
            verb: 'reads',
            model: 'charges',
            field: 'account_id',
            fix: ".eq('account_id', <account_id from the session>)",
          },
          suggestions: [],
        },
      ],
    },
    {
      name: 'two queries in Promise.all, one of them unscoped',
      filename: file('app/dashboard/page.tsx'),
      code: `${admin}export default async function Dashboard() {
  const { accountId } = await requireAuth();
  const [invoices, notes] = await Promise.all([
    supabaseAdmin.from('invoices').select('*').eq('account_id', accountId),
    supabaseAdmin.from('notes').select('*').limit(20),
  ]);
  return <pre>{JSON.stringify({ invoices, notes })}</pre>;
}`,
      errors: [{ messageId: 'unscoped', line: 7, suggestions: [{ messageId: 'addTenantScope', output: `${admin}export default async function Dashboard() {
  const { accountId } = await requireAuth();
  const [invoices, notes] = await Promise.all([
    supabaseAdmin.from('invoices').select('*').eq('account_id', accountId),
    supabaseAdmin.from('notes').select('*').eq('account_id', accountId).limit(20),
  ]);
  return <pre>{JSON.stringify({ invoices, notes })}</pre>;
}` }] }],
    },
    {
      name: 'a table handle kept in a variable: each query on it is checked',
      filename: route,
      code: `${admin}const invoices = supabaseAdmin.from('invoices');
export async function GET() {
  const { accountId } = await requireAuth();
  const open = await invoices.select('*').eq('account_id', accountId).eq('status', 'open');
  const all = await invoices.select('id');
  return Response.json({ open, all });
}`,
      errors: [{ messageId: 'unscoped', line: 3, suggestions: [] }],
    },
    {
      name: 'types found from the Database type argument (no conventional path in this project)',
      filename: typedArg('app/api/documents/route.ts'),
      code: `import { createClient } from '@supabase/supabase-js';
import type { Database } from '../../../db/schema.gen';
const supabase = createClient<Database>(process.env.SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);
export async function GET() {
  const { data } = await supabase.from('documents').select('id, title');
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 5,
          data: { call: "supabase.from('documents').select()", verb: 'reads', model: 'documents', field: 'workspace_id', fix: ".eq('workspace_id', <workspace_id from the session>)" },
          suggestions: [],
        },
      ],
    },
    {
      name: 'types found through the client module, its tsconfig paths alias and its Database type argument',
      filename: typedArg('app/api/documents/[id]/route.ts'),
      code: `import { supabaseService } from '~/lib/supabase';
export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await supabaseService.from('documents').delete().eq('id', id);
  return new Response(null, { status: 204 });
}`,
      errors: [{ messageId: 'unscopedUnique', line: 4, suggestions: [] }],
    },
    {
      name: 'types from settings.supabaseTypes, for a file outside any project with types',
      filename: join(fixtures, 'elsewhere', 'handler.ts'),
      // RuleTester lints absolute paths with the file system root as cwd, so the setting is absolute here.
      settings: { 'tenant-guard': { supabaseTypes: [typedArg('db/schema.gen.ts')] } },
      code: `import { createClient } from '@supabase/supabase-js';
const admin = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_SECRET_KEY!);
export const handler = async () => admin.from('documents').select('*');`,
      errors: [{ messageId: 'unscoped', line: 3, suggestions: [] }],
    },
  ],
});
