import { notFound } from 'next/navigation';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Looked up by id, then checked for ownership before it is returned: already safe. */
export async function getNote(id: string) {
  const { accountId } = await requireAuth();
  const note = await db.note.findUnique({ where: { id } });
  if (!note || note.accountId !== accountId) notFound();
  return note;
}
