'use client';

import { useEffect, useState } from 'react';

type StripeInvoice = { id: string; number: string; amount_due: number };

export function InvoiceHistory() {
  const [invoices, setInvoices] = useState<StripeInvoice[]>([]);
  useEffect(() => {
    fetch('https://api.stripe.com/v1/invoices?limit=10', {
      // LEAK(no-public-env-secret): the secret key reaches the browser, and with it every customer's invoices.
      headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY}` },
    })
      .then((res) => res.json())
      .then((body: { data: StripeInvoice[] }) => setInvoices(body.data));
  }, []);
  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id}>
          {invoice.number}: {(invoice.amount_due / 100).toFixed(2)}
        </li>
      ))}
    </ul>
  );
}
