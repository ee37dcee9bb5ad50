'use client';

// LEAK(no-secret-in-client): pulls lib/stripe.ts, and the Stripe server SDK with its secret key, into the browser bundle.
import { stripe } from '@/lib/stripe';

export function PortalButton({ customerId }: { customerId: string }) {
  async function open() {
    const portal = await stripe.billingPortal.sessions.create({ customer: customerId, return_url: window.location.href });
    window.location.assign(portal.url);
  }
  return <button onClick={open}>Manage billing</button>;
}
