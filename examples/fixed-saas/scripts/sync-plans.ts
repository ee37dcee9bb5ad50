// Copies the active Stripe prices into the public Plan table: `npx tsx scripts/sync-plans.ts`.
import Stripe from 'stripe';
import { db } from '../lib/db';

// The key comes from the environment (`STRIPE_SECRET_KEY=… npx tsx scripts/sync-plans.ts`), never from the source.
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);

const prices = await stripe.prices.list({ active: true, expand: ['data.product'] });
for (const price of prices.data) {
  const name = typeof price.product === 'string' ? price.product : 'deleted' in price.product ? price.id : price.product.name;
  await db.plan.upsert({ where: { priceId: price.id }, create: { priceId: price.id, name }, update: { name } });
}
