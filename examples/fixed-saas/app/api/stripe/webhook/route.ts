import { headers } from 'next/headers';
import { NextResponse } from 'next/server';
import type Stripe from 'stripe';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** Stripe calls this URL after a checkout completes and when a subscription changes. */
export async function POST(req: Request) {
  // The raw body: Stripe signs these exact bytes, so it is read as text, never parsed first.
  const body = await req.text();
  const signature = (await headers()).get('stripe-signature');
  if (!signature) return NextResponse.json({ error: 'missing signature' }, { status: 400 });

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return NextResponse.json({ error: 'invalid signature' }, { status: 400 });
  }

  // Stripe can deliver an event more than once. Its id is recorded in the same transaction as the changes it
  // makes: a repeat fails on the unique id and is skipped; a failed run rolls back, and Stripe's retry runs it again.
  try {
    await db.$transaction(async (tx) => {
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type } });
      await apply(tx, event);
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return NextResponse.json({ received: true, duplicate: true });
    throw error;
  }
  return NextResponse.json({ received: true });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

async function apply(tx: Tx, event: Stripe.Event) {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      // The checkout route put the account's id into client_reference_id; the event is signed by Stripe.
      const accountId = session.client_reference_id;
      if (accountId && typeof session.customer === 'string') {
        await tx.account.update({ where: { id: accountId }, data: { stripeCustomerId: session.customer } });
      }
      return;
    }
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const subscription = event.data.object;
      // The account is the one whose stored Stripe customer id this subscription belongs to.
      const account = await tx.account.findUnique({ where: { stripeCustomerId: subscription.customer as string }, select: { id: true } });
      if (!account) return;
      await tx.subscription.updateMany({
        where: { accountId: account.id, stripeSubscriptionId: subscription.id },
        data: { status: subscription.status },
      });
      return;
    }
  }
}
