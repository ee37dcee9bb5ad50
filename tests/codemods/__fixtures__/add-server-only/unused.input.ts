export const orphanSecret = process.env.ORPHAN_SECRET;
