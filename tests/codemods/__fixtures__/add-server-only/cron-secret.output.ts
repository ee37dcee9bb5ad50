import 'server-only';

export function authorizedCron(header: string | null) {
  return header === `Bearer ${process.env.CRON_SECRET}`;
}
