import { getServerSession } from 'next-auth';
import { db } from '@/lib/db';

export default async function NotesPage() {
  const session = await getServerSession();
  // tenant-guard: review: `session?.user?.id` may be undefined, and Prisma then drops the authorId filter: require the session first (`if (!session) redirect('/login')`)
  const notes = await db.note.findMany({ where: { authorId: session?.user?.id } });
  return <pre>{JSON.stringify(notes)}</pre>;
}
