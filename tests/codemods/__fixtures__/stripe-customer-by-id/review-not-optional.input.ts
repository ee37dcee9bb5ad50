import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const customers = await stripe.customers.list({ email: user.email });
  const invoices = await stripe.invoices.list({ customer: customers.data[0].id });
  return Response.json(invoices.data);
}
