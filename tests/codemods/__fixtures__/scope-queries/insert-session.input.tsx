import { db } from '@/lib/db';

export default async function InvoicesPage() {
  const invoices = await db.invoice.findMany({ orderBy: { number: 'desc' } });
  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id}>{invoice.number}</li>
      ))}
    </ul>
  );
}
