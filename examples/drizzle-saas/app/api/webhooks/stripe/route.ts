import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { teams } from '@/lib/db/schema';

const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

export async function POST(request: Request) {
  const event = stripe.webhooks.constructEvent(
    await request.text(),
    request.headers.get('stripe-signature')!,
    process.env.STRIPE_WEBHOOK_SECRET!,
  );
  if (event.type === 'checkout.session.completed') {
    const session = event.data.object;
    // The team id was written server-side into client_reference_id at checkout.
    await db
      .update(teams)
      .set({ stripeCustomerId: String(session.customer) })
      .where(eq(teams.id, Number(session.client_reference_id)));
  }
  return new Response(null, { status: 200 });
}
