const { NEXT_PUBLIC_STRIPE_SECRET_KEY, NEXT_PUBLIC_APP_URL } = process.env;

export const config = { key: NEXT_PUBLIC_STRIPE_SECRET_KEY, url: NEXT_PUBLIC_APP_URL };
