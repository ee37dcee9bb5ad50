import { PrismaClient } from '@prisma/client';

export const seedDb = new PrismaClient();
