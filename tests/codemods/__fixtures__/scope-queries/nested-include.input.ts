import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function myNotes() {
  const { userId, accountId } = await requireAuth();
  return db.user.findUnique({
    where: { id: userId },
    include: {
      notes: true,
    },
  });
}
