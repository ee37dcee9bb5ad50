import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-stripe-email-lookup.js';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'stripe');
const typed = join(import.meta.dirname, '..', 'fixtures', 'typed');
const file = (path: string) => join(fixture, path);
/** App Router webhook, pages-router webhook, a checkout route, a success page: where Stripe code lives. */
const webhook = file('app/api/stripe/webhook/route.ts');
const pagesWebhook = file('pages/api/webhooks/stripe.ts');
const checkout = file('app/api/checkout/route.ts');
const successPage = file('app/checkout/success/page.tsx');

const ruleTester = new RuleTester({ languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } });

const head = `import type Stripe from 'stripe';
import { stripe } from '@/lib/stripe';
import { db } from '@/lib/db';
`;
/** The verified App Router webhook every starter kit has, with `{{body}}` in its switch. */
const appWebhook = (body: string) => `${head}
export async function POST(req: Request) {
  const payload = await req.text();
  const event = stripe.webhooks.constructEvent(payload, req.headers.get('stripe-signature')!, process.env.STRIPE_WEBHOOK_SECRET!);
  switch (event.type) {
${body}
  }
  return Response.json({ received: true });
}`;

ruleTester.run('no-stripe-email-lookup', rule, {
  valid: [
    {
      name: 'checkout completion: the account is found by client_reference_id, set by the server at checkout',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await db.account.update({ where: { id: session.client_reference_id! }, data: { stripeCustomerId: session.customer as string } });
      break;
    }`),
    },
    {
      name: 'subscription update: the account is found by its stored stripeCustomerId',
      filename: webhook,
      code: appWebhook(`    case 'customer.subscription.updated': {
      const subscription = event.data.object as Stripe.Subscription;
      await db.account.update({ where: { stripeCustomerId: subscription.customer as string }, data: { plan: subscription.status } });
      break;
    }`),
    },
    {
      name: 'invoice paid: metadata.accountId written at checkout',
      filename: webhook,
      code: appWebhook(`    case 'invoice.paid': {
      const invoice = event.data.object;
      await db.account.update({ where: { id: invoice.metadata!.accountId }, data: { plan: 'pro' } });
      break;
    }`),
    },
    {
      name: 'the Stripe email is stored on an account found by id (data, not where)',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await db.account.update({ where: { id: session.client_reference_id! }, data: { billingEmail: session.customer_details?.email } });
      break;
    }`),
    },
    {
      name: 'creating a user with the Stripe email is not a lookup',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await db.user.create({ data: { email: session.customer_details!.email!, accountId: session.client_reference_id } });
      break;
    }`),
    },
    {
      name: 'sending a receipt to the Stripe email',
      filename: webhook,
      code: `${head}import { sendEmail } from '@/lib/mail';
export async function handleInvoicePaid(invoice: Stripe.Invoice) {
  await sendEmail({ to: invoice.customer_email!, subject: 'Thanks for your payment' });
}`,
    },
    {
      name: 'creating the Stripe customer with an email, and storing its id',
      filename: checkout,
      code: `${head}export async function POST() {
  const customer = await stripe.customers.create({ email: 'a@b.co', metadata: { accountId: 'acc_1' } });
  await db.account.update({ where: { id: 'acc_1' }, data: { stripeCustomerId: customer.id } });
}`,
    },
    {
      name: 'prefilling customer_email at checkout, with the account id in client_reference_id',
      filename: checkout,
      code: `${head}import { requireAuth } from '@/lib/auth';
export async function POST() {
  const { accountId, email } = await requireAuth();
  const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer_email: email, client_reference_id: accountId });
  return Response.json({ url: session.url });
}`,
    },
    {
      name: 'receipt_email on a payment intent',
      filename: checkout,
      code: `${head}export async function POST() {
  await stripe.paymentIntents.create({ amount: 1000, currency: 'usd', receipt_email: 'a@b.co' });
}`,
    },
    {
      name: 'listing customers without an email filter',
      filename: checkout,
      code: `${head}export const GET = async () => Response.json(await stripe.customers.list({ limit: 10 }));`,
    },
    {
      name: 'searching customers by metadata',
      filename: checkout,
      code: `${head}export async function find(accountId: string) {
  return stripe.customers.search({ query: "metadata['accountId']:'" + accountId + "'" });
}`,
    },
    {
      name: 'sign-in looks a user up by the email they typed: not a Stripe context',
      filename: file('app/api/login/route.ts'),
      code: `import { db } from '@/lib/db';
