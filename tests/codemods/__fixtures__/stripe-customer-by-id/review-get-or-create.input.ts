import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** "Upgrade" button: starts a Stripe Checkout for the Pro plan. */
export async function POST() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  const existing = await stripe.customers.list({ email: user.email, limit: 1 });
  const customer = existing.data[0] ?? (await stripe.customers.create({ email: user.email }));
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, success_url: 'https://example.com/ok' });
  return NextResponse.json({ url: session.url });
}
