import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Safe variant of app/api/invoices: the account comes from the session and goes into the query.
export async function GET() {
  const { accountId } = await requireAuth();
  const { data, error } = await supabaseAdmin
    .from('invoices')
    .select('id, number, customer_name, amount_cents, status')
    .eq('account_id', accountId)
    .order('number', { ascending: false });
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json(data);
}
