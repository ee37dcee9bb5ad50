import { and, eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { invoices } from '@/lib/db/schema';
import { getTeamForUser } from '@/lib/auth';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const team = await getTeamForUser();
  const invoice = await db.query.invoices.findFirst({
    where: and(eq(invoices.id, Number(id)), eq(invoices.teamId, team.id)),
  });
  if (!invoice) return new Response('Not found', { status: 404 });
  return Response.json(invoice);
}
