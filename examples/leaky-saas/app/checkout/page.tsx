import { CheckoutForm } from './checkout-form';

export default function CheckoutPage() {
  return (
    <main>
      <h1>Upgrade</h1>
      {/* LEAK(no-secret-in-client): the secret key, not the publishable one, is serialized into the page for the browser. */}
      <CheckoutForm stripeKey={process.env.STRIPE_SECRET_KEY!} />
    </main>
  );
}
