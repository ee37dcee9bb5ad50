import { db } from '@/lib/db';

/** Nightly revenue report across accounts, reviewed and allowed. */
export async function revenue() {
  // eslint-disable-next-line tenant-guard/require-tenant-scope -- finance report, every account on purpose
  return db.invoice.aggregate({ _sum: { amountCents: true } });
}
