import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function openInvoices() {
  const session = await requireAuth();
  // Newest first.
  return db.invoice.findMany({
    where: { status: 'open' },
    orderBy: { number: 'desc' },
  });
}
