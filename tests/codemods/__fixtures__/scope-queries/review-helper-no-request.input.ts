import { db } from '@/lib/db';

/** Also called by the nightly job, where there is no request and so no session. */
export async function overdueInvoices() {
  return db.invoice.findMany({ where: { status: 'overdue' } });
}
