import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; owner: string; slug: string }> }) {
  const { accountId } = await requireAuth();
  const { id, owner, slug } = await params;
  const lines = await db.invoice.findUnique({ where: { id } }).lines();
  const project = await db.project.findUnique({ where: { ownerRef_slug: { ownerRef: owner, slug } } });
  return Response.json({ lines, project });
}
