export const analyticsToken = process.env.ANALYTICS_SECRET_TOKEN;

export function track(event: string) {
  return { event };
}
