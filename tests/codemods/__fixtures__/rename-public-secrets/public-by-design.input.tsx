'use client';

import { loadStripe } from '@stripe/stripe-js';

export const stripePromise = loadStripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!);
export const appUrl = process.env.NEXT_PUBLIC_APP_URL;
