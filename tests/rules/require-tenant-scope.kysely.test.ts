import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

// Files live in the saas fixture app: tables come from its prisma/schema.prisma by database names (`invoices` with
// `account_id`; `"Note"`, `"Task"`, … with `"accountId"`), as prisma-kysely generates them. `lib/kysely.ts` there
// makes the app's Kysely instance, for the "imported from a module that makes one" cases.
const fixture = join(import.meta.dirname, '..', 'fixtures', 'saas');
const file = (path: string) => join(fixture, path);
const route = file('app/api/invoices/route.ts');
const byId = file('app/api/invoices/[id]/route.ts');

const ruleTester = new RuleTester();

const auth = `import { requireAuth } from '@/lib/auth';\n`;
const local = `import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { DB } from './types';
${auth}const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new Pool() }) });
`;
const imported = `import { db } from '@/lib/kysely';\n${auth}`;

ruleTester.run('require-tenant-scope (Kysely)', rule, {
  valid: [
    {
      name: 'selectFrom with a where on the tenant column',
      filename: route,
      code: `${local}export async function GET() {
  const { accountId } = await requireAuth();
  const rows = await db.selectFrom('invoices').selectAll().where('account_id', '=', accountId).orderBy('number', 'desc').execute();
  return Response.json(rows);
}`,
    },
    {
      name: 'an aliased table, the tenant column qualified by the alias',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db.selectFrom('invoices as i').select(['i.id', 'i.number']).where('i.status', '=', 'open').where('i.account_id', '=', accountId).execute();
}`,
    },
    {
      name: 'an expression-builder callback',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db.selectFrom('invoices').selectAll().where((eb) => eb('account_id', '=', accountId)).executeTakeFirst();
}`,
    },
    {
      name: 'and([...]) from a destructured builder, with an OR inside it',
      filename: route,
      code: `${imported}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const q = new URL(req.url).searchParams.get('q') ?? '';
  return db
    .selectFrom('invoices')
    .selectAll()
    .where(({ eb, and, or }) => and([eb('account_id', '=', accountId), or([eb('status', '=', 'open'), eb('status', '=', q)])]))
    .execute();
}`,
    },
    {
      name: 'OR where every branch pins the tenant (object form and in)',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId, accountIds } = await requireAuth();
  return db
    .selectFrom('invoices')
    .selectAll()
    .where((eb) => eb.or([eb.and({ account_id: accountId, status: 'open' }), eb('account_id', 'in', accountIds)]))
    .execute();
}`,
    },
    {
      name: 'a transaction callback: update scoped by id and tenant',
      filename: byId,
      code: `${imported}export async function PATCH(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('invoices').set({ status: 'void' }).where('id', '=', id).where('account_id', '=', accountId).execute();
  });
}`,
    },
    {
      name: 'scoped through a join to the tenant root',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db
    .selectFrom('invoices as i')
    .innerJoin('Account as a', 'a.id', 'i.account_id')
    .select(['i.id', 'a.name'])
    .where('a.id', '=', accountId)
    .execute();
}`,
    },
    {
      name: 'a joined table scoped by its own tenant column through the join',
      filename: route,
      code: `${imported}export async function GET() {
  const { userId } = await requireAuth();
  return db
    .selectFrom('User as u')
    .innerJoin('Document as d', 'd.ownerId', 'u.id')
    .selectAll('d')
    .where('u.id', '=', userId)
    .execute();
}`,
    },
    {
      name: 'a join callback with onRef and on',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db
    .selectFrom('Project as p')
    .leftJoin('Task as t', (join) => join.onRef('t.projectId', '=', 'p.id').on('t.accountId', '=', accountId))
    .selectAll()
    .where('p.accountId', '=', accountId)
    .execute();
}`,
    },
    {
      name: 'built in a variable with a conditional filter, then run',
      filename: route,
      code: `${imported}export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const status = new URL(req.url).searchParams.get('status');
  let query = db.selectFrom('invoices').selectAll().where('account_id', '=', accountId);
  if (status) query = query.where('status', '=', status);
  return query.execute();
}`,
    },
    {
      name: '$if with the tenant filter',
      filename: route,
      code: `${imported}export async function GET() {
  const session = await requireAuth();
  return db.selectFrom('Note').selectAll().$if(true, (qb) => qb.where('accountId', '=', session.accountId)).execute();
}`,
    },
    {
      name: 'a builder returned unfinished: the caller adds the filter',
      filename: file('lib/queries.ts'),
      code: `${imported}export function invoicesQuery() {
  return db.selectFrom('invoices').selectAll();
}`,
    },
    {
      name: 'a filter built by a helper we cannot see into is unknown',
      filename: route,
      code: `${imported}import { tenantFilter } from '@/lib/tenant';
