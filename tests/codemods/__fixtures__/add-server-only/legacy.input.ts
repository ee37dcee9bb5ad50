export const legacyKey = process.env.LEGACY_API_SECRET;
