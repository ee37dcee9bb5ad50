/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  env: {
    APP_NAME: 'Ledgerly',
    // LEAK(no-public-env-secret): Next.js inlines every `env` entry into the client bundle, secret key included.
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
  },
};

export default nextConfig;
