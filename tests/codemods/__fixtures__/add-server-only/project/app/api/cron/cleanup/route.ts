import { authorizedCron } from '@/lib/cron-secret';

export async function GET(req: Request) {
  if (!authorizedCron(req.headers.get('authorization'))) return new Response(null, { status: 401 });
  return Response.json({ ok: true });
}
