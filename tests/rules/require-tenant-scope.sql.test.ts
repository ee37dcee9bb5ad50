import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

// Files live in the saas fixture app: tables come from its prisma/schema.prisma by database names (`invoices` with
// `account_id` through @@map/@map; `"Note"` with `"accountId"`, …). `lib/pg.ts` and `lib/postgres.ts` there make a
// pg pool and a postgres.js instance, for the "imported from a module that makes one" cases.
const fixture = join(import.meta.dirname, '..', 'fixtures', 'saas');
const file = (path: string) => join(fixture, path);
const route = file('app/api/invoices/route.ts');
const byId = file('app/api/invoices/[id]/route.ts');

const ruleTester = new RuleTester();

const auth = `import { requireAuth } from '@/lib/auth';\n`;
const prisma = `import { Prisma } from '@prisma/client';\nimport { prisma } from '@/lib/prisma';\n${auth}`;
const drizzle = `import { sql } from 'drizzle-orm';\nimport { db } from '@/db';\n${auth}`;
const vercel = `import { sql } from '@vercel/postgres';\n${auth}`;
const postgresJs = `import postgres from 'postgres';\n${auth}const sql = postgres(process.env.DATABASE_URL!);\n`;
const pg = `import { Pool } from 'pg';\n${auth}const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n`;

