import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

export async function GET() {
  await requireAuth();
  // LEAK: the service-role client skips RLS, and nothing filters by account_id: every account's invoices.
  const { data, error } = await supabaseAdmin.from('invoices').select('id, number, customer_name, amount_cents, status').order('number', { ascending: false });
  if (error) return NextResponse.json({ error: error.message }, { status: 500 });
  return NextResponse.json(data);
}
