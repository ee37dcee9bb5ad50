import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function PUT(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { body } = (await req.json()) as { body: string };
  // tenant-guard: review: `db.note.upsert()` with the tenant in its where would try to create a duplicate of another tenant's row: check the row's accountId first
  await db.note.upsert({
    where: { id },
    create: { id, body, accountId, authorId: 'me' },
    update: { body },
  });
  return new Response(null, { status: 204 });
}
