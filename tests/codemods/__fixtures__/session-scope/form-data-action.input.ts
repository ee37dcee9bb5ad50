'use server';

import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function createInvoice(formData: FormData) {
  const session = await requireAuth();
  const accountId = formData.get('accountId') as string;
  const number = Number(formData.get('number'));
  await db.invoice.create({ data: { accountId, number, amountCents: 0 } });
}
