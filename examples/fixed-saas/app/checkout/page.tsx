import { CheckoutForm } from './checkout-form';

export default function CheckoutPage() {
  return (
    <main>
      <h1>Upgrade</h1>
      <CheckoutForm stripeKey={process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY!} />
    </main>
  );
}
