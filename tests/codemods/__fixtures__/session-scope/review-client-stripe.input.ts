import { requireAuth } from '@/lib/auth';
import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  await requireAuth();
  const { customerId } = await req.json();
  const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: 'https://example.com/billing' });
  return Response.json({ url: portal.url });
}
