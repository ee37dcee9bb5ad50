import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** The signed-in user's profile, for the settings screen: only the fields it shows. */
export async function GET() {
  const { userId } = await requireAuth();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  return NextResponse.json(user);
}
