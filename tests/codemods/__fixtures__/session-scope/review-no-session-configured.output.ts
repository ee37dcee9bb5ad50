import { db } from '@/lib/db';

export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  // tenant-guard: review: no session in scope: pass --session "<function> from <module>" and --scope accountId=<expression> to insert one; or, if a user may act for several, keep `accountId` and check their membership before the query
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}
