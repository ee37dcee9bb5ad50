import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  // tenant-guard: review: `stripe.customers.list()`'s result is used for more than the first customer's id: read the id stored on the account instead (`const { stripeCustomerId } = await db.account.findUniqueOrThrow({ where: { id: <the session's accountId> }, select: { stripeCustomerId: true } })`, and create the customer (storing its id on the account) only when it is null)
  const customers = await stripe.customers.list({ email: user.email });
  const invoices = await stripe.invoices.list({ customer: customers.data[0].id });
  return Response.json(invoices.data);
}
