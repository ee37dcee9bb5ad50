import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Safe variant of app/api/reports: the account is required (from the session), so the filter is always there.
export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const since = new URL(req.url).searchParams.get('since');
  let query = supabaseAdmin.from('invoices').select('amount_cents, status, created_at').eq('account_id', accountId).eq('status', 'paid');
  if (since) query = query.gte('created_at', since);
  const { data } = await query;
  const total = (data ?? []).reduce((sum, invoice) => sum + invoice.amount_cents, 0);
  return NextResponse.json({ total });
}
