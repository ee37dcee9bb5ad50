import { notFound } from 'next/navigation';
import { createClient } from '@/lib/supabase/server';
import { supabaseAdmin } from '@/lib/supabase/admin';

const STAFF = (process.env.STAFF_EMAILS ?? '').split(',').filter(Boolean);

// Staff back office (an allowed path): listing every account is the point of this page.
export default async function AdminAccountsPage() {
  const supabase = await createClient();
  const {
    data: { user },
  } = await supabase.auth.getUser();
  if (!user?.email || !STAFF.includes(user.email)) notFound();

  const { data: accounts } = await supabaseAdmin.from('accounts').select('id, name, stripe_customer_id').order('created_at', { ascending: false });

  return (
    <table>
      <tbody>
        {accounts?.map((account) => (
          <tr key={account.id}>
            <td>{account.name}</td>
            <td>{account.stripe_customer_id ?? 'no customer'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
