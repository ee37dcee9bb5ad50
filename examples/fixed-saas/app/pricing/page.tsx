import { db } from '@/lib/db';

export default async function PricingPage() {
  // Plan has no accountId: the price list is the same for every visitor.
  const plans = await db.plan.findMany({ orderBy: { name: 'asc' } });

  return (
    <main>
      <h1>Pricing</h1>
      <ul>
        {plans.map((plan) => (
          <li key={plan.id}>
            <a href={`/signup?price=${plan.priceId}`}>Choose {plan.name}</a>
          </li>
        ))}
      </ul>
    </main>
  );
}
