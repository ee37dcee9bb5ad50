import { quote } from '@/lib/quotes';

export default async function QuotesPage() {
  return <p>{await quote('pro', 5)}</p>;
}
