import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  const { email, account } = await req.json();
  const customers = await stripe.customers.list({ email }, { stripeAccount: account });
  return Response.json({ id: customers.data[0]?.id });
}
