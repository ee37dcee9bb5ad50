import { db } from '@/lib/db';

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ accountId: string }> }) {
  const { accountId } = await searchParams;
  const invoices = await db.invoice.findMany({ where: { accountId } });
  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id}>{invoice.number}</li>
      ))}
    </ul>
  );
}
