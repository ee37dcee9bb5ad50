import { desc, eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { invoices } from '@/lib/db/schema';

export async function GET() {
  // LEAK: no tenant filter — every team's invoices.
  const rows = await db.select().from(invoices).orderBy(desc(invoices.createdAt));
  return Response.json(rows);
}

export async function DELETE() {
  // LEAK: voids the drafts of every team, not only the caller's.
  await db.delete(invoices).where(eq(invoices.status, 'draft'));
  return new Response(null, { status: 204 });
}
