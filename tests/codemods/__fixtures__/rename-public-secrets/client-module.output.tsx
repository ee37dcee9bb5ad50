'use client';

export function InvoiceHistory() {
  // tenant-guard: review: `STRIPE_SECRET_KEY` is read in a 'use client' module, where Next.js leaves it undefined (it is no longer inlined, as a secret must not be): move what needs it to a Route Handler or Server Action
  const load = () =>
    fetch('https://api.stripe.com/v1/invoices?limit=10', {
      headers: { Authorization: `Bearer ${process.env.STRIPE_SECRET_KEY}` },
    });
  return <button onClick={load}>Load invoices</button>;
}
