import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

// tenant-guard: review: `NEXT_PUBLIC_STRIPE_SECRET_KEY` is in the `client` schema of createEnv: declare it under `server` as `STRIPE_SECRET_KEY` and update `runtimeEnv` and its readers (`env.NEXT_PUBLIC_STRIPE_SECRET_KEY`); `NEXT_PUBLIC_STRIPE_SECRET_KEY` is declared in the `client` schema of createEnv here: rename it there and here together
export const env = createEnv({
  server: { DATABASE_URL: z.string().url() },
  client: { NEXT_PUBLIC_STRIPE_SECRET_KEY: z.string() },
  runtimeEnv: {
    DATABASE_URL: process.env.DATABASE_URL,
    NEXT_PUBLIC_STRIPE_SECRET_KEY: process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY,
  },
});
