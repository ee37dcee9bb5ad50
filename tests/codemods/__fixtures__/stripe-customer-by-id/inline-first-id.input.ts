import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const session = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { email: true } });
  const customer = (await stripe.customers.list({ email: user.email })).data[0]?.id || null;
  if (!customer) return Response.json({ invoices: [] });
  const invoices = await stripe.invoices.list({ customer });
  return Response.json({ invoices: invoices.data });
}
