import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** The signed-in user's profile, for the settings screen. */
export async function GET() {
  const { userId } = await requireAuth();
  // LEAK(require-select-shape): the whole User row, password hash included, is sent to the browser.
  const user = await db.user.findUnique({ where: { id: userId } });
  return NextResponse.json(user);
}
