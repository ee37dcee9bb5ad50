import { supabaseAdmin } from '@/lib/supabase/admin';
import { requireAuth } from '@/lib/auth';

export async function GET(req: Request) {
  const { accountId } = await requireAuth();
  const account = new URL(req.url).searchParams.get('account')!;
  const { data } = await supabaseAdmin.from('invoices').select('id, number').eq('account_id', account);
  return Response.json({ data, accountId });
}
