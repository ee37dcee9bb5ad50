import { eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { invoices } from '@/lib/db/schema';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // LEAK: any signed-in user can read any invoice by changing the id in the URL (IDOR).
  const invoice = await db.query.invoices.findFirst({ where: eq(invoices.id, Number(id)) });
  if (!invoice) return new Response('Not found', { status: 404 });
  return Response.json(invoice);
}
