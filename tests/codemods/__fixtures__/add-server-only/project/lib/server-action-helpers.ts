'use server';

export async function rotate() {
  return process.env.ROTATION_SECRET;
}
