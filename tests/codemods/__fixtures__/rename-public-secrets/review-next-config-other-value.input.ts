export default {
  env: {
    STRIPE_SECRET_KEY: process.env.STRIPE_LIVE_SECRET_KEY,
  },
};
