import { getServerSession, type NextAuthOptions } from 'next-auth';
import GitHubProvider from 'next-auth/providers/github';
import { redirect } from 'next/navigation';

export const authOptions: NextAuthOptions = {
  providers: [
    GitHubProvider({ clientId: process.env.GITHUB_ID!, clientSecret: process.env.GITHUB_SECRET! }),
  ],
  session: { strategy: 'jwt' },
  callbacks: {
    // The active account is picked at sign-in and carried in the JWT (see types/next-auth.d.ts).
    jwt({ token, user }) {
      if (user) token.accountId = user.accountId;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.sub!;
      session.user.accountId = token.accountId;
      return session;
    },
  },
};

/** The signed-in user and the account (tenant) they are acting for; redirects to /login otherwise. */
export async function requireAuth(): Promise<{ userId: string; accountId: string }> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  const accountId = session?.user?.accountId;
  if (!userId || !accountId) redirect('/login');
  return { userId, accountId };
}
