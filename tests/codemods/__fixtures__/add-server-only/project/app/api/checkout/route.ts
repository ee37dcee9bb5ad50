import { stripe } from '@/lib/stripe';
import { supabaseAdmin } from '@/lib/supabase-admin';

export async function POST() {
  await supabaseAdmin.from('events').insert({ kind: 'checkout' });
  return Response.json(await stripe.checkout.sessions.create({ mode: 'payment' }));
}
