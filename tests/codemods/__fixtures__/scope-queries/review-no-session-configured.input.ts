import { db } from '@/lib/db';

export async function listSubscriptions() {
  return db.subscription.findMany();
}
