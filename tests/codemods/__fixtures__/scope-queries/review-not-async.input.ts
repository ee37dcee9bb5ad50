import { db } from '@/lib/db';

export function notesQuery() {
  return db.note.findMany();
}
