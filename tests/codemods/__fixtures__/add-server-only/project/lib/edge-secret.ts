export const jwtSecret = process.env.JWT_SECRET;
