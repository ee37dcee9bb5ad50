import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(req: Request) {
  const session = await requireAuth();
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  // tenant-guard: review: `session` from the session is in scope, but not where its accountId is: pass --scope accountId=<expression>; or, if a user may act for several, keep `accountId` and check their membership before the query
  return Response.json({ by: session.userId, invoices: await db.invoice.findMany({ where: { accountId } }) });
}
