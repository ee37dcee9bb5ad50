import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const body = await req.json();
  const invoice = await db.invoice.create({ data: { ...body, status: 'draft' } });
  return Response.json({ invoice, accountId });
}
