import { db } from '@/lib/db';

export async function GET(req: Request, { params }: { params: Promise<{ accountId: string }> }) {
  const { accountId } = await params;
  const notes = await db.note.findMany({ where: { accountId } });
  return Response.json({ accountId, notes });
}
