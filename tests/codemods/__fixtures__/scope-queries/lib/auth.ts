/** The signed-in user and the account they act for; redirects to /login otherwise. */
export async function requireAuth(): Promise<{ userId: string; accountId: string }> {
  throw new Error('fixture');
}
