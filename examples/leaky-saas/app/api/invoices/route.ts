import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  await requireAuth();
  // LEAK: no where clause, so any signed-in user gets every account's invoices.
  const invoices = await db.invoice.findMany({ orderBy: { number: 'desc' } });
  return NextResponse.json(invoices);
}
