// Copies the active Stripe prices into the public Plan table: `npx tsx scripts/sync-plans.ts`.
import Stripe from 'stripe';
import { db } from '../lib/db';

// LEAK(no-hardcoded-secret): "just for this script", and now the secret key is in the repository and its history.
const stripe = new Stripe('sk_test_51FAKEq8Lr2xY7Tb0cVh3KmW9pZd4SgE6uJ1oQyRiXnM5aBwCLedgerly');

const prices = await stripe.prices.list({ active: true, expand: ['data.product'] });
for (const price of prices.data) {
  const name = typeof price.product === 'string' ? price.product : 'deleted' in price.product ? price.id : price.product.name;
  await db.plan.upsert({ where: { priceId: price.id }, create: { priceId: price.id, name }, update: { name } });
}
