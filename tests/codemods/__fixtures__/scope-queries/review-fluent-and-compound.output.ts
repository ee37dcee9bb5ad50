import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string; owner: string; slug: string }> }) {
  const { accountId } = await requireAuth();
  const { id, owner, slug } = await params;
  // tenant-guard: review: `findUnique()` is followed by the fluent API (`.lines()`): add the tenant by hand
  const lines = await db.invoice.findUnique({ where: { id } }).lines();
  // tenant-guard: review: `ownerRef_slug` is a compound unique key, which `findFirst` does not take: spell out its fields and add the tenant by hand
  const project = await db.project.findUnique({ where: { ownerRef_slug: { ownerRef: owner, slug } } });
  return Response.json({ lines, project });
}
