'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function searchNotes(q: string) {
  const { accountId } = await requireAuth();
  return db.note.findMany({ where: { accountId, body: { contains: q } }, take: 20, select: { id: true, body: true, createdAt: true } });
}
