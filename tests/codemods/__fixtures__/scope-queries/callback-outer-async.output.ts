import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export async function POST(req: Request) {
  const session = await requireAuth();
  const { ids } = (await req.json()) as { ids: string[] };
  const invoices = await Promise.all(ids.map((id) => db.invoice.findFirstOrThrow({ where: { id, accountId: session.accountId } })));
  return Response.json(invoices);
}
