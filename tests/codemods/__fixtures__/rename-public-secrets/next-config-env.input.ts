import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  env: {
    APP_NAME: 'Ledgerly',
    STRIPE_SECRET_KEY: process.env.STRIPE_SECRET_KEY,
  },
};

export default nextConfig;
