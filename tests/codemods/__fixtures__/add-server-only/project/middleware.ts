import { jwtSecret } from '@/lib/edge-secret';

export function middleware() {
  return jwtSecret ? undefined : new Response('misconfigured', { status: 500 });
}
