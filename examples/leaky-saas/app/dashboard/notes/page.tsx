import { getServerSession } from 'next-auth';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

export default async function NotesPage() {
  const session = await getServerSession(authOptions);
  // LEAK: signed out, session?.user?.id is undefined and Prisma drops the filter, returning every note.
  const notes = await db.note.findMany({ where: { authorId: session?.user?.id }, orderBy: { createdAt: 'desc' } });

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
