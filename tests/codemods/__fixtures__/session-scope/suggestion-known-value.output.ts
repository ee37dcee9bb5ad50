import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { accountId } = await requireAuth();
  const input = await req.json();
  await db.invoice.updateMany({ where: { accountId, status: 'draft' }, data: { status: 'void' } });
  return Response.json({ ok: true, note: input.note });
}
