'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function searchNotes(q: string) {
  const { accountId } = await requireAuth();
  const where = { AND: [{ accountId }] };
  return db.note.findMany({ where: { ...where, AND: [{ body: { contains: q } }] }, take: 20 });
}
