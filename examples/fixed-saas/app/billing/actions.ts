'use server';

import { redirect } from 'next/navigation';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { stripe } from '@/lib/stripe';

/** Opens the Stripe billing portal for the signed-in user's account; the secret key never leaves the server. */
export async function openBillingPortal(returnUrl: string) {
  const { accountId } = await requireAuth();
  const account = await db.account.findUnique({ where: { id: accountId }, select: { stripeCustomerId: true } });
  if (!account?.stripeCustomerId) redirect('/pricing');
  const portal = await stripe.billingPortal.sessions.create({ customer: account.stripeCustomerId, return_url: returnUrl });
  redirect(portal.url);
}
