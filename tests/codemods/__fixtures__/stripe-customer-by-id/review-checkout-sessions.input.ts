import { requireAuth } from '@/lib/auth';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { accountId } = await requireAuth();
  const sessions = await stripe.checkout.sessions.list({ customer_details: { email: 'a@example.com' } });
  return Response.json({ accountId, sessions: sessions.data });
}
