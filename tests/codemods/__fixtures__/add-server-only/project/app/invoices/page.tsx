import { listInvoices } from '@/lib/invoices';
import { track } from '@/lib/analytics';

export default async function InvoicesPage() {
  track('invoices');
  const invoices = await listInvoices('a');
  return <ul>{invoices.length}</ul>;
}
