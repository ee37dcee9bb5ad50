import { requireAuth } from '@/lib/auth';
import { db } from '@/lib/db';

export async function GET() {
  const auth = await requireAuth();
  const [notes, total] = await Promise.all([db.note.findMany({ take: 10 }), db.note.count()]);
  return Response.json({ notes, total, user: auth.userId });
}
