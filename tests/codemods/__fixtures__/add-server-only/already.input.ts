import 'server-only';

export const token = process.env.INTERNAL_API_SECRET;
