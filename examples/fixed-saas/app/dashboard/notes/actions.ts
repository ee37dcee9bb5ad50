'use server';

import { revalidatePath } from 'next/cache';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Clears the notes of the session's account: the action takes no tenant from the browser. */
export async function clearNotes() {
  const { accountId } = await requireAuth();
  await db.note.deleteMany({ where: { accountId } });
  revalidatePath('/dashboard/notes');
}
