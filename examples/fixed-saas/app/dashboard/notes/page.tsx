import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export default async function NotesPage() {
  const { accountId } = await requireAuth();
  const notes = await db.note.findMany({ where: { accountId }, orderBy: { createdAt: 'desc' } });

  return (
    <main>
      <h1>Notes</h1>
      <ul>
        {notes.map((note) => (
          <li key={note.id}>{note.body}</li>
        ))}
      </ul>
    </main>
  );
}
