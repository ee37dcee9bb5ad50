import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function DELETE(req: Request) {
  const { userId } = await requireAuth();
  const accountId = req.headers.get('x-account-id')!;
  await db.note.deleteMany({ where: { accountId, authorId: userId } });
  // tenant-guard: review: `accountId` is already a name here, so the session cannot be bound to it: put the session value into the query by hand; or, if a user may act for several, keep `accountId` and check their membership before the query
  await db.invoice.deleteMany({ where: { accountId, status: 'draft' } });
  return new Response(null, { status: 204 });
}
