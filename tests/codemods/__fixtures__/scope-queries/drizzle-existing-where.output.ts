'use server';

import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { invoices, projects } from '@/db/schema';
import { requireAuth } from '@/lib/auth';

export async function openInvoices(status: string) {
  const session = await requireAuth();
  return db.select().from(invoices).where(and(eq(invoices.status, status), eq(invoices.teamId, session.teamId)));
}

export async function archive() {
  const session = await requireAuth();
  await db.update(projects).set({ name: 'archived' }).where(and(eq(projects.name, 'old'), eq(projects.teamId, session.teamId)));
}
