import { eq } from 'drizzle-orm';
import { db } from '@/lib/db/drizzle';
import { plans, projects } from '@/lib/db/schema';
import { getTeamForUser } from '@/lib/auth';

export default async function ProjectsPage() {
  const team = await getTeamForUser();
  const [teamProjects, allPlans] = await Promise.all([
    db.query.projects.findMany({ where: (p, { eq }) => eq(p.teamId, team.id) }),
    db.select().from(plans), // public pricing data: not tenant-owned
  ]);
  return (
    <main>
      <h1>{team.name}</h1>
      <ul>{teamProjects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>
      <p>{allPlans.length} plans available</p>
    </main>
  );
}

export async function renameProject(id: number, name: string) {
  'use server';
  const team = await getTeamForUser();
  const [project] = await db.select().from(projects).where(eq(projects.id, id));
  // The ownership check makes the lookup by id safe before the row is used.
  if (!project || project.teamId !== team.id) throw new Error('Not found');
  await db.update(projects).set({ name }).where(eq(projects.id, project.id));
}
