import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const { userId, accountId } = await requireAuth();
  const { email } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { stripeCustomerId: true } });
  return Response.json({ customer: account.stripeCustomerId ?? undefined, accountId });
}
