'use server';

import { revalidatePath } from 'next/cache';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

// tenant-guard: review: `accountId` of `clearNotes` is no longer used (the query takes the session's value): remove it here and where the action is called; the codemod keeps it because that changes the action's signature
/** Clears the notes of an account. Called from the notes page with the account it shows. */
export async function clearNotes(accountId: string) {
  const session = await requireAuth();
  await db.note.deleteMany({ where: { accountId: session.accountId } });
  revalidatePath('/dashboard/notes');
}
