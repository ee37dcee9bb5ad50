import { describe, expect, it } from 'vitest';
import { isDistinctStripeEventType, isStripeEventType, STRIPE_TEXT } from '../../src/core/stripe.js';

describe('Stripe event names', () => {
  it.each(['checkout.session.completed', 'customer.subscription.updated', 'invoice.paid', 'invoice.payment_failed', 'payment_intent.succeeded', 'charge.refund.updated', 'customer.created'])(
    '%s is a Stripe event type',
    (name) => expect(isStripeEventType(name)).toBe(true),
  );

  it.each(['user.created', 'order.paid', 'transaction.completed', 'subscription.created', 'order_created', 'invoice', 'checkout.session.completed ', 42])(
    '%s is not',
    (name) => expect(isStripeEventType(name)).toBe(false),
  );

  it('names other providers share count only where the file says Stripe; three-segment and snake_case ones anywhere', () => {
    expect(isDistinctStripeEventType('checkout.session.completed')).toBe(true);
    expect(isDistinctStripeEventType('payment_intent.succeeded')).toBe(true);
    expect(isDistinctStripeEventType('invoice.payment_failed')).toBe(true);
    expect(isDistinctStripeEventType('customer.created')).toBe(false); // Paddle and Polar send it too
    expect(isDistinctStripeEventType('invoice.paid')).toBe(false);
  });

  it('the pre-filter sees Stripe by name or by a Stripe-only event', () => {
    expect(STRIPE_TEXT.test("import Stripe from 'stripe'")).toBe(true);
    expect(STRIPE_TEXT.test("case 'checkout.session.completed':")).toBe(true);
    expect(STRIPE_TEXT.test("if (evt.type === 'user.created')")).toBe(false);
  });
});
