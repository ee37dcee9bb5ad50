import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** "Cancel my past-due subscriptions" on the billing page. */
export async function DELETE() {
  const { accountId } = await requireAuth();
  const { count } = await db.subscription.updateMany({ where: { accountId, status: 'past_due' }, data: { status: 'canceled' } });
  return NextResponse.json({ canceled: count });
}
