import { stripe } from '../lib/stripe';

export default async function Page() {
  return <p>{(await stripe.balance.retrieve()).object}</p>;
}
