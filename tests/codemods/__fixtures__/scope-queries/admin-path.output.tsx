import { db } from '@/lib/db';

/** Staff only: every account, on purpose. */
export default async function AdminAccountsPage() {
  const invoices = await db.invoice.findMany({ orderBy: { number: 'desc' } });
  return <pre>{JSON.stringify(invoices)}</pre>;
}
