'use client';

import { track } from '@/lib/analytics';

export function Chart() {
  return <button onClick={() => track('chart')}>chart</button>;
}
