'use client';

export function InvoiceHistory() {
  const load = () =>
    fetch('https://api.stripe.com/v1/invoices?limit=10', {
      headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY}` },
    });
  return <button onClick={load}>Load invoices</button>;
}
