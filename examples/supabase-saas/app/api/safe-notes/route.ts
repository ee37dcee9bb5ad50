import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Safe variant of app/api/notes: the tenant is an `.eq()` beside the `.or()`, so the `.or()` only picks within the account.
export async function GET() {
  const { accountId, userId } = await requireAuth();
  const { data } = await supabaseAdmin
    .from('notes')
    .select('id, body, is_pinned, created_at')
    .eq('account_id', accountId)
    .or(`author_id.eq.${userId},is_pinned.eq.true`);
  return NextResponse.json(data);
}