export async function GET() {
  const session = await requireAuth();
  return db.selectFrom('invoices').selectAll().where(tenantFilter(session)).execute();
}`,
    },
    {
      name: 'a lookup by id followed by an ownership check',
      filename: byId,
      code: `${imported}import { notFound } from 'next/navigation';
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const invoice = await db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!invoice || invoice.account_id !== accountId) notFound();
  return Response.json(invoice);
}`,
    },
    {
      name: 'a helper typed Kysely<DB> looks up by the id its caller passes',
      filename: file('lib/invoices.ts'),
      code: `import type { Kysely } from 'kysely';
import type { DB } from './types';
export async function getInvoice(db: Kysely<DB>, id: string) {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}`,
    },
    {
      name: 'a table that is not tenant-owned, and insertInto',
      filename: route,
      code: `${imported}export async function POST() {
  const { accountId } = await requireAuth();
  await db.insertInto('invoices').values({ id: crypto.randomUUID(), account_id: accountId, number: 1, amount_cents: 100, status: 'open' }).execute();
  return db.selectFrom('Plan').selectAll().execute();
}`,
    },
    // Never reported: the same method names on things that are not ORMs.
    {
      name: 'a non-ORM .delete(), .from(), .select()',
      filename: route,
      code: `const cache = new Map<string, unknown>();
export async function DELETE(req: Request) {
  const { id } = await req.json();
  cache.delete(id);
  const bytes = Buffer.from(id);
  const ids = Array.from(new Set([id]));
  const input = document.querySelector('input');
  input?.select();
  return Response.json({ bytes: bytes.length, ids });
}`,
    },
    {
      name: 'selectFrom / deleteFrom on an object that is not a Kysely instance',
      filename: route,
      code: `import { createQueryBuilder } from '@/lib/qb';
