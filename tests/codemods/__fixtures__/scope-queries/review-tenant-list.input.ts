import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Accounts for the account switcher. */
export async function GET() {
  const session = await requireAuth();
  const accounts = await db.account.findMany({ select: { id: true, name: true } });
  return NextResponse.json(accounts);
}
