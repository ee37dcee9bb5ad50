import { supabaseAdmin } from '@/lib/supabase/admin';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const session = await requireAuth();
  const { data } = await supabaseAdmin.from('invoices').select('*').eq('account_id', session.accountId);
  return Response.json(data);
}
