import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const invoice = await db.invoice.findFirst({ where: { id, accountId }, select: { id: true, number: true, amountCents: true, status: true, createdAt: true } });
  if (!invoice) return NextResponse.json({ error: 'not found' }, { status: 404 });
  return NextResponse.json(invoice);
}
