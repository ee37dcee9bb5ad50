import { db } from '@/lib/db';

export function notesQuery() {
  // tenant-guard: review: the function around it is not async, so the session cannot be awaited there: take the session in its caller and pass it in
  return db.note.findMany();
}
