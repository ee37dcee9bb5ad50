import { db } from '@/lib/db';

export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}
