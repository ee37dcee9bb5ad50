import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { accountId, userId } = await requireAuth();
  const { body } = await req.json();
  return Response.json(await db.note.create({ data: { accountId, authorId: userId, body } }));
}
