'use client';

import { signingSecret } from '@/lib/browser-secret';

export function VerifyButton() {
  return <button data-secret={signingSecret.length}>verify</button>;
}
