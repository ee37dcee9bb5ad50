import { NextResponse, type NextRequest } from 'next/server';
import { supabaseAdmin } from '@/lib/supabase/admin';

/** Revenue report, used by the dashboard and (through an API key proxy) by the accounting export. */
export async function GET(req: NextRequest) {
  const accountId = req.headers.get('x-account-id') ?? undefined;
  let query = supabaseAdmin.from('invoices').select('amount_cents, status, created_at').eq('status', 'paid');
  // LEAK: the tenant filter is only added when the header is there; without it, every account's revenue.
  if (accountId) query = query.eq('account_id', accountId);
  const { data } = await query;
  const total = (data ?? []).reduce((sum, invoice) => sum + invoice.amount_cents, 0);
  return NextResponse.json({ total });
}
