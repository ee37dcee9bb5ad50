'use client';

import { useEffect, useState } from 'react';

type Invoice = { id: string; number: number; amountCents: number };

export function InvoiceHistory() {
  const [invoices, setInvoices] = useState<Invoice[]>([]);
  useEffect(() => {
    // The app's own API, which scopes invoices to the signed-in account on the server.
    fetch('/api/invoices')
      .then((res) => res.json())
      .then((body: Invoice[]) => setInvoices(body));
  }, []);
  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id}>
          {invoice.number}: {(invoice.amountCents / 100).toFixed(2)}
        </li>
      ))}
    </ul>
  );
}
