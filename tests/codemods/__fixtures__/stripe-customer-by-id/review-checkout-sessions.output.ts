import { requireAuth } from '@/lib/auth';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { accountId } = await requireAuth();
  // tenant-guard: review: `stripe.checkout.sessions.list()` finds Checkout Sessions by the email typed into them: find them by the customer stored on the account (`customer: account.stripeCustomerId`) or by the `client_reference_id` your checkout sets
  const sessions = await stripe.checkout.sessions.list({ customer_details: { email: 'a@example.com' } });
  return Response.json({ accountId, sessions: sessions.data });
}
