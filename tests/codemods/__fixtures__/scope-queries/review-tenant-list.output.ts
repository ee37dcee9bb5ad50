import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Accounts for the account switcher. */
export async function GET() {
  const session = await requireAuth();
  // tenant-guard: review: `db.account.findMany()` lists every Account, the tenant itself: restrict it to the session's Account (`where: { id: … }`) or to the user's memberships
  const accounts = await db.account.findMany({ select: { id: true, name: true } });
  return NextResponse.json(accounts);
}
