import { headers } from 'next/headers';
import { NextResponse } from 'next/server';
import type Stripe from 'stripe';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function POST(req: Request) {
  const body = await req.text();
  const sig = (await headers()).get('stripe-signature');
  if (!sig) return NextResponse.json({ error: 'missing signature' }, { status: 400 });

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, sig, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return NextResponse.json({ error: 'invalid signature' }, { status: 400 });
  }

  // Stripe can deliver an event more than once: one already recorded is skipped.
  if (await db.stripeEvent.findUnique({ where: { id: event.id } })) return NextResponse.json({ received: true });

  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    // Checkout was started with client_reference_id = the account's id; the event is signed by Stripe.
    const accountId = session.client_reference_id;
    const stripeCustomerId = typeof session.customer === 'string' ? session.customer : session.customer?.id;
    if (accountId && stripeCustomerId) {
      await db.$transaction([
        db.account.update({ where: { id: accountId }, data: { stripeCustomerId } }),
        db.stripeEvent.create({ data: { id: event.id, type: event.type } }),
      ]);
    }
  }

  return NextResponse.json({ received: true });
}
