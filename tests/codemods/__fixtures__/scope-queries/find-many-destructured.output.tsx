import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const { accountId } = await requireAuth();
  const invoices = await db.invoice.findMany({ where: { accountId } });
  return NextResponse.json(invoices);
}