export async function POST(req: Request) {
  const { email } = await req.json();
  return db.user.findUnique({ where: { email } });
}`,
    },
    {
      name: 'an invitation lookup in a file that also uses Stripe',
      filename: file('app/api/invitations/route.ts'),
      code: `${head}export async function POST(req: Request) {
  const body = await req.json();
  const invitee = await db.user.findFirst({ where: { email: body.email } });
  await stripe.subscriptions.update('sub_1', { quantity: 2 });
  return Response.json(invitee);
}`,
    },
    {
      name: 'a `customers.list` of another API (the module does not construct Stripe)',
      filename: checkout,
      code: `import { mailer } from '@/lib/mailer';
export async function POST() {
  return mailer.customers.list({ email: 'stripe-fan@example.com' });
}`,
    },
    {
      name: "the app's own customer record (inbox-zero's shape) is not a Stripe object",
      filename: webhook,
      code: `${head}async function getCustomer(id: string) { return db.user.findFirst({ where: { id } }); }
export async function processEvent(event: Stripe.Event) {
  const customer = await getCustomer(event.id);
  return db.user.findFirst({ where: { email: customer?.email } });
}`,
    },
    {
      name: 'an email the server wrote into metadata',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await db.user.findFirst({ where: { email: session.metadata!.email } });
      break;
    }`),
    },
    {
      name: 'a Clerk webhook in a file that never mentions Stripe',
      filename: file('app/api/clerk/route.ts'),
      code: `import { db } from '@/lib/db';
export async function POST(req: Request) {
  const evt = await req.json();
  if (evt.type === 'customer.created') {
    await db.user.findUnique({ where: { email: evt.data.object.email } });
  }
}`,
    },
    {
      name: 'Drizzle: the team is found by its stored stripeCustomerId',
      filename: webhook,
      code: `import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { drizzleDb } from '@/db';
import { teams } from '@/db/schema';
export async function handleSubscriptionChange(subscription: Stripe.Subscription) {
  await drizzleDb.update(teams).set({ name: 'x' }).where(eq(teams.stripeCustomerId, subscription.customer as string));
}`,
    },
    {
      name: 'Supabase: the account is found by client_reference_id',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await supabaseAdmin.from('accounts').update({ plan: 'pro' }).eq('id', session.client_reference_id!);
      break;
    }`).replace("import { db } from '@/lib/db';", "import { supabaseAdmin } from '@/lib/supabase/admin';"),
    },
    {
      name: 'a support tool in an admin area may look customers up by email',
      filename: file('app/admin/customers/route.ts'),
      code: `${head}export async function GET(req: Request) {
  const email = new URL(req.url).searchParams.get('email')!;
  return Response.json(await stripe.customers.list({ email }));
}`,
    },
    {
      name: 'Connect lookups are allowed with allowConnect',
      filename: checkout,
      options: [{ allowConnect: true }],
      code: `${head}export async function find(email: string, accountId: string) {
  return stripe.customers.list({ email }, { stripeAccount: accountId });
}`,
    },
  ],
  invalid: [
    {
      name: 'get-or-create customer by email in a checkout route',
      filename: checkout,
      code: `${head}import { requireAuth } from '@/lib/auth';
