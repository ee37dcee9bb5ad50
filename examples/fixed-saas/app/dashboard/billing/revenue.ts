import { unstable_cache } from 'next/cache';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Cached per account: the account id is an argument, and unstable_cache keys entries by their arguments. */
const revenueOf = unstable_cache(
  async (accountId: string) => {
    const { _sum } = await db.invoice.aggregate({ where: { accountId, status: 'paid' }, _sum: { amountCents: true } });
    return _sum.amountCents ?? 0;
  },
  ['revenue'],
  { revalidate: 300 },
);

/** Paid revenue of the caller's account, in cents, cached for five minutes. */
export async function getRevenue(): Promise<number> {
  const { accountId } = await requireAuth();
  return revenueOf(accountId);
}
