import { and, eq } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { db } from './db/drizzle';
import { teamMembers, teams } from './db/schema';
import { verifySessionToken } from './session';

/** The signed-in user, from the verified session cookie. Throws when there is none. */
export async function requireUser() {
  const token = (await cookies()).get('session')?.value;
  const session = token ? await verifySessionToken(token) : null;
  if (!session) throw new Error('Unauthorized');
  return { userId: session.userId };
}

/** The team of the signed-in user: the tenant every query is scoped to. */
export async function getTeamForUser() {
  const { userId } = await requireUser();
  const [row] = await db
    .select({ team: teams })
    .from(teamMembers)
    .innerJoin(teams, eq(teamMembers.teamId, teams.id))
    .where(and(eq(teamMembers.userId, userId)))
    .limit(1);
  if (!row) throw new Error('No team');
  return row.team;
}
