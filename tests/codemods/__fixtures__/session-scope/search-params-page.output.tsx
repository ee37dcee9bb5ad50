import { db } from '@/lib/db';
import { requireAuth } from '@/lib/auth';

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ accountId: string }> }) {
  const session = await requireAuth();
  const invoices = await db.invoice.findMany({ where: { accountId: session.accountId } });
  return (
    <ul>
      {invoices.map((invoice) => (
        <li key={invoice.id}>{invoice.number}</li>
      ))}
    </ul>
  );
}
