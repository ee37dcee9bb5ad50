import { db } from '@/lib/db';

/** Also called by the nightly job, where there is no request and so no session. */
export async function overdueInvoices() {
  // tenant-guard: review: `overdueInvoices` is not a route handler, page or server action, so there may be no session when it runs: take the session in its caller and pass the accountId in
  return db.invoice.findMany({ where: { status: 'overdue' } });
}
