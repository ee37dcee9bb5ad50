import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** "Upgrade" button: starts a Stripe Checkout for the Pro plan. */
export async function POST() {
  const { accountId } = await requireAuth();
  const account = await db.account.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, stripeCustomerId: true } });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    // The account's own Stripe customer, by the id stored when it was created; the first checkout creates it.
    ...(account.stripeCustomerId ? { customer: account.stripeCustomerId } : {}),
    // How the webhook finds the account again: ids the server wrote, never the email typed at checkout.
    client_reference_id: account.id,
    metadata: { accountId: account.id },
    line_items: [{ price: process.env.STRIPE_PRO_PRICE_ID!, quantity: 1 }],
    success_url: `${process.env.APP_URL}/billing?done=1`,
    cancel_url: `${process.env.APP_URL}/pricing`,
  });
  return NextResponse.json({ url: session.url });
}
