import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  const { email, account } = await req.json();
  // tenant-guard: review: `stripe.customers.list()` finds a customer of the connected account `account` by email: store the customer id per connected account when you create it, and retrieve it by that id
  const customers = await stripe.customers.list({ email }, { stripeAccount: account });
  return Response.json({ id: customers.data[0]?.id });
}
