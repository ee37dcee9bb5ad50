// tenant-guard: review: `publicRuntimeConfig.stripeSecretKey` reaches every browser: move it to `serverRuntimeConfig` and change how the server code reads it (`getConfig().serverRuntimeConfig`), or read `process.env` on the server
module.exports = {
  publicRuntimeConfig: {
    stripeSecretKey: process.env.STRIPE_SECRET_KEY,
  },
};
