import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function DELETE(req: Request) {
  const { userId } = await requireAuth();
  const accountId = req.headers.get('x-account-id')!;
  await db.note.deleteMany({ where: { accountId, authorId: userId } });
  await db.invoice.deleteMany({ where: { accountId, status: 'draft' } });
  return new Response(null, { status: 204 });
}