export async function POST() {
  const { email } = await requireAuth();
  const existing = await stripe.customers.list({ email, limit: 1 });
  const customer = existing.data[0] ?? (await stripe.customers.create({ email }));
  return Response.json({ customer: customer.id });
}`,
      errors: [{ messageId: 'listByEmail', line: 7, column: 50, data: { call: 'stripe.customers.list()', what: 'customer' } }],
    },
    {
      name: 'customers.search with an email query (template literal)',
      filename: checkout,
      code: `${head}export async function find(email: string) {
  return stripe.customers.search({ query: \`email:'\${email}'\` });
}`,
      errors: [{ messageId: 'searchByEmail', line: 5, data: { call: 'stripe.customers.search()' } }],
    },
    {
      name: 'customers.search with an email query built by concatenation, through a const',
      filename: checkout,
      code: `${head}export async function find(email: string) {
  const query = "email:'" + email + "'";
  return stripe.customers.search({ query, limit: 1 });
}`,
      errors: [{ messageId: 'searchByEmail', line: 6 }],
    },
    {
      name: 'a client under a name that does not say Stripe, recognised by the module that constructs it',
      filename: checkout,
      code: `import { payments } from '@/lib/payments';
export async function find(email: string) {
  return payments.customers.list({ email });
}`,
      errors: [{ messageId: 'listByEmail', data: { call: 'payments.customers.list()', what: 'customer' } }],
    },
    {
      name: 'a client returned by a lazy getter, and an options object kept in a variable',
      filename: checkout,
      code: `import { getStripe } from '@/lib/stripe';
export async function find(email: string) {
  const params = { email, limit: 1 };
  return getStripe().customers.list(params);
}`,
      errors: [{ messageId: 'listByEmail', line: 3 }],
    },
    {
      name: 'a Connect lookup gets the softer message',
      filename: checkout,
      code: `${head}export async function find(email: string, account: { stripeAccountId: string }) {
  return stripe.customers.list({ email }, { stripeAccount: account.stripeAccountId });
}`,
      errors: [{ messageId: 'connectLookup', data: { call: 'stripe.customers.list()', account: 'account.stripeAccountId' } }],
    },
    {
      name: 'Checkout Sessions listed by customer_details.email',
      filename: checkout,
      code: `${head}export async function sessionsOf(email: string) {
  return stripe.checkout.sessions.list({ customer_details: { email } });
}`,
      errors: [{ messageId: 'listByEmail', data: { call: 'stripe.checkout.sessions.list()', what: 'Checkout Session' } }],
    },
    {
      name: 'checkout completion: the user is looked up by customer_details.email',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      const user = await db.user.findUnique({ where: { email: session.customer_details!.email! } });
      await db.account.update({ where: { id: user!.accountId! }, data: { plan: 'pro' } });
      break;
    }`),
      errors: [
        {
          messageId: 'dbLookup',
          line: 11,
          data: { call: 'db.user.findUnique()', target: 'user', value: 'session.customer_details!.email!', field: 'customer_details.email' },
        },
      ],
    },
    {
      name: 'through destructuring: const { email } = session.customer_details',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const { email } = event.data.object.customer_details!;
      await db.user.updateMany({ where: { email: email! }, data: { accountId: null } });
      break;
    }`),
      errors: [{ messageId: 'dbLookup', data: { call: 'db.user.updateMany()', target: 'user', value: 'email!', field: 'customer_details.email' } }],
    },
    {
      name: 'invoice paid: customer_email inside a relation filter, through a cast',
      filename: webhook,
      code: appWebhook(`    case 'invoice.paid': {
      const invoice = event.data.object as Stripe.Invoice;
      await db.account.updateMany({ where: { users: { some: { email: invoice.customer_email } } }, data: { plan: 'pro' } });
      break;
    }`),
      errors: [{ messageId: 'dbLookup', data: { call: 'db.account.updateMany()', target: 'account', value: 'invoice.customer_email', field: 'customer_email' } }],
    },
    {
      name: 'subscription update: the customer is retrieved from Stripe, then matched by its email',
      filename: webhook,
      code: appWebhook(`    case 'customer.subscription.updated': {
      const subscription = event.data.object;
      const customer = (await stripe.customers.retrieve(subscription.customer as string)) as Stripe.Customer;
      await db.user.update({ where: { email: customer.email! }, data: { accountId: null } });
      break;
    }`),
      errors: [{ messageId: 'dbLookup', data: { call: 'db.user.update()', target: 'user', value: 'customer.email!', field: 'email' } }],
    },
    {
      name: 'a lowercased email with a case-insensitive filter is still an email',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const email = event.data.object.customer_details?.email?.toLowerCase();
      await db.user.findFirst({ where: { email: { equals: email, mode: 'insensitive' } } });
      break;
    }`),
      errors: [{ messageId: 'dbLookup', data: { call: 'db.user.findFirst()', target: 'user', value: 'email', field: 'customer_details.email' } }],
    },
    {
      name: 'Drizzle: eq(users.email, session.customer_email)',
      filename: webhook,
      code: `import type Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { drizzleDb } from '@/db';
