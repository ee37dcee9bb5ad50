import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const session = await requireAuth();
  const invoices = await db.invoice.findMany({ where: { accountId: session.accountId, status: 'open' } });
  return Response.json({ invoices, by: session.userId });
}
