import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** Opens the billing portal of the signed-in account. */
export async function POST() {
  const { userId, accountId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { stripeCustomerId: true } });
  const customerId = account.stripeCustomerId ?? undefined;
  if (!customerId) return Response.json({ error: 'no billing account' }, { status: 404 });
  const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: 'https://example.com/billing' });
  return Response.json({ url: portal.url });
}
