import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const session = await requireAuth();
  // Newest first.
  const invoices = await db.invoice.findMany({ where: { accountId: session.accountId }, orderBy: { number: 'desc' } });
  return Response.json(invoices);
}
