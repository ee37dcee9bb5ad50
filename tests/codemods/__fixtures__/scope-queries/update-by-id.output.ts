'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function renameNote(id: string, body: string) {
  const { accountId } = await requireAuth();
  await db.note.update({ where: { id, accountId }, data: { body } });
}

export async function deleteNote(id: string) {
  const { accountId } = await requireAuth();
  await db.note.delete({ where: { id, accountId } });
}
