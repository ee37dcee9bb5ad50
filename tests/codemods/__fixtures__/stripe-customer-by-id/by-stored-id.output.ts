import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function POST() {
  const { accountId } = await requireAuth();
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { stripeCustomerId: true } });
  if (!account.stripeCustomerId) return Response.json({ error: 'no billing account' }, { status: 404 });
  const portal = await stripe.billingPortal.sessions.create({ customer: account.stripeCustomerId, return_url: 'https://example.com/billing' });
  return Response.json({ url: portal.url });
}
