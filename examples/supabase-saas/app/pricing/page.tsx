import { supabaseAdmin } from '@/lib/supabase/admin';

export default async function PricingPage() {
  // plans has no account_id: the price list is the same for every visitor.
  const { data: plans } = await supabaseAdmin.from('plans').select('id, name, price_cents, stripe_price_id').order('price_cents');

  return (
    <main>
      <h1>Pricing</h1>
      <ul>
        {plans?.map((plan) => (
          <li key={plan.id}>
            <a href={`/signup?price=${plan.stripe_price_id}`}>Choose {plan.name}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
