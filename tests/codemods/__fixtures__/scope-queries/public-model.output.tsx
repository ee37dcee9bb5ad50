import { db } from '@/lib/db';

/** The price list is the same for every customer. */
export default async function PricingPage() {
  const plans = await db.plan.findMany({ orderBy: { name: 'asc' } });
  return <pre>{JSON.stringify(plans)}</pre>;
}
