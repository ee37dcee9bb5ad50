module.exports = {
  publicRuntimeConfig: {
    stripeSecretKey: process.env.STRIPE_SECRET_KEY,
  },
};
