import { redirect } from 'next/navigation';
import { createClient } from '@/lib/supabase/server';

/**
 * The signed-in user and the account (tenant) they act for, from the Supabase session cookie; redirects to /login
 * otherwise. The account comes from the user's membership, read under RLS — never from the request.
 */
export async function requireAuth(): Promise<{ userId: string; accountId: string }> {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user) redirect('/login');
  const { data: membership } = await supabase.from('memberships').select('account_id').eq('user_id', user.id).limit(1).maybeSingle();
  if (!membership) redirect('/onboarding');
  return { userId: user.id, accountId: membership.account_id };
}
