import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

// The Drizzle fixture app: `db/schema.ts` (teams, users, team_members, invoices, projects, tasks, plans) is found
// from `drizzle.config.ts` and from the imports of each case; `db/index.ts` makes the database with `drizzle(…)`.
const app = join(import.meta.dirname, '..', 'fixtures', 'drizzle');
const file = (path: string) => join(app, path);
const route = file('app/api/invoices/route.ts');

const imports = `import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { db } from '@/db';
import { invoices, plans, projects, tasks, teamMembers, teams } from '@/db/schema';
import { getTeamForUser, requireAuth } from '@/lib/auth';
`;

const ruleTester = new RuleTester();

ruleTester.run('require-tenant-scope (Drizzle)', rule, {
  valid: [
    {
      name: 'select scoped with eq on the tenant column',
      filename: route,
      code: `${imports}const team = await getTeamForUser();
await db.select().from(invoices).where(eq(invoices.teamId, team.id));`,
    },
    {
      name: 'eq inside and()',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(invoices).where(and(eq(invoices.status, 'open'), eq(invoices.teamId, teamId)));`,
    },
    {
      name: 'or() where every branch is scoped',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(invoices).where(or(and(eq(invoices.teamId, teamId), eq(invoices.status, 'a')), eq(invoices.teamId, teamId)));`,
    },
    {
      name: 'inArray on the tenant column',
      filename: route,
      code: `${imports}const teamIds = [1, 2];
await db.select().from(invoices).where(inArray(invoices.teamId, teamIds));`,
    },
    {
      name: 'the condition built in a variable earlier',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
const where = and(eq(invoices.teamId, teamId), eq(invoices.status, 'paid'));
await db.select({ id: invoices.id }).from(invoices).where(where).orderBy(invoices.createdAt);`,
    },
    {
      name: 'scoped through a join to the pinned tenant',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(invoices).innerJoin(teams, eq(teams.id, invoices.teamId)).where(eq(teams.id, teamId));`,
    },
    {
      name: 'scoped through a foreign key to a joined parent that is scoped',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(tasks).innerJoin(projects, eq(tasks.projectId, projects.id)).where(eq(projects.teamId, teamId));`,
    },
    { name: 'a public table', filename: file('app/pricing/page.tsx'), code: `${imports}const all = await db.select().from(plans);` },
    {
      name: 'update scoped',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.update(invoices).set({ status: 'void' }).where(and(eq(invoices.id, 1), eq(invoices.teamId, teamId)));`,
    },
    {
      name: 'delete scoped',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.delete(invoices).where(eq(invoices.teamId, teamId));`,
    },
    {
      name: 'relational query, callback where',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.query.invoices.findMany({ where: (t, { eq }) => eq(t.teamId, teamId) });`,
    },
    {
      name: 'relational query, direct where',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.query.invoices.findFirst({ where: and(eq(invoices.teamId, teamId), eq(invoices.id, 3)) });`,
    },
    {
      name: 'relational query, object where (v2)',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.query.invoices.findMany({ where: { teamId, status: 'open' } });`,
    },
    {
      name: 'a condition from a helper we cannot see into',
      filename: route,
      code: `${imports}import { tenantFilter } from '@/lib/tenant';
const team = await getTeamForUser();
await db.select().from(invoices).where(tenantFilter(invoices, team));`,
    },
    {
      name: 'a sql fragment is unknown, not unscoped',
      filename: route,
      code: `${imports}await db.select().from(invoices).where(sql\`\${invoices.teamId} = current_setting('app.team')::int\`);`,
    },
    {
      name: 'the tenant root by its primary key',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(teams).where(eq(teams.id, teamId));`,
    },
    {
      name: 'a Map#delete and Array.from are not queries',
      filename: route,
      code: `${imports}const cache = new Map<string, number>();
cache.delete('invoices');
const list = Array.from(new Set([invoices]));`,
    },
    {
      name: 'an HTTP client whose methods look like Drizzle',
      filename: route,
      code: `import { api } from '@/lib/api-client';
import { invoices } from '@/db/schema';
await api.select().from(invoices);
await api.delete(invoices);`,
    },
    {
      name: 'a transaction, scoped',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.transaction(async (tx) => {
  await tx.update(invoices).set({ status: 'paid' }).where(eq(invoices.teamId, teamId));
});`,
    },
    {
      name: 'a helper looks up by the id its caller passes',
      filename: file('lib/invoices.ts'),
      code: `${imports}export async function getInvoice(id: number) {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row;
}`,
    },
    {
      name: 'a lookup by id followed by an ownership check',
      filename: file('app/api/invoices/[id]/route.ts'),
      code: `${imports}export async function GET(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { teamId } = await requireAuth();
  const row = await db.query.invoices.findFirst({ where: eq(invoices.id, Number(id)) });
  if (!row || row.teamId !== teamId) return new Response(null, { status: 404 });
  return Response.json(row);
}`,
    },
    {
      name: 'admin area',
      filename: file('app/admin/invoices/page.tsx'),
      code: `${imports}const all = await db.select().from(invoices);`,
    },
    {
      name: 'a table defined in the same file',
      filename: file('lib/local.ts'),
      code: `import { pgTable, integer, text } from 'drizzle-orm/pg-core';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
const notes = pgTable('notes', { teamId: integer('team_id').notNull(), body: text('body') });
export const list = (teamId: number) => db.select().from(notes).where(eq(notes.teamId, teamId));`,
    },
    {
      name: 'a dynamic query built in steps is not followed',
      filename: route,
      code: `${imports}let query = db.select().from(invoices).$dynamic();
query = query.where(eq(invoices.status, 'open'));`,
    },
    {
      name: 'accepting an invitation during sign-up (a sign-in flow)',
      filename: file('app/(login)/actions.ts'),
      code: `'use server';
${imports}import { invitations } from '@/db/schema';
export async function signUp(formData: FormData) {
  const inviteId = String(formData.get('inviteId'));
  const [invitation] = await db.select().from(teamMembers).where(eq(teamMembers.id, Number(inviteId))).limit(1);
  if (invitation) await db.update(teamMembers).set({ role: 'member' }).where(eq(teamMembers.id, invitation.id));
}`,
    },
  ],
  invalid: [
    {
      name: 'select with no where, session in scope: suggestion adds it',
      filename: route,
      code: `${imports}export async function GET() {
  const { teamId } = await requireAuth();
  return Response.json(await db.select().from(invoices));
}`,
      errors: [
        {
          messageId: 'unscoped',
          line: 7,
          column: 47,
          data: {
            call: 'db.select().from(invoices)',
            verb: 'reads',
            model: 'invoices',
            field: 'teamId',
            fix: '.where(eq(invoices.teamId, teamId))',
          },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${imports}export async function GET() {
  const { teamId } = await requireAuth();
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, teamId)));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'a where that does not constrain the tenant column',
      filename: route,
      code: `${imports}await db.select().from(invoices).where(eq(invoices.status, 'open'));`,
      errors: [{ messageId: 'unscoped', data: { call: 'db.select().from(invoices)', verb: 'reads', model: 'invoices', field: 'teamId', fix: ".where(and(eq(invoices.status, 'open'), eq(invoices.teamId, <teamId from the session>)))" } }],
    },
    {
      name: 'or() with an unscoped branch',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(invoices).where(or(eq(invoices.teamId, teamId), eq(invoices.status, 'public')));`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a conditional scope that and() drops when undefined',
      filename: file('lib/search.ts'),
      code: `${imports}export const search = (status: string, teamId?: number) =>
  db.select().from(invoices).where(and(eq(invoices.status, status), teamId ? eq(invoices.teamId, teamId) : undefined));`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'ne is not a scope',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(invoices).where(ne(invoices.teamId, teamId));`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a join where the scoped table is not the one being read',
      filename: route,
      code: `${imports}const { teamId, userId } = await requireAuth();
await db.select().from(invoices).innerJoin(teamMembers, eq(teamMembers.userId, userId)).where(eq(teamMembers.teamId, teamId));`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a left join does not filter the base table',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.select().from(tasks).leftJoin(projects, and(eq(tasks.projectId, projects.id), eq(projects.teamId, teamId)));`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'update with no where',
      filename: route,
      code: `${imports}const { teamId } = await requireAuth();
await db.update(invoices).set({ status: 'void' });`,
      errors: [
        {
          messageId: 'unscoped',
          data: { call: 'db.update(invoices)', verb: 'changes', model: 'invoices', field: 'teamId', fix: '.where(eq(invoices.teamId, teamId))' },
          suggestions: [
            {
              messageId: 'addTenantScope',
              output: `${imports}const { teamId } = await requireAuth();
await db.update(invoices).set({ status: 'void' }).where(eq(invoices.teamId, teamId));`,
            },
          ],
        },
      ],
    },
    {
      name: 'delete with no where',
      filename: route,
      code: `${imports}await db.delete(tasks);`,
      errors: [{ messageId: 'unscoped', line: 5, column: 17 }],
    },
    {
      name: 'update by id taken from the request (IDOR)',
      filename: file('app/api/invoices/[id]/route.ts'),
      code: `${imports}export async function PATCH(_: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await db.update(invoices).set({ status: 'void' }).where(eq(invoices.id, Number(id)));
}`,
      errors: [{ messageId: 'unscopedUnique', line: 7 }],
    },
    {
      name: 'relational query with no where',
      filename: route,
      code: `${imports}await db.query.invoices.findMany({ orderBy: (t, { desc }) => desc(t.createdAt) });`,
      errors: [{ messageId: 'unscoped', data: { call: 'db.query.invoices.findMany()', verb: 'reads', model: 'invoices', field: 'teamId', fix: 'where: eq(invoices.teamId, <teamId from the session>)' } }],
    },
    {
      name: 'relational query whose callback where filters something else',
      filename: route,
      code: `${imports}await db.query.invoices.findMany({ where: (t, { eq }) => eq(t.status, 'open') });`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'relational query, object where without the tenant',
      filename: route,
      code: `${imports}await db.query.projects.findMany({ where: { name: 'x' } });`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'many rows of the tenant root',
      filename: route,
      code: `${imports}await db.select().from(teams);`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'transaction client, unscoped',
      filename: route,
      code: `${imports}await db.transaction(async (tx) => {
  await tx.delete(invoices).where(eq(invoices.status, 'void'));
});`,
      errors: [{ messageId: 'unscoped', line: 6 }],
    },
    {
      name: 'a namespace import of the schema',
      filename: route,
      code: `import * as schema from '@/db/schema';
import { db } from '@/db';
await db.select().from(schema.invoices);`,
      errors: [{ messageId: 'unscoped' }],
    },
    {
      name: 'a local drizzle() database',
      filename: file('scripts-ish/report.ts'),
      code: `import { drizzle } from 'drizzle-orm/postgres-js';
import { invoices } from '../db/schema';
const db = drizzle(process.env.DATABASE_URL!);
export const totals = () => db.select().from(invoices);`,
      errors: [{ messageId: 'unscoped' }],
    },
  ],
});
