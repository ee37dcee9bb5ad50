import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** Opens the billing portal of the signed-in account. */
export async function POST() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const customers = await stripe.customers.list({ email: user.email, limit: 1 });
  const customerId = customers.data[0]?.id;
  if (!customerId) return Response.json({ error: 'no billing account' }, { status: 404 });
  const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: 'https://example.com/billing' });
  return Response.json({ url: portal.url });
}
