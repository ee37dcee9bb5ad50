import { desc } from 'drizzle-orm';
import { db } from '@/db';
import { invoices } from '@/db/schema';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const { teamId } = await requireAuth();
  const rows = await db.select().from(invoices).orderBy(desc(invoices.createdAt));
  return Response.json(rows);
}
