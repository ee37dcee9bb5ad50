'use server';

import { db } from '@/lib/db';

export const listNotes = async () => db.note.findMany({ orderBy: { body: 'asc' } });
