import { db } from '@/lib/db';

export function listInvoices(accountId: string) {
  return db.invoice.findMany({ where: { accountId } });
}
