import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';
import { getRevenue } from './revenue';

// The page reads the session, so it is rendered for each request; only the revenue figure is cached, per account.
export const dynamic = 'force-dynamic';

export default async function BillingPage() {
  const { accountId } = await requireAuth();
  const invoices = await db.invoice.findMany({ where: { accountId, status: 'open' }, orderBy: { number: 'desc' } });
  const revenue = await getRevenue();

  return (
    <main>
      <h1>Billing</h1>
      <p>Paid so far: {(revenue / 100).toFixed(2)}</p>
      <ul>
        {invoices.map((invoice) => (
          <li key={invoice.id}>
            #{invoice.number}: {(invoice.amountCents / 100).toFixed(2)}
          </li>
        ))}
      </ul>
    </main>
  );
}
