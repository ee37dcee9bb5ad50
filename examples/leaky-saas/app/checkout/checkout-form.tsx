'use client';

import { loadStripe } from '@stripe/stripe-js';
import { useMemo } from 'react';

export function CheckoutForm({ stripeKey }: { stripeKey: string }) {
  const stripe = useMemo(() => loadStripe(stripeKey), [stripeKey]);
  return <form onSubmit={async (e) => { e.preventDefault(); await stripe; }}><button>Pay</button></form>;
}
