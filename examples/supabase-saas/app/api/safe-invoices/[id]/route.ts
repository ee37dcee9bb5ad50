import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

// Safe variant of app/api/invoices/[id]: the row must be the id from the URL *and* belong to the session's account.
export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { accountId } = await requireAuth();
  const { id } = await params;
  const { status } = (await req.json()) as { status: 'open' | 'paid' | 'void' };
  const { data, error } = await supabaseAdmin
    .from('invoices')
    .update({ status })
    .eq('id', id)
    .eq('account_id', accountId)
    .select('id, number, status')
    .single();
  if (error) return NextResponse.json({ error: 'not found' }, { status: 404 });
  return NextResponse.json(data);
}
