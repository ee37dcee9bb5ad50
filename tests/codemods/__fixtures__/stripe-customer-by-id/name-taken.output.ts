import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function GET() {
  const session = await requireAuth();
  const account = await db.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { name: true } });
  const user = await db.user.findUniqueOrThrow({ where: { id: session.userId }, select: { email: true } });
  const found = await db.account.findUniqueOrThrow({ where: { id: session.accountId }, select: { stripeCustomerId: true } });
  return Response.json({ name: account.name, customer: found.stripeCustomerId ?? undefined });
}
