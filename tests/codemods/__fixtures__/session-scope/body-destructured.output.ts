import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Adds a note to the account the dashboard has open. */
export async function POST(req: Request) {
  const { userId, accountId } = await requireAuth();
  const { body } = (await req.json()) as { accountId: string; body: string };
  const note = await db.note.create({ data: { accountId, authorId: userId, body } });
  return NextResponse.json(note, { status: 201 });
}
