import Stripe from 'stripe';

// The Stripe server SDK, for route handlers and server actions.
export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: '2024-06-20' });
