import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export async function GET(req: Request) {
  const session = await requireAuth();
  return Response.json(await db.invoice.findMany({ where: { accountId: session.accountId } }));
}
