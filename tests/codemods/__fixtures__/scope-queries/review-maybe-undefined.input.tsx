import { getServerSession } from 'next-auth';
import { db } from '@/lib/db';

export default async function NotesPage() {
  const session = await getServerSession();
  const notes = await db.note.findMany({ where: { authorId: session?.user?.id } });
  return <pre>{JSON.stringify(notes)}</pre>;
}
