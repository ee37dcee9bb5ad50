/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Only public values here: Next.js inlines every `env` entry into the client bundle. Server code reads
  // STRIPE_SECRET_KEY from process.env without any configuration.
  env: {
    APP_NAME: 'Ledgerly',
  },
};

export default nextConfig;
