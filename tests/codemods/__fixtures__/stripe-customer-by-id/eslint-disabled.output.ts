import { stripe } from '@/lib/stripe';

/** Whether this email already used a trial, across every customer sharing it: by email on purpose. */
export async function emailUsedTrial(email: string) {
  // eslint-disable-next-line tenant-guard/no-stripe-email-lookup -- trial abuse check across customers
  const customers = await stripe.customers.list({ email, limit: 100 });
  return customers.data.some((c) => c.metadata.trialUsed === 'true');
}
