import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Clears the drafts of the caller's account. */
export async function DELETE() {
  const { userId } = await requireAuth();
  await db.invoice.deleteMany({ where: { status: 'draft' } });
  return Response.json({ by: userId });
}
