import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** "Upgrade" button: starts a Stripe Checkout for the Pro plan. */
export async function POST() {
  const { userId } = await requireAuth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  // "Get or create" the Stripe customer by the user's email.
  // LEAK(no-stripe-email-lookup): another account's customer with the same email is reused, and billed.
  const existing = await stripe.customers.list({ email: user.email, limit: 1 });
  const customer = existing.data[0] ?? (await stripe.customers.create({ email: user.email }));
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: [{ price: process.env.STRIPE_PRO_PRICE_ID!, quantity: 1 }],
    success_url: `${process.env.APP_URL}/billing?done=1`,
    cancel_url: `${process.env.APP_URL}/pricing`,
  });
  return NextResponse.json({ url: session.url });
}
