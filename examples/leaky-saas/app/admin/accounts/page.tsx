import { getServerSession } from 'next-auth';
import { notFound } from 'next/navigation';
import { authOptions } from '@/lib/auth';
import { db } from '@/lib/db';

const STAFF = (process.env.STAFF_EMAILS ?? '').split(',').filter(Boolean);

// Staff back office: listing every account is the point of this page.
export default async function AdminAccountsPage() {
  const session = await getServerSession(authOptions);
  if (!session?.user?.email || !STAFF.includes(session.user.email)) notFound();

  const accounts = await db.account.findMany({
    include: { _count: { select: { memberships: true } } },
    orderBy: { createdAt: 'desc' },
  });

  return (
    <table>
      <tbody>
        {accounts.map((account) => (
          <tr key={account.id}>
            <td>{account.name}</td>
            <td>{account.stripeCustomerId ?? 'no customer'}</td>
            <td>{account._count.memberships} members</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
