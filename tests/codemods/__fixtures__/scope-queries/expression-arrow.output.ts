'use server';

import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export const listNotes = async () => {
  const session = await requireAuth();
  return db.note.findMany({ where: { accountId: session.accountId }, orderBy: { body: 'asc' } });
};
