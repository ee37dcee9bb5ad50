import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Safe variant of app/api/search: the SQL function that takes the account, given the session's account.
export async function GET(req: NextRequest) {
  const { accountId } = await requireAuth();
  const term = req.nextUrl.searchParams.get('q') ?? '';
  const { data } = await supabaseAdmin.rpc('search_account_invoices', { p_account_id: accountId, term });
  return NextResponse.json(data);
}
