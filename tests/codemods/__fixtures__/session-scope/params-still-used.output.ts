import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const { accountId } = await params;
  const notes = await db.note.findMany({ where: { accountId: session.accountId } });
  return Response.json({ accountId, notes });
}
