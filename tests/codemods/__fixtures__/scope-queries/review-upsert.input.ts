import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { body } = (await req.json()) as { body: string };
  await db.note.upsert({
    where: { id },
    create: { id, body, accountId, authorId: 'me' },
    update: { body },
  });
  return new Response(null, { status: 204 });
}
