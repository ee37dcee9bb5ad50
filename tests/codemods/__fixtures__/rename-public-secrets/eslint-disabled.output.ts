// eslint-disable-next-line tenant-guard/no-public-env-secret -- a demo key for the public sandbox, rotated daily
export const demoKey = process.env.NEXT_PUBLIC_DEMO_SECRET_KEY;
