import { db } from '@/lib/db';

export async function GET() {
  // tenant-guard: review: no session in scope: pass --session "<function> from <module>" and --scope accountId=<expression> to insert one
  // Newest first.
  const invoices = await db.invoice.findMany({ orderBy: { number: 'desc' } });
  return Response.json(invoices);
}
