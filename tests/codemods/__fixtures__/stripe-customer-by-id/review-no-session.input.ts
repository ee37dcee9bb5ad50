import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function customerIdFor(email: string) {
  const customers = await stripe.customers.list({ email, limit: 1 });
  return customers.data[0]?.id;
}

export async function touch() {
  return db.plan.findMany();
}
