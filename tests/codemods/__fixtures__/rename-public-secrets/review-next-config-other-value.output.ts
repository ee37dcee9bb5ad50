// tenant-guard: review: `env.STRIPE_SECRET_KEY` is `process.env.STRIPE_LIVE_SECRET_KEY`, not `process.env.STRIPE_SECRET_KEY`, so server code that reads `process.env.STRIPE_SECRET_KEY` gets its value from here: set STRIPE_SECRET_KEY in the server environment, then remove the entry
export default {
  env: {
    STRIPE_SECRET_KEY: process.env.STRIPE_LIVE_SECRET_KEY,
  },
};