ruleTester.run('require-tenant-scope (raw SQL)', rule, {
  valid: [
    {
      name: 'Prisma $queryRaw filtered by the session tenant',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  const rows = await prisma.$queryRaw<{ id: string }[]>\`
    SELECT id, number, amount_cents FROM invoices
    WHERE account_id = \${accountId} AND status = 'open'
    ORDER BY number DESC LIMIT 50\`;
  return Response.json(rows);
}`,
    },
    {
      name: 'Prisma.sql passed to $queryRaw, both tables scoped (the joined one in its ON)',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  const query = Prisma.sql\`SELECT i.id, n.body FROM invoices i
    LEFT JOIN "Note" n ON n."accountId" = i.account_id
    WHERE i.account_id = \${accountId}\`;
  return Response.json(await prisma.$queryRaw(query));
}`,
    },
    {
      name: 'a Prisma.sql fragment holding the tenant condition is inlined',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  const tenant = Prisma.sql\`account_id = \${accountId}\`;
  return prisma.$queryRaw\`SELECT count(*)::int AS n FROM invoices WHERE \${tenant} AND status = \${'paid'}\`;
}`,
    },
    {
      name: 'an interpolated condition we cannot read is unknown, not reported',
      filename: route,
      code: `${prisma}export async function list(status?: string) {
  const filter = status ? Prisma.sql\`status = \${status}\` : Prisma.sql\`account_id = \${(await requireAuth()).accountId}\`;
  return prisma.$queryRaw\`SELECT * FROM invoices WHERE \${filter}\`;
}`,
    },
    {
      name: 'Drizzle db.execute(sql) with a scoped CTE',
      filename: route,
      code: `${drizzle}export async function GET() {
  const { accountId } = await requireAuth();
  const result = await db.execute(sql\`
    WITH recent AS (
      SELECT id, amount_cents FROM invoices WHERE account_id = \${accountId} ORDER BY number DESC LIMIT 10
    )
    SELECT sum(amount_cents) AS total FROM recent\`);
  return Response.json(result.rows);
}`,
    },
    {
      name: 'Drizzle sql fragments inside a query builder are fragments, never reported (even with reportUnparsableSql)',
      filename: route,
      options: [{ reportUnparsableSql: true }],
      code: `${drizzle}import { invoices } from '@/db/schema';
export async function GET() {
  const { accountId } = await requireAuth();
  return db.select({ total: sql<number>\`sum(\${invoices.amountCents})\` }).from(invoices)
    .where(sql\`\${invoices.accountId} = \${accountId} and \${invoices.status} <> 'void'\`);
}`,
    },
    {
      name: '@vercel/postgres sql with the tenant, and = ANY of a list',
      filename: route,
      code: `${vercel}export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const { ids } = await req.json();
  const { rows } = await sql\`UPDATE invoices SET status = 'void' WHERE account_id = \${accountId} AND id = ANY(\${ids})\`;
  return Response.json(rows);
}`,
    },
    {
      name: 'postgres.js transaction callback, scoped delete',
      filename: route,
      code: `${postgresJs}export async function DELETE() {
  const { accountId } = await requireAuth();
  await sql.begin(async (tx) => {
    await tx\`DELETE FROM invoices WHERE account_id = \${accountId} AND status = 'draft'\`;
    await tx\`UPDATE "Project" SET name = name || ' (archived)' WHERE "accountId" = \${accountId}\`;
  });
}`,
    },
    {
      name: 'pg pool.query with $1 bound to the session tenant',
      filename: byId,
      code: `${pg}export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1 AND account_id = $2', [id, accountId]);
  return Response.json(rows[0] ?? null);
}`,
    },
    {
      name: 'pg client from pool.connect(), { text, values } config, scoped through a join to the tenant root',
      filename: route,
      code: `${pg}export async function GET() {
  const { accountId } = await requireAuth();
  const client = await pool.connect();
  try {
    const result = await client.query({
      text: 'SELECT i.* FROM invoices i JOIN "Account" a ON a.id = i.account_id WHERE a.id = $1',
      values: [accountId],
    });
    return Response.json(result.rows);
  } finally {
    client.release();
  }
}`,
    },
    {
      name: 'lookup by id followed by an ownership check on the row',
      filename: byId,
      code: `${postgresJs}import { notFound } from 'next/navigation';
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const [invoice] = await sql\`SELECT * FROM invoices WHERE id = \${id}\`;
  if (!invoice || invoice.account_id !== accountId) notFound();
  return Response.json(invoice);
}`,
    },
    {
      name: 'a helper looks up by the id its caller passes (reportHelperLookups is off)',
      filename: file('lib/invoices.ts'),
      code: `${pg}export async function getInvoice(id: string) {
  const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [id]);
  return rows[0];
}`,
    },
    {
      name: 'reading only whose row it is, as the first step of an access check',
      filename: byId,
      code: `${prisma}export async function GET(_req: Request, { params }: { params: { id: string } }) {
  const owner = await prisma.$queryRaw\`SELECT account_id FROM invoices WHERE id = \${params.id}\`;
  return Response.json(owner);
}`,
    },
    {
      name: 'ids that come out of a scoped subquery',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  return prisma.$queryRaw\`SELECT * FROM "Task" WHERE "projectId" IN (SELECT id FROM "Project" WHERE "accountId" = \${accountId})\`;
}`,
    },
    {
      name: 'INSERT … VALUES reads nothing; a table that is not tenant-owned',
      filename: route,
      code: `${postgresJs}export async function POST() {
  const { accountId } = await requireAuth();
  await sql\`INSERT INTO invoices (id, account_id, number, amount_cents, status) VALUES (\${crypto.randomUUID()}, \${accountId}, 1, 100, 'open')\`;
  return sql\`SELECT id, name, "priceId" FROM "Plan" ORDER BY name\`;
}`,
    },
    {
      name: 'a session lookup by its token in the auth flow',
      filename: file('lib/auth.ts'),
      code: `${postgresJs}export async function sessionUser(token: string) {
  const [row] = await sql\`SELECT "userId", expires FROM "Session" WHERE "sessionToken" = \${token}\`;
  return row;
}`,
    },
    {
      name: 'Row Level Security style: the tenant comes from a database setting',
      filename: route,
      code: `${pg}export async function GET() {
  const { rows } = await pool.query("SELECT * FROM invoices WHERE account_id = current_setting('app.account_id')::text");
  return Response.json(rows);
}`,
    },
    {
      name: 'SQL the parser cannot read is skipped by default',
      filename: route,
      code: `${pg}export async function DELETE() {
  await pool.query('DELETE FROM invoices USING "Account" a WHERE invoices.account_id = a.id AND a.slug = $1', ['acme']);
}`,
    },
    {
      name: 'pg pool imported from the module that makes it, scoped',
      filename: route,
      code: `import { pool } from '@/lib/pg';\n${auth}export async function GET() {
  const { accountId } = await requireAuth();
  return (await pool.query('SELECT * FROM invoices WHERE account_id = $1', [accountId])).rows;
}`,
    },
    {
      name: 'admin code may read across tenants',
      filename: route,
      code: `${postgresJs}import { requireAdmin } from '@/lib/admin';
export async function GET() {
  await requireAdmin();
  return sql\`SELECT * FROM invoices ORDER BY number DESC\`;
}`,
    },
    // Never reported: the same method names on things that are not SQL clients.
    {
      name: 'client.query of a GraphQL client is not pg',
      filename: route,
      code: `import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
const client = new ApolloClient({ uri: '/graphql', cache: new InMemoryCache() });
export async function GET() {
  return client.query({ query: gql\`query { invoices { id } }\` });
}`,
    },
    {
      name: '.query() of an object that is not a pg client, even with SQL in it',
      filename: route,
      code: `import { db } from '@/lib/db';
export async function GET() {
  const search = new URLSearchParams('q=1');
  const api = { query: (text: string) => fetch('/q?' + encodeURIComponent(text) + search) };
  await api.query('SELECT * FROM invoices');
  return db.query('SELECT * FROM invoices');
}`,
    },
    {
      name: 'a sql tag from an unknown module',
      filename: route,
      code: `import { sql } from 'slonik';
import { sql as sqlHelper } from '@/lib/sql-helpers';
export async function GET() {
  const a = sql.unsafe\`SELECT * FROM invoices\`;
  const b = sqlHelper\`SELECT * FROM invoices\`;
  return [a, b];
}`,
    },
    {
      name: 'an id a scoped Prisma lookup vouched for, whose empty result ends the request',
      filename: byId,
      code: `${prisma}export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { accountId } = await requireAuth();
  const project = await prisma.project.findFirst({ where: { id, accountId } });
  if (!project) return new Response(null, { status: 404 });
  return Response.json(await prisma.$queryRaw\`SELECT t.*, p.name FROM "Task" t JOIN "Project" p ON t."projectId" = p.id WHERE t."projectId" = \${id}\`);
}`,
    },
  ],
  invalid: [
    {
      name: 'Prisma $queryRaw with no tenant filter',
      filename: route,
      code: `${prisma}export async function GET() {
  const { accountId } = await requireAuth();
  return prisma.$queryRaw\`SELECT * FROM invoices WHERE status = 'open'\`;
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 6,
          column: 10,
          endColumn: 26,
          data: { call: 'prisma.$queryRaw', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'AND account_id = ${accountId}' },
          suggestions: [],
        },
      ],
    },
    {
      name: 'Prisma $executeRaw changes a row by an id from the URL (IDOR)',
      filename: byId,
      code: `${prisma}export async function PATCH(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await prisma.$executeRaw\`UPDATE invoices SET status = 'void' WHERE id = \${id}\`;
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          data: {
            call: 'prisma.$executeRaw',
            model: 'invoices',
            keys: '`id`',
            verb: 'change',
            field: 'account_id',
            fix: 'AND account_id = ${<account_id from the session>}',
          },
        },
      ],
    },
    {
      name: '$queryRawUnsafe with driver placeholders: the fix names the next one',
      filename: route,
      code: `${prisma}export async function GET(req: Request) {
  const session = await requireAuth();
  const status = new URL(req.url).searchParams.get('status');
  return prisma.$queryRawUnsafe('SELECT * FROM invoices WHERE status = $1 ORDER BY number', status);
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'prisma.$queryRawUnsafe', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'AND account_id = $2` with `[…, session.accountId]' },
        },
      ],
    },
    {
      name: 'a join whose joined table is not tied to the tenant',
      filename: route,
      code: `${drizzle}export async function GET() {
  const { accountId } = await requireAuth();
  return db.execute(sql\`SELECT i.id, n.body FROM invoices i
    JOIN "Note" n ON n.body ILIKE '%' || i.number::text || '%'
    WHERE i.account_id = \${accountId}\`);
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 6,
          data: { call: 'db.execute', verb: 'reads', model: 'Note', field: 'accountId', fix: 'AND n."accountId" = ${accountId}' },
        },
      ],
    },
    {
      name: '@vercel/postgres: an aggregate over every tenant',
      filename: file('app/dashboard/page.tsx'),
      code: `${vercel}export default async function Page() {
  const { rows } = await sql\`SELECT status, sum(amount_cents) AS total FROM invoices GROUP BY status\`;
  return rows.length;
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'sql', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'WHERE account_id = ${<account_id from the session>}' },
        },
      ],
    },
    {
      name: 'postgres.js: delete by an id from the URL',
      filename: byId,
      code: `${postgresJs}export async function DELETE(_req: Request, { params }: { params: { id: string } }) {
  await requireAuth();
  await sql\`DELETE FROM invoices WHERE id = \${params.id}\`;
}`,
      errors: [
        {
          messageId: 'unscopedUnique',
          data: { call: 'sql', verb: 'change', model: 'invoices', keys: '`id`', field: 'account_id', fix: 'AND account_id = ${<account_id from the session>}' },
        },
      ],
    },
    {
      name: 'pg pool.query with no tenant filter',
      filename: route,
      code: `${pg}export async function GET() {
  const { accountId } = await requireAuth();
  const { rows } = await pool.query('SELECT * FROM invoices WHERE status = $1', ['open']);
  return rows;
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 6,
          column: 26,
          endColumn: 36,
          data: { call: 'pool.query', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'AND account_id = $2` with `[…, accountId]' },
        },
      ],
    },
    {
      name: 'OR where one branch is not scoped',
      filename: route,
      code: `${postgresJs}export async function GET() {
  const { accountId } = await requireAuth();
  return sql\`SELECT * FROM invoices WHERE (account_id = \${accountId} AND status = 'open') OR status = 'overdue'\`;
}`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a CTE that reads every tenant, used unfiltered',
      filename: route,
      code: `${prisma}export async function GET() {
  await requireAuth();
  return prisma.$queryRaw\`WITH totals AS (SELECT account_id, sum(amount_cents) AS total FROM invoices GROUP BY account_id)
    SELECT * FROM totals ORDER BY total DESC LIMIT 10\`;
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'prisma.$queryRaw', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'WHERE account_id = ${<account_id from the session>}' },
        },
      ],
    },
    {
      name: 'a correlated subquery on a table the outer query does not scope',
      filename: route,
      code: `${pg}export async function GET() {
  const { accountId } = await requireAuth();
  const { rows } = await pool.query(
    'SELECT p.*, (SELECT count(*) FROM "Task" t WHERE t."projectId" = p.id) AS tasks FROM "Project" p WHERE p.name = $1',
    ['Launch'],
  );
  return rows;
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'pool.query', verb: 'reads', model: 'Project', field: 'accountId', fix: 'AND p."accountId" = $2` with `[…, accountId]' },
        },
        // The unscoped `Task` subquery is the same query: one finding per query, the first table it leaks.
      ],
    },
    {
      name: 'Kysely sql template run with .execute(db)',
      filename: route,
      code: `import { sql } from 'kysely';
import { db } from '@/lib/kysely';
export async function GET() {
  return (await sql\`SELECT * FROM "Document" WHERE title ILIKE \${'%q%'}\`.execute(db)).rows;
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'sql', verb: 'reads', model: 'Document', field: 'accountId', fix: 'AND "accountId" = ${<accountId from the session>}' },
        },
      ],
    },
    {
      name: 'postgres.js imported from the module that makes it',
      filename: route,
      code: `import sql from '@/lib/postgres';
export async function GET() {
  return sql\`SELECT * FROM "ApiKey" ORDER BY id\`;
}`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'sql', verb: 'reads', model: 'ApiKey', field: 'accountId', fix: 'WHERE "accountId" = ${<accountId from the session>}' },
        },
      ],
    },
    {
      name: 'Prisma.sql in a variable, passed to $queryRaw: a lookup through a parent id from the request',
      filename: file('app/api/projects/[id]/tasks/route.ts'),
      code: `${prisma}export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = Prisma.sql\`SELECT * FROM "Task" WHERE "projectId" = \${id} ORDER BY title\`;
  return Response.json(await prisma.$queryRaw(query));
}`,
      errors: [{ messageId: 'unscopedUnique', data: { call: 'prisma.$queryRaw', verb: 'read', model: 'Task', keys: '`projectId`', field: 'accountId', fix: 'AND "accountId" = ${<accountId from the session>}' } }],
    },
    {
      name: 'postgres.js transaction callback: one statement scoped, one not',
      filename: route,
      code: `${postgresJs}export async function POST() {
  const { accountId } = await requireAuth();
  await sql.begin(async (tx) => {
    await tx\`UPDATE invoices SET status = 'void' WHERE account_id = \${accountId} AND status = 'draft'\`;
    await tx\`DELETE FROM "Note" WHERE body = ''\`;
  });
}`,
      errors: [{ messageId: 'unscoped', line: 8, data: { call: 'tx', verb: 'changes', model: 'Note', field: 'accountId', fix: 'AND "accountId" = ${accountId}' } }],
    },
    {
      name: 'pg client from pool.connect(): joined to the tenant root by a slug, not by the session',
      filename: file('app/[slug]/invoices/page.tsx'),
      code: `${pg}export default async function Page({ params }: { params: { slug: string } }) {
  const client = await pool.connect();
  const result = await client.query({
    text: 'SELECT i.* FROM invoices i JOIN "Account" a ON a.id = i.account_id WHERE a.slug = $1',
    values: [params.slug],
  });
  client.release();
  return result.rows.length;
}`,
      errors: [{ messageId: 'unscoped', data: { call: 'client.query', verb: 'reads', model: 'invoices', field: 'account_id', fix: 'AND i.account_id = $2` with `[…, <account_id from the session>]' } }],
    },
    {
      name: 'reportUnparsableSql reports what the parser cannot read',
      filename: route,
      options: [{ reportUnparsableSql: true }],
      code: `${pg}export async function DELETE() {
  await pool.query('DELETE FROM invoices USING "Account" a WHERE invoices.account_id = a.id AND a.slug = $1', ['acme']);
}`,
      errors: [{ messageId: 'unparsableSql', data: { call: 'pool.query', reason: 'line 1, column 22' } }],
    },
    {
      name: 'strict: helper lookups by id are reported too',
      filename: file('lib/invoices.ts'),
      options: [{ reportHelperLookups: true }],
      code: `${pg}export async function getInvoice(id: string) {
  const { rows } = await pool.query('SELECT * FROM invoices WHERE id = $1', [id]);
  return rows[0];
}`,
      errors: [{ messageId: 'unscopedUnique' }],
    },
    {
      name: 'the same raw lookup without the Prisma check',
      filename: byId,
      code: `${prisma}export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return Response.json(await prisma.$queryRaw\`SELECT t.*, p.name FROM "Task" t JOIN "Project" p ON t."projectId" = p.id WHERE t."projectId" = \${id}\`);
}`,
      errors: [{ messageId: 'unscopedUnique' }],
    },
  ],
});
