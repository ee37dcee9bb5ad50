import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function DELETE(req: Request) {
  const { userId, accountId } = await requireAuth();
  await db.note.deleteMany({ where: { accountId } });
  await db.invoice.deleteMany({ where: { accountId, status: 'draft' } });
  return new Response(null, { status: 204 });
}