const qb = createQueryBuilder();
const store = { deleteFrom: (table: string) => ({ execute: async () => table }) };
export async function GET() {
  await store.deleteFrom('invoices').execute();
  return qb.selectFrom('invoices').execute();
}`,
    },
  ],
  invalid: [
    {
      name: 'selectFrom with no filter, session in scope: the suggestion adds it after selectFrom',
      filename: route,
      code: `${local}export async function GET() {
  const { accountId } = await requireAuth();
  return db.selectFrom('invoices').selectAll().execute();
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 8,
          column: 24,
          endColumn: 34,
          data: { call: "db.selectFrom('invoices')", verb: 'reads', model: 'invoices', field: 'account_id', fix: ".where('account_id', '=', accountId)" },
          suggestions: [
            {
              messageId: 'addTenantScope',
              data: { field: 'account_id', value: 'accountId' },
              output: `${local}export async function GET() {
  const { accountId } = await requireAuth();
  return db.selectFrom('invoices').where('account_id', '=', accountId).selectAll().execute();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'an alias filtered by status only: the suggestion goes after the last where, qualified',
      filename: route,
      code: `${imported}export async function GET() {
  const session = await requireAuth();
  return db.selectFrom('invoices as i').selectAll().where('i.status', '=', 'open').orderBy('i.number').execute();
}`,
      errors: [
        {
          messageId: 'unscoped',
          suggestions: [
            {
              messageId: 'addTenantScope',
              data: { field: 'account_id', value: 'session.accountId' },
              output: `${imported}export async function GET() {
  const session = await requireAuth();
  return db.selectFrom('invoices as i').selectAll().where('i.status', '=', 'open').where('i.account_id', '=', session.accountId).orderBy('i.number').execute();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'deleteFrom by an id from the URL (IDOR)',
      filename: byId,
      code: `${imported}export async function DELETE(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireAuth();
  const { id } = await params;
  await db.deleteFrom('invoices').where('id', '=', id).execute();
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          data: {
            call: "db.deleteFrom('invoices')",
            verb: 'change',
            model: 'invoices',
            keys: '`id`',
            field: 'account_id',
            fix: ".where('account_id', '=', <account_id from the session>)",
          },
        },
      ],
    },
    {
      name: 'updateTable with a filter that is not the tenant',
      filename: route,
      code: `${imported}export async function POST() {
  await db.updateTable('invoices').set({ status: 'overdue' }).where('status', '=', 'open').executeTakeFirst();
}`,
      errors: [{ messageId: 'unscoped', data: { call: "db.updateTable('invoices')", verb: 'changes', model: 'invoices', field: 'account_id', fix: ".where('account_id', '=', <account_id from the session>)" } }],
    },
    {
      name: 'a join where neither table is tied to the tenant',
      filename: route,
      code: `${imported}export async function GET(req: Request) {
  const name = new URL(req.url).searchParams.get('project') ?? '';
  return db.selectFrom('Project as p').innerJoin('Task as t', 't.projectId', 'p.id').selectAll('t').where('p.name', '=', name).execute();
}`,
      errors: [
        { messageId: 'unscoped', column: 24, data: { call: "db.selectFrom('Project as p')", verb: 'reads', model: 'Project', field: 'accountId', fix: ".where('p.accountId', '=', <accountId from the session>)" } },
        { messageId: 'unscoped', column: 50, data: { call: "db.selectFrom('Project as p')….innerJoin('Task as t')", verb: 'reads', model: 'Task', field: 'accountId', fix: ".where('t.accountId', '=', <accountId from the session>)" } },
      ],
    },
    {
      name: 'OR where one branch is not scoped',
      filename: route,
      code: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db
    .selectFrom('invoices')
    .selectAll()
    .where(({ eb, or }) => or([eb('account_id', '=', accountId), eb('status', '=', 'overdue')]))
    .execute();
}`,
      errors: [
        {
          messageId: 'unscoped',
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${imported}export async function GET() {
  const { accountId } = await requireAuth();
  return db
    .selectFrom('invoices')
    .selectAll()
    .where(({ eb, or }) => or([eb('account_id', '=', accountId), eb('status', '=', 'overdue')])).where('account_id', '=', accountId)
    .execute();
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a transaction callback: delete with no tenant filter',
      filename: route,
      code: `${imported}export async function DELETE() {
  const { accountId } = await requireAuth();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('Note').where('body', '=', '').execute();
    await trx.deleteFrom('invoices').where('account_id', '=', accountId).execute();
  });
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 6,
          data: { call: "trx.deleteFrom('Note')", verb: 'changes', model: 'Note', field: 'accountId', fix: ".where('accountId', '=', accountId)" },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${imported}export async function DELETE() {
  const { accountId } = await requireAuth();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('Note').where('body', '=', '').where('accountId', '=', accountId).execute();
    await trx.deleteFrom('invoices').where('account_id', '=', accountId).execute();
  });
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'built in a variable, run without the tenant',
      filename: route,
      code: `${imported}export async function GET(req: Request) {
  const status = new URL(req.url).searchParams.get('status');
  let query = db.selectFrom('invoices').selectAll();
  if (status) query = query.where('status', '=', status);
  return query.execute();
}`,
      errors: [{ messageId: 'unscoped', line: 5 }],
    },
    {
      name: 'a route handler taking a Transaction<DB>: lookup by a parent id from the request',
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `import type { Transaction } from 'kysely';
import type { DB } from '@/lib/types';
export async function GET(req: Request, trx: Transaction<DB>) {
  const projectId = new URL(req.url).searchParams.get('projectId')!;
  return trx.selectFrom('Task').selectAll().where('projectId', '=', projectId).execute();
}`,
      errors: [{ messageId: 'unscopedUnique', data: { call: "trx.selectFrom('Task')", verb: 'read', model: 'Task', keys: '`projectId`', field: 'accountId', fix: ".where('accountId', '=', <accountId from the session>)" } }],
    },
    {
      name: 'strict: a helper lookup by id is reported',
      filename: file('lib/invoices.ts'),
      options: [{ reportHelperLookups: true }],
      code: `import type { Kysely } from 'kysely';
import type { DB } from './types';
export async function getInvoice(db: Kysely<DB>, id: string) {
  return db.selectFrom('invoices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}`,
      errors: [{ messageId: 'unscopedUnique' }],
    },
  ],
});
