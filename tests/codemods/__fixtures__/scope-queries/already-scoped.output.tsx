import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const invoices = await db.invoice.findMany({ where: { accountId, status: 'open' } });
  const invoice = await db.invoice.findFirst({ where: { id, accountId } });
  return Response.json({ invoices, invoice });
}
