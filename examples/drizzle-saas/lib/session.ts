import { jwtVerify } from 'jose';

const key = new TextEncoder().encode(process.env.AUTH_SECRET);

export async function verifySessionToken(token: string): Promise<{ userId: number } | null> {
  try {
    const { payload } = await jwtVerify(token, key);
    return { userId: Number(payload.sub) };
  } catch {
    return null;
  }
}
