import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const body = await req.json();
  // tenant-guard: review: `...body` comes from the request body and can carry `accountId`: list the fields you accept and set accountId from the session (which fields the request may set is yours to say)
  const invoice = await db.invoice.create({ data: { ...body, status: 'draft' } });
  return Response.json({ invoice, accountId });
}
