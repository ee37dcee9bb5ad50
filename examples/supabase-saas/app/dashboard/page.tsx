import { createClient } from '@/lib/supabase/server';

// The user-bound client runs under RLS (policies in supabase/migrations): the database keeps this to the user's account.
export default async function DashboardPage() {
  const supabase = await createClient();
  const { data: invoices } = await supabase.from('invoices').select('id, number, customer_name, status').order('created_at', { ascending: false }).limit(10);
  const { count: open } = await supabase.from('invoices').select('*', { count: 'exact', head: true }).eq('status', 'open');

  return (
    <main>
      <h1>Dashboard</h1>
      <p>{open ?? 0} open invoices</p>
      <ul>
        {invoices?.map((invoice) => (
          <li key={invoice.id}>
            #{invoice.number} {invoice.customer_name} ({invoice.status})
          </li>
        ))}
      </ul>
    </main>
  );
}
