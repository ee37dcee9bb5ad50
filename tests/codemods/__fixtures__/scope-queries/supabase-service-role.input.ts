import { supabaseAdmin } from '@/lib/supabase/admin';
import { requireAuth } from '@/lib/auth';

export async function GET() {
  const { data } = await supabaseAdmin.from('invoices').select('*');
  return Response.json(data);
}
