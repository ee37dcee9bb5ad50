import { db } from '@/lib/db';

export async function listSubscriptions() {
  // tenant-guard: review: no session in scope: pass --session "<function> from <module>" and --scope accountId=<expression> to insert one
  return db.subscription.findMany();
}
