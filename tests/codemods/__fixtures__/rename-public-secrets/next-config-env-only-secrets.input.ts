export default {
  env: { STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY, DATABASE_URL: process.env.DATABASE_URL },
};
