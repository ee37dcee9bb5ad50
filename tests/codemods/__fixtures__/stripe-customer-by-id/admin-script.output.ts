import { stripe } from '@/lib/stripe';

const [email] = process.argv.slice(2);
const customers = await stripe.customers.list({ email: email!, limit: 10 });
console.log(customers.data.map((c) => c.id));
