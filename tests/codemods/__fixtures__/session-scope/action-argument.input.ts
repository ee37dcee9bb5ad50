'use server';

import { revalidatePath } from 'next/cache';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Clears the notes of an account. Called from the notes page with the account it shows. */
export async function clearNotes(accountId: string) {
  await requireAuth();
  await db.note.deleteMany({ where: { accountId } });
  revalidatePath('/dashboard/notes');
}
