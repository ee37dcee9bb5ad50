'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function archiveInvoice(id: string) {
  const { accountId } = await requireAuth();
  // tenant-guard: review: `db.invoice.update()` needs a unique where, and Prisma 4 does not accept accountId next to it (Prisma 5 does): check the row's accountId first
  await db.invoice.update({ where: { id }, data: { status: 'archived' } });
}
