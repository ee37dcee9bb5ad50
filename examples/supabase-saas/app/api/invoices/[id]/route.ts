import { NextResponse } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

export async function PATCH(req: Request, { params }: { params: Promise<{ id: string }> }) {
  await requireAuth();
  const { id } = await params;
  const { status } = (await req.json()) as { status: 'open' | 'paid' | 'void' };
  // LEAK (IDOR): updated by the id in the URL alone, so any signed-in user can void another account's invoice.
  const { data, error } = await supabaseAdmin.from('invoices').update({ status }).eq('id', id).select('id, number, status').single();
  if (error) return NextResponse.json({ error: error.message }, { status: 404 });
  return NextResponse.json(data);
}
