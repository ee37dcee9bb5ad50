import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

/** The account's notes, and the pinned ones first. */
export async function GET() {
  const { accountId } = await requireAuth();
  // LEAK: the `is_pinned` branch of the `.or()` has no account_id, so every account's pinned notes come back too.
  const { data } = await supabaseAdmin.from('notes').select('id, body, is_pinned, created_at').or(`account_id.eq.${accountId},is_pinned.eq.true`);
  return NextResponse.json(data);
}