import { users } from '@/db/schema';
export async function handleCheckout(session: Stripe.Checkout.Session) {
  const [user] = await drizzleDb.select().from(users).where(eq(users.email, session.customer_email!));
  return user;
}`,
      errors: [{ messageId: 'dbLookup', data: { call: 'eq(users.email, …)', target: 'users', value: 'session.customer_email!', field: 'customer_email' } }],
    },
    {
      name: 'Supabase: .eq("email", …) on the service-role client',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      await supabaseAdmin.from('profiles').update({ plan: 'pro' }).eq('email', session.customer_details?.email);
      break;
    }`).replace("import { db } from '@/lib/db';", "import { supabaseAdmin } from '@/lib/supabase/admin';"),
      errors: [{ messageId: 'dbLookup', data: { call: "supabaseAdmin.from('profiles').eq()", target: 'profiles', value: 'session.customer_details?.email', field: 'customer_details.email' } }],
    },
    {
      name: 'pages router: a charge matched by billing_details.email',
      filename: pagesWebhook,
      code: `import type { NextApiRequest, NextApiResponse } from 'next';
import type Stripe from 'stripe';
import prisma from '@/lib/db';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const event = req.body as Stripe.Event;
  if (event.type === 'charge.succeeded') {
    const charge = event.data.object as Stripe.Charge;
    await prisma.user.findFirst({ where: { email: charge.billing_details.email } });
  }
  res.json({ received: true });
}`,
      errors: [{ messageId: 'dbLookup', line: 8, data: { call: 'prisma.user.findFirst()', target: 'user', value: 'charge.billing_details.email', field: 'billing_details.email' } }],
    },
    {
      name: 'an unverified event destructured from req.json(), dispatched on a Stripe-only event name (no import of Stripe)',
      filename: webhook,
      code: `import { db } from '@/lib/db';
export async function POST(req: Request) {
  const { type, data } = await req.json();
  if (type === 'invoice.payment_succeeded') {
    await db.account.findFirst({ where: { users: { some: { email: data.object.customer_email } } } });
  }
}`,
      errors: [{ messageId: 'dbLookup', data: { call: 'db.account.findFirst()', target: 'account', value: 'data.object.customer_email', field: 'customer_email' } }],
    },
    {
      name: 'a lookup helper by its name: getUserByEmail(session.customer_details.email)',
      filename: webhook,
      code: appWebhook(`    case 'checkout.session.completed': {
      const session = event.data.object;
      const user = await getUserByEmail(session.customer_details!.email!);
      break;
    }`).replace("import { db } from '@/lib/db';", "import { getUserByEmail } from '@/lib/users';"),
      errors: [{ messageId: 'dbLookup', data: { call: 'getUserByEmail()', target: 'user', value: 'session.customer_details!.email!', field: 'customer_details.email' } }],
    },
    {
      name: 'a checkout success page retrieves the session and finds the user by its email',
      filename: successPage,
      code: `${head}export default async function Success({ searchParams }: { searchParams: Promise<{ session_id: string }> }) {
  const { session_id } = await searchParams;
  const session = await stripe.checkout.sessions.retrieve(session_id);
  const user = await db.user.findUnique({ where: { email: session.customer_details!.email! } });
  return <p>Welcome {user?.email}</p>;
}`,
      errors: [{ messageId: 'dbLookup', line: 7, data: { call: 'db.user.findUnique()', target: 'user', value: 'session.customer_details!.email!', field: 'customer_details.email' } }],
    },
    {
      name: 'a helper typed Stripe.Checkout.Session, email through a ternary and ??',
      filename: file('lib/billing/checkout.ts'),
      code: `${head}export async function fulfil(session: Stripe.Checkout.Session) {
  const email = session.customer_details?.email ?? session.customer_email;
  return db.user.findUnique({ where: { email: email ? email : undefined } });
}`,
      errors: [{ messageId: 'dbLookup', data: { call: 'db.user.findUnique()', target: 'user', value: 'email ? email : undefined', field: 'customer_details.email' } }],
    },
  ],
});

// With type information the checker decides what is a Stripe client, both ways.
const typedTester = new RuleTester({ languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typed } } });
const stripeClass = `declare class Stripe { customers: { list(params: { email?: string }): Promise<unknown> } }\n`;

typedTester.run('no-stripe-email-lookup (type-aware)', rule, {
  valid: [
    {
      name: 'a value named stripe whose type is not the Stripe client',
      filename: join(typed, 'file.ts'),
      code: `${stripeClass}declare const stripeMailingList: { customers: { list(params: { email?: string }): Promise<unknown> } };
export const find = (email: string) => stripeMailingList.customers.list({ email });`,
    },
  ],
  invalid: [
    {
      name: 'a client whose only evidence is its type',
      filename: join(typed, 'file.ts'),
      code: `${stripeClass}declare const billing: Stripe;
export const find = (email: string) => billing.customers.list({ email });`,
      errors: [{ messageId: 'listByEmail', data: { call: 'billing.customers.list()', what: 'customer' } }],
    },
  ],
});
