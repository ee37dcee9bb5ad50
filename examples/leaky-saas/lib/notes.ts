import { notFound } from 'next/navigation';
import { requireAuth } from './auth';
import { db } from './db';

/** One note of the caller's account: looked up by id, then checked for ownership before it is returned. */
export async function getNote(id: string) {
  const { accountId } = await requireAuth();
  const note = await db.note.findUnique({ where: { id } });
  if (!note || note.accountId !== accountId) notFound();
  return note;
}
