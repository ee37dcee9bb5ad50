'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function archiveInvoice(id: string) {
  const { accountId } = await requireAuth();
  await db.invoice.update({ where: { id }, data: { status: 'archived' } });
}
