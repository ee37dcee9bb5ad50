import { priceFor } from '@/lib/pricing';

export async function quote(plan: string, seats: number) {
  return (await priceFor(plan)).amount * seats;
}
