import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

async function assertAccountAccess(userId: string, accountId: string) {
  const membership = await db.membership.findFirst({ where: { userId, accountId } });
  if (!membership) throw new Error('forbidden');
}

export async function GET(req: Request) {
  const { userId } = await requireAuth();
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  await assertAccountAccess(userId, accountId);
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}
