import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { userId, accountId } = await requireAuth();
  const { body } = await req.json();
  const note = await db.note.create({ data: { body, author: { connect: { id: userId } }, account: { connect: { id: accountId } } } });
  return Response.json({ note, accountId });
}
