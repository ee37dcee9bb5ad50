import { db } from '@/lib/db';

export async function POST(req: Request) {
  const { ids } = (await req.json()) as { ids: string[] };
  const invoices = await Promise.all(ids.map((id) => db.invoice.findUniqueOrThrow({ where: { id } })));
  return Response.json(invoices);
}
