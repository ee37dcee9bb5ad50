import { NextResponse, type NextRequest } from 'next/server';
import { requireAuth } from '@/lib/auth';
import { supabaseAdmin } from '@/lib/supabase/admin';

export async function GET(req: NextRequest) {
  await requireAuth();
  const term = req.nextUrl.searchParams.get('q') ?? '';
  // LEAK: search_invoices() returns invoices of every account, and the service role runs it with RLS bypassed.
  const { data } = await supabaseAdmin.rpc('search_invoices', { term });
  return NextResponse.json(data);
}
