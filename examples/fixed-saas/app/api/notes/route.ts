import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

/** Adds a note to the account of the session; the browser sends only the text. */
export async function POST(req: Request) {
  const { userId, accountId } = await requireAuth();
  const { body } = (await req.json()) as { body: string };
  const note = await db.note.create({ data: { accountId, authorId: userId, body }, select: { id: true, body: true, createdAt: true } });
  return NextResponse.json(note, { status: 201 });
}
