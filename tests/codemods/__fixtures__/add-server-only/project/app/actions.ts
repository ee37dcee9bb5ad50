'use server';

import { sendMail } from '@/lib/mailer';

export async function invite(email: string) {
  await sendMail(email, 'You are invited');
}
