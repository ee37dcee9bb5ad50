import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: Request) {
  const session = await requireAuth();
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  return Response.json({ by: session.userId, invoices: await db.invoice.findMany({ where: { accountId } }) });
}
