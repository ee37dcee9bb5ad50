import { NextResponse } from 'next/server';
import type Stripe from 'stripe';
import { db } from '@/lib/db';

/** Stripe calls this URL after a checkout completes and when a subscription changes. */
export async function POST(req: Request) {
  // LEAK(require-webhook-verification): the body is trusted as a Stripe event; anyone can post a forged "payment".
  const event = (await req.json()) as Stripe.Event;

  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const email = session.customer_details?.email;
      if (!email) break;
      // The payer is matched to an account by the email typed into the checkout form.
      const user = await db.user.findUnique({
        // LEAK(no-stripe-email-lookup): that email can belong to another account's user, or to nobody here.
        where: { email },
        select: { memberships: { select: { accountId: true }, take: 1 } },
      });
      const membership = user?.memberships[0];
      if (membership && typeof session.customer === 'string') {
        await db.account.update({ where: { id: membership.accountId }, data: { stripeCustomerId: session.customer } });
      }
      break;
    }
  }

  return NextResponse.json({ received: true });
}
