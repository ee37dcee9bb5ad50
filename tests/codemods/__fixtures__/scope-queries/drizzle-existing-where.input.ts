'use server';

import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { invoices, projects } from '@/db/schema';

export async function openInvoices(status: string) {
  return db.select().from(invoices).where(eq(invoices.status, status));
}

export async function archive() {
  await db.update(projects).set({ name: 'archived' }).where(and(eq(projects.name, 'old')));
}
