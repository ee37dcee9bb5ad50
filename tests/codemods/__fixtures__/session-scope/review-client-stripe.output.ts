import { requireAuth } from '@/lib/auth';
import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  await requireAuth();
  const { customerId } = await req.json();
  // tenant-guard: review: the Stripe customer `customerId` comes from the request body: pass the id stored on the account you load through the session (`account.stripeCustomerId`); which stored id that is cannot be told from here
  const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: 'https://example.com/billing' });
  return Response.json({ url: portal.url });
}
