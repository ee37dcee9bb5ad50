import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const { accountId } = await requireAuth();
  const invoices = await db.invoice.findMany({ where: { accountId }, orderBy: { number: 'desc' }, select: { id: true, number: true, amountCents: true, status: true, createdAt: true } });
  return NextResponse.json(invoices);
}
