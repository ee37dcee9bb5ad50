import type Stripe from 'stripe';
import { NextResponse } from 'next/server';
import { stripe } from '@/lib/stripe';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Server to server: the event is signed by Stripe, and its ids say which account it is about.
export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get('stripe-signature');
  if (!signature) return NextResponse.json({ error: 'missing signature' }, { status: 400 });

  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);
  } catch {
    return NextResponse.json({ error: 'invalid signature' }, { status: 400 });
  }

  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    // Checkout was started with client_reference_id = the account's id.
    if (session.client_reference_id && typeof session.customer === 'string') {
      await supabaseAdmin.from('accounts').update({ stripe_customer_id: session.customer }).eq('id', session.client_reference_id);
    }
  }
  if (event.type === 'customer.subscription.updated' || event.type === 'customer.subscription.deleted') {
    const subscription = event.data.object as Stripe.Subscription;
    await supabaseAdmin
      .from('subscriptions')
      .update({ status: subscription.status, current_period_end: new Date(subscription.items.data[0].current_period_end * 1000).toISOString() })
      .eq('stripe_subscription_id', subscription.id);
  }
  return NextResponse.json({ received: true });
}
