import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  // tenant-guard: review: the tenant model has no stored Stripe customer id (a `stripeCustomerId` field on the account): add one, fill it where customers are created, then look customers up by it
  const customers = await stripe.customers.list({ email: user.email, limit: 1 });
  return Response.json({ customer: customers.data[0]?.id });
}
