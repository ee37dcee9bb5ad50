import { NextResponse } from 'next/server';
import type Stripe from 'stripe';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  const body = await req.text();
  const event = stripe.webhooks.constructEvent(body, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object as Stripe.Checkout.Session;
      const email = session.customer_details?.email;
      if (!email) break;
      const user = await db.user.findUnique({ where: { email }, select: { memberships: { select: { accountId: true }, take: 1 } } });
      const membership = user?.memberships[0];
      if (membership && typeof session.customer === 'string') {
        await db.account.update({ where: { id: membership.accountId }, data: { stripeCustomerId: session.customer } });
      }
      break;
    }
  }
  return NextResponse.json({ received: true });
}
