import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** "Cancel my past-due subscriptions" button on the billing page. */
export async function DELETE() {
  await requireAuth();
  // LEAK: no accountId in the filter, so this cancels every account's past-due subscriptions.
  const { count } = await db.subscription.updateMany({ where: { status: 'past_due' }, data: { status: 'canceled' } });
  return NextResponse.json({ canceled: count });
}
