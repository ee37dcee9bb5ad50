import { and, desc, eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { invoices } from '@/lib/db/schema';
import { getTeamForUser } from '@/lib/auth';

export async function GET() {
  const team = await getTeamForUser();
  const rows = await db
    .select({ id: invoices.id, amountCents: invoices.amountCents, status: invoices.status })
    .from(invoices)
    .where(eq(invoices.teamId, team.id))
    .orderBy(desc(invoices.createdAt));
  return Response.json(rows);
}

export async function DELETE() {
  const team = await getTeamForUser();
  await db.delete(invoices).where(and(eq(invoices.teamId, team.id), eq(invoices.status, 'draft')));
  return new Response(null, { status: 204 });
}
