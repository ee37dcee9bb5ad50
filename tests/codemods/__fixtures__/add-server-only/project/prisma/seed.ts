import { seedDb } from '../lib/seed-db';

await seedDb.plan.create({ data: { name: 'Pro', priceId: 'price_pro' } });
