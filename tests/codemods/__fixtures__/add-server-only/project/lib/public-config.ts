export const appUrl = process.env.NEXT_PUBLIC_APP_URL;
export const region = process.env.VERCEL_REGION;
