import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  env: {
    APP_NAME: 'Ledgerly',
  },
};

export default nextConfig;
