import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { invoices } from '@/db/schema';
import { requireAuth } from '@/lib/auth';

export async function GET(req: Request) {
  const user = await requireAuth();
  const teamId = Number(new URL(req.url).searchParams.get('team'));
  return Response.json(await db.select().from(invoices).where(eq(invoices.teamId, teamId)));
}
