import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

export async function customerIdFor(email: string) {
  // tenant-guard: review: `customerIdFor` is not a route handler, page or server action, so there may be no session when it runs: take the session in its caller and pass the accountId in (to read the account's stored `stripeCustomerId` instead of finding the customer by email)
  const customers = await stripe.customers.list({ email, limit: 1 });
  return customers.data[0]?.id;
}

export async function touch() {
  return db.plan.findMany();
}
