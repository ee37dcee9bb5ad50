import { supabaseAdmin } from '@/lib/supabase/admin';
import { createClient } from '@/lib/supabase/server';

export async function POST(req: Request) {
  const supabase = await createClient();
  const { data: { session } } = await supabase.auth.getSession();
  const { body } = await req.json();
  // tenant-guard: review: account_id comes from `supabase.auth.getSession()`, which reads the cookie without verifying it: use `supabase.auth.getUser()` (verified, but a network call with another result shape: `{ data: { user } }`)
  await supabaseAdmin.from('notes').insert({ body, account_id: session!.user.id });
  return new Response(null, { status: 201 });
}
