export async function priceFor(plan: string) {
  const res = await fetch(`https://pricing.example.com/${plan}`, { headers: { 'x-key': process.env.PRICING_SECRET_KEY! } });
  return (await res.json()) as { amount: number };
}
