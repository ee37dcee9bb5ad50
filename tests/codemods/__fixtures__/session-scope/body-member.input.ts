import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const session = await requireAuth();
  const body = await req.json();
  const invoices = await db.invoice.findMany({ where: { accountId: body.accountId, status: 'open' } });
  return Response.json({ invoices, by: session.userId });
}
