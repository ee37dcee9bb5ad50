import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { userId, accountId } = await requireAuth();
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const result = await stripe.customers.search({ query: `email:'${email}'` });
  return Response.json({ customer: result.data[0]?.id, accountId });
}
