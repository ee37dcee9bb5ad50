import { desc, eq } from 'drizzle-orm';
import { db } from '@/db';
import { invoices } from '@/db/schema';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const { teamId } = await requireAuth();
  const rows = await db.select().from(invoices).where(eq(invoices.teamId, teamId)).orderBy(desc(invoices.createdAt));
  return Response.json(rows);
}
