import { describe, expect, it } from "vitest";
import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'saas');
/** Files live in the fixture app, so the schema is discovered from `prisma/schema.prisma` with no settings. */
const file = (path: string) => join(fixture, path);
const route = file('app/api/invoices/route.ts');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const db = `import { db } from '@/lib/db';\nimport { requireAuth } from '@/lib/auth';\n`;

ruleTester.run('require-tenant-scope', rule, {
  valid: [
    {
      name: 'scoped with a shorthand property from the session',
      filename: route,
      code: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  return db.invoice.findMany({ where: { accountId } });
}`,
    },
    {
      name: 'a lookup by an id the server put on the request (Auth.js `auth((req) => …)`, middleware wrappers)',
      filename: route,
      code: `${db}import { withAuth } from '@/lib/middleware';
export const GET = withAuth(async (req: Request & { auth: { documentId: string } }) => {
  const { documentId } = req.auth;
  return Response.json(await db.document.findUnique({ where: { id: documentId } }));
});`,
    },
    {
      name: 'scoped with a member of the session',
      filename: route,
      code: `${db}const session = await requireAuth();
await db.invoice.findMany({ where: { accountId: session.user.accountId, status: 'open' } });`,
    },
    {
      name: 'where built earlier in a variable',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
const where = { accountId, status: 'paid' };
await db.invoice.findMany({ where, orderBy: { number: 'desc' } });`,
    },
    {
      name: 'where built step by step with property writes',
      filename: route,
      code: `${db}export async function list(status?: string) {
  const { accountId } = await requireAuth();
  const where: Record<string, unknown> = {};
  if (status) where.status = status;
  where.accountId = accountId;
  return db.invoice.findMany({ where });
}`,
    },
    {
      name: 'spread of an object that carries the tenant field',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
const tenant = { accountId };
await db.note.findMany({ where: { ...tenant, body: { contains: 'x' } } });`,
    },
    {
      name: 'AND with the tenant in one branch',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.count({ where: { AND: [{ accountId }, { status: 'open' }] } });`,
    },
    {
      name: 'OR where every branch is scoped',
      filename: route,
      code: `${db}const { accountId, userId } = await requireAuth();
await db.note.findMany({ where: { OR: [{ accountId, body: { contains: 'a' } }, { accountId, authorId: userId }] } });`,
    },
    {
      name: 'relation filter to the tenant root',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.findMany({ where: { account: { id: accountId } } });`,
    },
    {
      name: 'relation filter with is',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.deleteMany({ where: { status: 'void', account: { is: { id: accountId } } } });`,
    },
    {
      name: 'compound unique key that includes the tenant field',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.findUnique({ where: { accountId_number: { accountId, number: 42 } } });`,
    },
    {
      name: 'equals and in',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.findMany({ where: { accountId: { equals: accountId } } });
await db.invoice.findMany({ where: { accountId: { in: [accountId] } } });`,
    },
    {
      name: 'lookup by id followed by an ownership check',
      filename: file('lib/notes.ts'),
      code: `${db}import { notFound } from 'next/navigation';
export async function getNote(id: string) {
  const { accountId } = await requireAuth();
  const note = await db.note.findUnique({ where: { id } });
  if (!note || note.accountId !== accountId) notFound();
  return note;
}`,
    },
    {
      name: 'lookup by id followed by a membership check on the row',
      filename: file('lib/documents.ts'),
      code: `${db}export async function getDocument(id: string, userId: string) {
  const doc = await db.document.findFirst({ where: { id }, include: { account: { include: { members: true } } } });
  if (!doc?.account.members.some((m) => m.userId === userId)) throw new Error('Forbidden');
  return doc;
}`,
    },
    {
      name: 'an access-check helper before a lookup by id',
      filename: file('app/api/documents/[id]/route.ts'),
      code: `${db}import { assertCanAccessDocument } from '@/lib/access';
export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const session = await requireAuth();
  await assertCanAccessDocument(params.id, session);
  return Response.json(await db.document.findUnique({ where: { id: params.id } }));
}`,
    },
    {
      name: 'a write by id after a scoped lookup of the same row',
      filename: route,
      code: `${db}export async function PATCH(id: string, data: { status: string }) {
  const { accountId } = await requireAuth();
  const invoice = await db.invoice.findFirst({ where: { id, accountId } });
  if (!invoice) throw new Error('Not found');
  return db.invoice.update({ where: { id }, data });
}`,
    },
    { name: 'public model', filename: file('app/pricing/page.tsx'), code: `${db}const plans = await db.plan.findMany();` },
    {
      name: 'create is not a read (covered by another rule)',
      filename: route,
      code: `${db}await db.invoice.create({ data: { accountId: 'a', number: 1, amountCents: 1, status: 'open' } });`,
    },
    {
      name: 'the tenant root looked up by its unique key',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.account.findUnique({ where: { id: accountId } });
await db.account.update({ where: { stripeCustomerId: 'cus_1' }, data: { name: 'x' } });`,
    },
    {
      name: 'many tenant roots, restricted to the user memberships',
      filename: file('app/api/accounts/route.ts'),
      code: `${db}const { userId } = await requireAuth();
await db.account.findMany({ where: { members: { some: { userId } } } });`,
    },
    {
      name: 'identity lookups by credential before any session exists',
      filename: file('lib/session.ts'),
      code: `${db}export async function bySessionToken(sessionToken: string, hashedKey: string) {
  await db.session.findUnique({ where: { sessionToken } });
  await db.apiKey.findUnique({ where: { hashedKey } });
}`,
    },
    {
      name: 'single-row lookups inside the auth configuration',
      filename: file('auth.ts'),
      code: `${db}export async function authorize(sessionToken: string) {
  return db.session.findFirst({ where: { sessionToken, expires: { gt: new Date() } } });
}`,
    },
    { name: 'admin area', filename: file('app/admin/invoices/page.tsx'), code: `${db}const all = await db.invoice.findMany();` },
    {
      name: 'behind an admin gate',
      filename: file('app/api/reports/route.ts'),
      code: `${db}import { requireAdmin } from '@/lib/auth';
export async function GET() {
  await requireAdmin();
  return Response.json(await db.invoice.aggregate({ _sum: { amountCents: true } }));
}`,
    },
    {
      name: 'a script',
      filename: file('scripts/backfill.ts'),
      code: `${db}await db.invoice.updateMany({ where: { status: 'draft' }, data: { status: 'open' } });`,
    },
    {
      name: 'transaction client, scoped',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.$transaction(async (tx) => {
  await tx.invoice.updateMany({ where: { accountId, status: 'draft' }, data: { status: 'open' } });
});`,
    },
    {
      name: 'an HTTP client whose methods look like Prisma',
      filename: route,
      code: `import { createApiClient } from '@/lib/api';
const api = createApiClient();
await api.invoice.findMany();
const cache = new Map<string, number>();
cache.delete('x');`,
    },
    {
      name: 'a Supabase client named client',
      filename: route,
      code: `import { createClient } from '@supabase/supabase-js';
const client = createClient('url', 'key');
await client.invoice.findMany();`,
    },
    {
      name: 'optional chain after a guard that exits',
      filename: file('app/dashboard/page.tsx'),
      code: `import { db } from '@/lib/db';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
export default async function Page() {
  const session = await getServerSession();
  if (!session?.user) redirect('/login');
  const notes = await db.note.findMany({ where: { authorId: session?.user?.id } });
  return notes.length;
}`,
    },
    {
      name: 'filter from a helper we cannot see into',
      filename: route,
      code: `${db}import { tenantWhere } from '@/lib/tenant';
const session = await requireAuth();
await db.invoice.findMany({ where: { ...tenantWhere(session), status: 'open' } });`,
    },
    {
      name: 'where passed in by the caller',
      filename: file('lib/invoices.ts'),
      code: `import { db } from '@/lib/db';
import type { Prisma } from '@prisma/client';
export function listInvoices(where: Prisma.InvoiceWhereInput) {
  return db.invoice.findMany({ where });
}`,
    },
    {
      name: 'include of a relation reached through its own tenant field',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.account.findUnique({ where: { id: accountId }, include: { invoices: true, notes: { take: 5 } } });`,
    },
    {
      name: 'include of memberships from a user (one row per user and account)',
      filename: route,
      code: `${db}const { userId } = await requireAuth();
await db.user.findUnique({ where: { id: userId }, include: { memberships: { include: { account: true } } } });`,
    },
    {
      name: 'include through a user, with its own tenant filter',
      filename: route,
      code: `${db}const { userId, accountId } = await requireAuth();
await db.user.findUnique({ where: { id: userId }, include: { documents: { where: { accountId } } } });`,
    },
    {
      name: 'tRPC context client, scoped',
      filename: file('server/api/routers/invoice.ts'),
      code: `export const list = protectedProcedure.query(({ ctx }) =>
  ctx.db.invoice.findMany({ where: { accountId: ctx.session.user.accountId } }),
);`,
    },
    {
      name: 'client passed as a typed parameter, scoped',
      filename: file('lib/repo.ts'),
      code: `import type { PrismaClient } from '@prisma/client';
export function invoicesOf(client: PrismaClient, accountId: string) {
  return client.invoice.findMany({ where: { accountId } });
}`,
    },
    {
      name: 'extended client, scoped',
      filename: route,
      code: `import { PrismaClient } from '@prisma/client';
const xprisma = new PrismaClient().$extends({});
export const list = (accountId: string) => xprisma.invoice.findMany({ where: { accountId } });`,
    },
    {
      name: 'a parameter with a default is always defined',
      filename: file('lib/notes.ts'),
      code: `${db}export function notes(accountId = 'acc_default') {
  return db.note.findMany({ where: { accountId } });
}`,
    },
    {
      name: 'tenant-owned model with no root relation, scoped through a scoped parent',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.task.findMany({ where: { project: { accountId } } });`,
    },
    {
      name: 'settings mark a model public',
      filename: route,
      settings: { 'tenant-guard': { models: { Invoice: false } } },
      code: `${db}await db.invoice.findMany();`,
    },
    {
      name: 'allowPaths option replaces the defaults',
      filename: file('app/internal/stats.ts'),
      options: [{ allowPaths: ['**/internal/**'] }],
      code: `${db}await db.invoice.count();`,
    },
    {
      name: 'custom access-check helper named in options',
      filename: file('app/api/notes/[id]/route.ts'),
      options: [{ accessCheckFunctions: ['gate'] }],
      code: `${db}export async function DELETE(id: string) {
  const session = await requireAuth();
  await gate(session, 'note', id);
  return db.note.delete({ where: { id } });
}`,
    },
    {
      name: 'a data-access helper looks a row up by the id its caller passes',
      filename: file('lib/notes.ts'),
      code: `${db}export async function getNoteById(id: string) {
  return db.note.findUnique({ where: { id } });
}
export const viewsOf = (documentId: string) => db.document.findMany({ where: { id: documentId } });`,
    },
    {
      name: 'a lookup that reads only whose row it is (the first step of an access check)',
      filename: file('app/api/notes/[id]/route.ts'),
      code: `${db}export async function GET(_: Request, { params }: { params: { id: string } }) {
  const note = await db.note.findUnique({ where: { id: params.id }, select: { accountId: true } });
  const task = await db.task.findFirst({ where: { id: params.id }, select: { project: { select: { accountId: true } } } });
  return Response.json({ owner: note?.accountId, project: task?.project.accountId });
}`,
    },
    {
      name: 'children of a parent the function already checked',
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `${db}export async function GET(_: Request, { params }: { params: { id: string } }) {
  const { accountId } = await requireAuth();
  const project = await db.project.findFirst({ where: { id: params.id, accountId } });
  if (!project) return new Response(null, { status: 404 });
  const tasks = await db.task.findMany({ where: { projectId: project.id } });
  return Response.json(tasks);
}`,
    },
    {
      name: 'ids from rows a scoped query returned, and a loop over them',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
const projects = await db.project.findMany({ where: { accountId } });
const counts = await db.task.groupBy({ by: ['projectId'], where: { projectId: { in: projects.map((p) => p.id) } } });
for (const project of projects) {
  await db.task.deleteMany({ where: { projectId: project.id } });
}
await Promise.all(projects.map((p) => db.task.count({ where: { projectId: p.id } })));`,
    },
    {
      name: 'an id checked earlier with a membership query that ends the request when empty',
      filename: file('pages/api/accounts/[accountId]/documents/[id].ts'),
      code: `${db}export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const session = await requireAuth();
  const { accountId, id } = req.query as { accountId: string; id: string };
  const account = await db.account.findFirst({
    where: { id: accountId, members: { some: { userId: session.userId } }, documents: { some: { id } } },
  });
  if (!account) return res.status(403).end();
  const document = await db.document.findUnique({ where: { id } });
  return res.json(document);
}`,
    },
    {
      name: 'an id checked earlier by a helper that takes it with the session user',
      filename: file('pages/api/documents/[id].ts'),
      code: `${db}import { getAccountWithDocument } from '@/lib/team';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { userId } = await requireAuth();
  const id = req.query.id as string;
  await getAccountWithDocument({ userId, documentId: id });
  return res.json(await db.document.findUnique({ where: { id } }));
}`,
    },
    {
      name: 'ids from a server-built action context (next-safe-action, tRPC)',
      filename: file('utils/actions/notes.ts'),
      code: `'use server';
${db}export const archiveNote = actionClient.action(async ({ ctx: { noteId }, parsedInput }) => {
  await db.note.update({ where: { id: noteId }, data: { body: parsedInput.body } });
});
export const byCtx = protectedProcedure.mutation(({ ctx }) => ctx.db.note.delete({ where: { id: ctx.noteId } }));`,
    },
    {
      name: 'a guard before a callback covers the callback',
      filename: file('lib/redirect.ts'),
      code: `import { db } from '@/lib/db';
import { auth } from '@/auth';
export async function firstNote() {
  const session = await auth();
  const userId = session?.user.id;
  if (!userId) {
    redirect('/login');
  }
  return measure('lookup', () => db.note.findFirst({ where: { authorId: userId } }));
}`,
    },
    {
      name: 'an admin-only action client',
      filename: file('utils/actions/support.ts'),
      code: `'use server';
${db}export const listAll = adminActionClient.action(async () => db.invoice.findMany());`,
    },
    {
      name: 'an ownership helper before a lookup by the same id',
      filename: file('app/(app)/[noteId]/page.tsx'),
      code: `${db}export default async function Page(props: { params: Promise<{ noteId: string }> }) {
  const { noteId } = await props.params;
  await checkUserOwnsNote({ noteId });
  const note = await db.note.findUnique({ where: { id: noteId } });
  return note?.body;
}`,
    },
    {
      name: 'a memoised helper (React cache) looks up by the id its caller passes',
      filename: file('lib/documents.ts'),
      code: `import { cache } from 'react';
${db}export const getDocument = cache(async (documentId: string) => db.document.findUnique({ where: { id: documentId } }));`,
    },
    {
      name: 'a helper finds rows through a relation filter on a parent id',
      filename: file('lib/projects.ts'),
      code: `${db}export async function projectsWithTask(taskId: string) {
  return db.project.findMany({ where: { tasks: { some: { id: taskId } } } });
}`,
    },
    {
      name: 'scoped further down a relation filter, through a model without tenant fields',
      filename: route,
      code: `${db}const { userId } = await requireAuth();
await db.user.findMany({ where: { sessions: { some: { user: { id: userId } } } } });`,
    },
    {
      name: 'a webhook updates the row by the Stripe id of an event whose signature was checked',
      filename: file('app/api/webhooks/stripe/route.ts'),
      code: `${db}import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function POST(req: Request) {
  const event = stripe.webhooks.constructEvent(await req.text(), req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  const invoice = event.data.object as { id: string };
  await db.invoice.update({ where: { id: invoice.id }, data: { status: 'paid' } });
  return new Response(null);
}`,
    },
  ],
  invalid: [
    {
      name: 'the same lookup by an id from the query string is an IDOR',
      filename: route,
      code: `${db}export async function GET(req: Request) {
  await requireAuth();
  const documentId = new URL(req.url).searchParams.get('id')!;
  return Response.json(await db.document.findUnique({ where: { id: documentId } }));
}`,
      errors: [{ messageId: 'unscopedUnique' }],
    },
    {
      name: 'findMany with no filter, session in scope: suggestion adds it',
      filename: route,
      code: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  return db.invoice.findMany();
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 5,
          column: 13,
          endColumn: 20,
          data: { call: 'db.invoice.findMany()', verb: 'reads', model: 'Invoice', field: 'accountId', fix: 'where: { accountId, ... }' },
          suggestions: [
            {
              messageId: 'addTenantScope',
              data: { field: 'accountId', value: 'accountId' },
              output: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  return db.invoice.findMany({ where: { accountId } });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'where without the tenant field: suggestion inserts it',
      filename: route,
      code: `${db}const session = await requireAuth();
await db.invoice.findMany({ where: { status: 'open' } });`,
      errors: [
        {
          messageId: 'unscoped',
          line: 4,
          suggestions: [
            {
              messageId: 'addTenantScope',
              data: { field: 'accountId', value: 'session.accountId' },
              output: `${db}const session = await requireAuth();
await db.invoice.findMany({ where: { accountId: session.accountId, status: 'open' } });`,
            },
          ],
        },
      ],
    },
    {
      name: 'no session in view: reported without a suggestion',
      filename: file('lib/stats.ts'),
      code: `${db}export const openInvoices = () => db.invoice.count({ where: { status: 'open' } });`,
      errors: [{ messageId: 'unscoped', line: 3, column: 38, suggestions: [] }],
    },
    {
      name: 'findUnique by id alone (IDOR)',
      filename: file('app/api/invoices/[id]/route.ts'),
      code: `${db}export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const invoice = await db.invoice.findUnique({ where: { id } });
  return Response.json(invoice);
}`,
      errors: [{ messageId: 'unscopedUnique', line: 5 }],
    },
    {
      name: 'update by id alone',
      filename: file('app/api/invoices/[id]/route.ts'),
      code: `${db}export async function PATCH(id: string) {
  const { accountId } = await requireAuth();
  return db.invoice.update({ where: { id }, data: { status: 'void' } });
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${db}export async function PATCH(id: string) {
  const { accountId } = await requireAuth();
  return db.invoice.update({ where: { accountId, id }, data: { status: 'void' } });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'delete, upsert and findUniqueOrThrow by id alone, in a server action',
      filename: file('app/notes/actions.ts'),
      code: `'use server';
${db}export async function remove(id: string) {
  await db.note.delete({ where: { id } });
  await db.note.upsert({ where: { id }, create: { id, accountId: 'a', authorId: 'u', body: '' }, update: {} });
  return db.note.findUniqueOrThrow({ where: { id } });
}`,
      errors: [{ messageId: 'unscopedUnique' }, { messageId: 'unscopedUnique' }, { messageId: 'unscopedUnique' }],
    },
    {
      name: 'deleteMany, updateMany, aggregate and groupBy without the tenant',
      filename: file('lib/maintenance.ts'),
      code: `${db}await db.invoice.deleteMany({ where: { status: 'void' } });
await db.invoice.updateMany({ where: { status: 'draft' }, data: { status: 'open' } });
await db.invoice.aggregate({ _sum: { amountCents: true } });
await db.invoice.groupBy({ by: ['status'], _count: true });`,
      errors: [
        { messageId: 'unscoped', line: 3 },
        { messageId: 'unscoped', line: 4 },
        { messageId: 'unscoped', line: 5 },
        { messageId: 'unscoped', line: 6 },
      ],
    },
    {
      name: 'an OR with an unscoped branch',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.note.findMany({ where: { OR: [{ accountId }, { body: { contains: 'public' } }] } });`,
      errors: [
        {
          messageId: 'unscoped',
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${db}const { accountId } = await requireAuth();
await db.note.findMany({ where: { accountId, OR: [{ accountId }, { body: { contains: 'public' } }] } });`,
            },
          ],
        },
      ],
    },
    {
      name: 'optional chain with no guard: may be undefined',
      filename: file('app/dashboard/notes/page.tsx'),
      code: `import { db } from '@/lib/db';
import { getServerSession } from 'next-auth';
export default async function Notes() {
  const session = await getServerSession();
  const notes = await db.note.findMany({ where: { authorId: session?.user?.id } });
  return notes.length;
}`,
      errors: [{ messageId: 'maybeUndefined', line: 5, column: 61 }],
    },
    {
      name: 'an optional parameter: may be undefined',
      filename: file('lib/invoices.ts'),
      code: `${db}export function byAccount(accountId?: string) {
  return db.invoice.findMany({ where: { accountId } });
}`,
      errors: [{ messageId: 'maybeUndefined' }],
    },
    {
      name: 'a variable read through an optional chain',
      filename: route,
      code: `import { db } from '@/lib/db';
import { auth } from '@/auth';
const session = await auth();
const accountId = session?.user?.accountId;
await db.invoice.findMany({ where: { accountId } });`,
      errors: [{ messageId: 'maybeUndefined' }],
    },
    {
      name: 'tenant field explicitly undefined',
      filename: route,
      code: `${db}await db.invoice.findMany({ where: { accountId: undefined } });`,
      errors: [{ messageId: 'maybeUndefined' }],
    },
    {
      name: 'a later AND replaces the tenant condition a spread carried',
      filename: file('app/dashboard/search/actions.ts'),
      code: `'use server';
${db}export async function search(q: string) {
  const { accountId } = await requireAuth();
  const where = { AND: [{ accountId }] };
  return db.note.findMany({ where: { ...where, AND: [{ body: { contains: q } }] } });
}`,
      errors: [{ messageId: 'widened', line: 7, column: 48 }],
    },
    {
      name: 'a later OR replaces a scoped OR',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
const base = { OR: [{ accountId }, { account: { id: accountId } }] };
await db.note.findMany({ where: { ...base, OR: [{ body: { contains: 'q' } }] } });`,
      errors: [{ messageId: 'widened' }],
    },
    {
      name: 'not is not a scope',
      filename: route,
      code: `${db}const { accountId } = await requireAuth();
await db.invoice.findMany({ where: { accountId: { not: accountId } } });`,
      // The key is there already, with a meaning only the author knows: no suggestion.
      errors: [{ messageId: 'unscoped', suggestions: [] }],
    },
    {
      name: 'many rows of the tenant root',
      filename: file('app/api/accounts/route.ts'),
      code: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  const accounts = await db.account.findMany();
  const total = await db.account.count({ where: { name: { contains: 'a' } } });
  return Response.json({ accounts, total });
}`,
      errors: [
        {
          messageId: 'unscopedRoot',
          line: 5,
          column: 29,
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  const accounts = await db.account.findMany({ where: { id: accountId } });
  const total = await db.account.count({ where: { name: { contains: 'a' } } });
  return Response.json({ accounts, total });
}`,
            },
          ],
        },
        {
          messageId: 'unscopedRoot',
          line: 6,
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${db}export async function GET() {
  const { accountId } = await requireAuth();
  const accounts = await db.account.findMany();
  const total = await db.account.count({ where: { id: accountId, name: { contains: 'a' } } });
  return Response.json({ accounts, total });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'include of tenant rows through a user who spans accounts',
      filename: route,
      code: `${db}const { userId, accountId } = await requireAuth();
await db.user.findUnique({ where: { id: userId }, include: { documents: true } });`,
      errors: [
        {
          messageId: 'unscopedInclude',
          line: 4,
          column: 62,
          data: { relation: 'documents', child: 'Document', parent: 'User', field: 'accountId', value: 'accountId' },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${db}const { userId, accountId } = await requireAuth();
await db.user.findUnique({ where: { id: userId }, include: { documents: { where: { accountId } } } });`,
            },
          ],
        },
      ],
    },
    {
      name: 'transaction client, unscoped',
      filename: route,
      code: `${db}await db.$transaction(async (tx) => {
  await tx.invoice.deleteMany({ where: { status: 'void' } });
});`,
      errors: [{ messageId: 'unscoped', line: 4 }],
    },
    {
      name: 'tRPC context client, unscoped',
      filename: file('server/api/routers/invoice.ts'),
      code: `export const list = protectedProcedure.query(({ ctx }) => ctx.db.invoice.findMany());`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'extended client and a local PrismaClient, unscoped',
      filename: route,
      code: `import { PrismaClient } from '@prisma/client';
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
const base = globalForPrisma.prisma ?? new PrismaClient();
const xprisma = base.$extends({});
await base.note.findMany();
await xprisma.note.findMany();`,
      errors: [
        { messageId: 'unscoped', line: 5 },
        { messageId: 'unscoped', line: 6 },
      ],
    },
    {
      name: 'prisma imported from a module we cannot resolve, by its name',
      filename: route,
      code: `import prisma from '@acme/database';
await prisma.invoice.findMany({ take: 10 });`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'every is not a scope',
      filename: file('app/api/accounts/route.ts'),
      code: `${db}const { userId } = await requireAuth();
await db.account.findMany({ where: { members: { every: { userId } } } });`,
      errors: [{ messageId: 'unscopedRoot' }],
    },
    {
      name: 'where variable without the tenant',
      filename: route,
      code: `${db}const where = { status: 'open' };
await db.invoice.findMany({ where });`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a conditional spread is not a scope',
      filename: file('lib/invoices.ts'),
      code: `${db}export function list(accountId: string | null) {
  return db.invoice.findMany({ where: { ...(accountId ? { accountId } : {}) } });
}`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'findFirst by id with no check of the row',
      filename: file('app/api/notes/[id]/route.ts'),
      code: `${db}export async function GET(_: Request, { params }: { params: { id: string } }) {
  const note = await db.note.findFirst({ where: { id: params.id } });
  if (!note) return new Response('Not found', { status: 404 });
  return Response.json(note);
}`,
      errors: [{ messageId: 'unscopedUnique' }],
    },
    {
      name: 'a check of another row does not cover this one',
      filename: file('app/notes/actions.ts'),
      code: `${db}export async function copy(id: string) {
  'use server';
  const { accountId } = await requireAuth();
  const account = await db.account.findUnique({ where: { id: accountId } });
  const note = await db.note.findUnique({ where: { id } });
  if (!account || account.id !== accountId) throw new Error('no');
  return note;
}`,
      errors: [{ messageId: 'unscopedUnique', line: 7, suggestions: [{ messageId: 'addTenantScope', output: `${db}export async function copy(id: string) {
  'use server';
  const { accountId } = await requireAuth();
  const account = await db.account.findUnique({ where: { id: accountId } });
  const note = await db.note.findUnique({ where: { accountId, id } });
  if (!account || account.id !== accountId) throw new Error('no');
  return note;
}` }] }],
    },
    {
      name: 'filtering by a parent id is not the tenant',
      filename: route,
      code: `${db}export async function GET(req: NextRequest) {
  const projectId = req.nextUrl.searchParams.get('projectId');
  return Response.json(await db.task.findMany({ where: { projectId } }));
}`,
      errors: [{ messageId: 'unscopedUnique', data: { call: 'db.task.findMany()', model: 'Task', keys: '`projectId`', verb: 'read', field: 'accountId', fix: 'where: { projectId, accountId: <accountId from the session> }' } }],
    },
    {
      name: 'a model declared only in settings',
      filename: route,
      settings: { 'tenant-guard': { models: { AuditLog: 'orgId' } } },
      code: `${db}await db.auditLog.findMany({ where: { action: 'login' } });`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'the schema given explicitly in settings',
      filename: '/tmp/elsewhere/app/route.ts',
      settings: { 'tenant-guard': { schema: join(fixture, 'prisma') } },
      code: `${db}await db.invoice.findMany();`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a helper lookup, with reportHelperLookups (as in strict)',
      filename: file('lib/notes.ts'),
      options: [{ reportHelperLookups: true }],
      code: `${db}export async function getNoteById(id: string) {
  return db.note.findUnique({ where: { id } });
}`,
      errors: [{ messageId: 'unscopedUnique', line: 4 }],
    },
    {
      name: 'children of a parent taken from the request without a check',
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `${db}export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json(await db.task.findMany({ where: { projectId: id } }));
}`,
      errors: [{ messageId: 'unscopedUnique', line: 5, column: 33 }],
    },
    {
      name: 'a membership query that does not end the request verifies nothing',
      filename: file('pages/api/documents/[id].ts'),
      code: `${db}export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { userId } = await requireAuth();
  const id = req.query.id as string;
  const account = await db.account.findFirst({ where: { members: { some: { userId } }, documents: { some: { id } } } });
  return res.json(await db.document.findUnique({ where: { id } }));
}`,
      errors: [{ messageId: 'unscopedUnique', line: 7 }],
    },
    {
      name: 'a route method wrapped in an auth helper is still an entry point',
      filename: file('app/api/notes/[id]/route.ts'),
      code: `${db}export const DELETE = withAuth(async (_req: Request, { params }: { params: { id: string } }) => {
  await db.note.delete({ where: { id: params.id } });
  return new Response(null, { status: 204 });
});`,
      errors: [{ messageId: 'unscopedUnique', line: 4 }],
    },
    {
      name: 'ids from the request, looked up one by one in a callback',
      filename: route,
      code: `${db}export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: string[] };
  return Response.json(await Promise.all(ids.map((id) => db.invoice.findUnique({ where: { id } }))));
}`,
      errors: [{ messageId: 'unscopedUnique', line: 5 }],
    },
    {
      name: 'the same webhook without signature verification trusts the request body',
      filename: file('app/api/webhooks/stripe/route.ts'),
      code: `${db}export async function POST(req: Request) {
  const event = JSON.parse(await req.text());
  const invoice = event.data.object as { id: string };
  await db.invoice.update({ where: { id: invoice.id }, data: { status: 'paid' } });
  return new Response(null);
}`,
      errors: [{ messageId: 'unscopedUnique', line: 6 }],
    },
  ],
});

// Invalid options are rejected by the rule's schema, with the offending option named.
describe('require-tenant-scope options', () => {
  it('rejects unknown options and wrong types', async () => {
    const { Linter } = await import('eslint');
    const linter = new Linter({ configType: 'flat' });
    const config = (options: unknown) => [
      { plugins: { tg: { rules: { 'require-tenant-scope': rule } } }, rules: { 'tg/require-tenant-scope': ['error', options] } },
    ];
    expect(() => linter.verify('x', config({ allowPath: ['a'] }) as never, 'x.js')).toThrow(/should NOT have additional properties|must NOT have additional properties/);
    expect(() => linter.verify('x', config({ allowPaths: 'admin' }) as never, 'x.js')).toThrow(/"admin" (should|must) be array/);
  });
});
