import { join } from 'node:path';
import { RuleTester, type InvalidTestCase } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-select-shape.js';

/**
 * Three fixture apps (tests/fixtures/select-shape): `prisma/` (User with `passwordHash` and `resetToken`, Account with
 * `stripeCustomerId`, ApiKey with `key`, a public Plan), `drizzle/` and `supabase/` with the same tables. Each has
 * `components/profile-form.tsx` ('use client'), `components/user-card.tsx` (a Server Component) and a barrel
 * `components/index.ts` re-exporting both.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'select-shape');
const prismaFile = (path: string) => join(fixtures, 'prisma', path);
const drizzleFile = (path: string) => join(fixtures, 'drizzle', path);
const supabaseFile = (path: string) => join(fixtures, 'supabase', path);
const route = prismaFile('app/api/me/route.ts');
const page = prismaFile('app/settings/page.tsx');
const actions = prismaFile('app/settings/actions.ts');
const drizzleRoute = drizzleFile('app/api/me/route.ts');
const drizzlePage = drizzleFile('app/settings/page.tsx');
const supabaseRoute = supabaseFile('app/api/me/route.ts');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
});

const prisma = `import { NextResponse } from 'next/server';\nimport { db } from '@/lib/db';\nimport { auth } from '@/lib/auth';\n`;
const drizzle = `import { eq } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { plans, posts, teams, users } from '@/db/schema';\nimport { auth } from '@/lib/auth';\n`;
const supabase = `import { supabaseAdmin } from '@/lib/supabase/admin';\nimport { createClient } from '@/lib/supabase/server';\nimport { auth } from '@/lib/auth';\n`;

const SELECT_USER = 'select: { id: true, email: true, name: true, resetTokenExpiresAt: true, … }';
/** The data of a `fullRow` message about a User row (all its placeholders). */
const userRow = (call: string, sink: string, fields = '`passwordHash` and `resetToken`') => ({ call, model: 'User', fields, sink, fix: SELECT_USER });
const RESPONSE = '`NextResponse.json()` sends them to the browser';

const USER_FIELDS = 'id: true, email: true, name: true, resetTokenExpiresAt: true, hasPassword: true, role: true, createdAt: true';

type MessageIds = 'fullRow' | 'fullRelation' | 'fullRowStrict' | 'selectedSensitive' | 'selectFields' | 'omitFields';
type Invalid = InvalidTestCase<MessageIds, [{ checkAllModels?: boolean }]>;

/**
 * The case with the suggestions its first error offers, as the rule writes them: `selection` (and `omission`, the
 * second suggestion) put first into the arguments of `call` — `call({ select: … , where })`, or `call({ select: … })`.
 */
function withSuggestions(c: Invalid, call: string, selection: string, omission?: string): Invalid {
  const insert = (text: string) => {
    const at = c.code.indexOf(call) + call.length;
    const rest = c.code.slice(at);
    return c.code.slice(0, at) + (rest.startsWith(')') ? `{ ${text} }${rest}` : rest.replace(/^\{ /, `{ ${text}, `));
  };
  const suggestions = [
    { messageId: 'selectFields' as const, output: insert(selection) },
    ...(omission ? [{ messageId: 'omitFields' as const, output: insert(omission) }] : []),
  ];
  return { ...c, errors: c.errors.map((e, i) => (i === 0 ? { ...e, suggestions } : e)) };
}

ruleTester.run('require-select-shape', rule, {
  valid: [
    // Prisma ----------------------------------------------------------------------------------------------------
    {
      name: 'Prisma: a select without the sensitive fields',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true } });
  return NextResponse.json(user);
}`,
    },
    {
      name: 'Prisma: omit drops every sensitive field',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId }, omit: { passwordHash: true, resetToken: true } });
  return NextResponse.json(user);
}`,
    },
    {
      name: 'Prisma: a full row used only on the server',
      filename: page,
      code: `${prisma}export default async function Page() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) return null;
  const greeting = 'Hello ' + user.name;
  return <h1>{greeting}</h1>;
}`,
    },
    {
      name: 'Prisma: full rows of a model without sensitive fields (recommended)',
      filename: prismaFile('app/api/plans/route.ts'),
      code: `${prisma}export async function GET() {
  const plans = await db.plan.findMany();
  return NextResponse.json(plans);
}`,
    },
    {
      name: 'Prisma: rest destructuring leaves the secrets behind',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  const { passwordHash, resetToken, ...profile } = user;
  return NextResponse.json(profile);
}`,
    },
    {
      name: 'Prisma: rows mapped to what the screen needs',
      filename: route,
      code: `${prisma}export async function GET() {
  const users = await db.user.findMany({ where: { role: 'MEMBER' } });
  return NextResponse.json(users.map((u) => ({ id: u.id, name: u.name })));
}`,
    },
    {
      name: 'Prisma: a Server Component prop (through the barrel) stays on the server',
      filename: page,
      code: `${prisma}import { UserCard } from '@/components';
export default async function Page() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId } });
  return <UserCard user={user!} />;
}`,
    },
    {
      name: 'Prisma: handed to a serialiser the rule cannot see into',
      filename: route,
      code: `${prisma}import { toPublicUser } from '@/lib/dto';
export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId } });
  return NextResponse.json(toPublicUser(user));
}`,
    },
    {
      name: 'Prisma: only some fields of the row are sent',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId } });
  return NextResponse.json({ name: user?.name, email: user?.email });
}`,
    },
    {
      name: 'Prisma: an include whose relation selects its fields',
      filename: route,
      code: `${prisma}export async function GET() {
  const posts = await db.post.findMany({ include: { author: { select: { id: true, name: true } } } });
  return NextResponse.json(posts);
}`,
    },
    {
      name: 'Prisma: a helper of a module with no way to the browser',
      filename: prismaFile('lib/users.ts'),
      code: `import { db } from '@/lib/db';
export async function getUser(id: string) {
  return db.user.findUnique({ where: { id } });
}`,
    },
    {
      name: 'Prisma: spread with the secrets overwritten',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return NextResponse.json({ ...user, passwordHash: undefined, resetToken: undefined });
}`,
    },
    {
      name: 'Prisma: secrets deleted before the response',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user: any = await db.user.findUniqueOrThrow({ where: { id: userId } });
  delete user.passwordHash;
  delete user.resetToken;
  return NextResponse.json(user);
}`,
    },
    {
      name: 'Prisma: a variable given a cleaned value before the response',
      filename: route,
      code: `${prisma}import { toPublicUser } from '@/lib/dto';
export async function GET() {
  const { userId } = await auth();
  let user: any = await db.user.findUnique({ where: { id: userId } });
  user = toPublicUser(user);
  return NextResponse.json(user);
}`,
    },
    {
      name: 'Prisma: a client whose global omit leaves the secrets out',
      filename: route,
      code: `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db-safe';
export async function GET() {
  return NextResponse.json(await prisma.user.findMany());
}`,
    },
    {
      name: 'Prisma: a count is not a row',
      filename: route,
      code: `${prisma}export async function GET() {
  const total = await db.user.count();
  return NextResponse.json({ total });
}`,
    },
    {
      name: 'Prisma: a select held in an imported constant is trusted',
      filename: actions,
      code: `'use server';
import { db } from '@/lib/db';
import { publicUserSelect } from '@/lib/selects';
export async function loadProfile(id: string) {
  return db.user.findUnique({ where: { id }, select: publicUserSelect });
}`,
    },
    {
      name: 'Prisma: a built-in sensitive field dropped in settings',
      filename: route,
      settings: { 'tenant-guard': { sensitiveFields: ['!stripeCustomerId'] } },
      code: `${prisma}export async function GET() {
  const accounts = await db.account.findMany();
  return NextResponse.json(accounts);
}`,
    },
    {
      name: 'Prisma: a full row written in a server action but not returned',
      filename: actions,
      code: `'use server';
import { db } from '@/lib/db';
export async function rename(id: string, name: string) {
  const user = await db.user.update({ where: { id }, data: { name } });
  return { ok: true, name: user.name };
}`,
    },
    {
      name: 'Prisma: a function of a client-free route file that is not a server action',
      filename: route,
      code: `${prisma}async function audit() {
  const users = await db.user.findMany();
  console.log(users.length);
}
export async function POST() {
  await audit();
  return NextResponse.json({ ok: true });
}`,
    },
    {
      name: 'Prisma: an imported helper that selects the public fields',
      filename: route,
      code: `${prisma}import { getPublicUser } from '@/lib/users';
export async function GET() {
  const { userId } = await auth();
  return NextResponse.json(await getPublicUser(userId));
}`,
    },
    {
      name: 'Prisma: an imported helper that returns one field of the row',
      filename: route,
      code: `${prisma}import { getUserName } from '@/lib/users';
export async function GET() {
  const { userId } = await auth();
  return NextResponse.json({ name: await getUserName(userId) });
}`,
    },
    {
      name: 'Prisma: the row of an imported helper used on the server only',
      filename: route,
      code: `${prisma}import { getUser } from '@/lib/users';
export async function GET() {
  const { userId } = await auth();
  const user = await getUser(userId);
  if (!user?.hasPassword) return NextResponse.json({ error: 'no password' }, { status: 400 });
  return NextResponse.json({ ok: true, name: user.name });
}`,
    },
    // Drizzle ---------------------------------------------------------------------------------------------------
    {
      name: 'Drizzle: db.select() with the columns the screen needs',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const { userId } = await auth();
  const [user] = await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
  return Response.json(user);
}`,
    },
    {
      name: 'Drizzle: relational query whose columns exclude the secret',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const { userId } = await auth();
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { passwordHash: false } });
  return Response.json(user);
}`,
    },
    {
      name: 'Drizzle: full rows of a table without sensitive columns',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  return Response.json(await db.select().from(plans));
}`,
    },
    {
      name: 'Drizzle: returning() with named columns',
      filename: drizzleFile('app/actions.ts'),
      code: `'use server';
${drizzle}export async function signUp(email: string, passwordHash: string) {
  const [user] = await db.insert(users).values({ email, passwordHash }).returning({ id: users.id });
  return user;
}`,
    },
    {
      name: 'Drizzle: a full row checked on the server only',
      filename: drizzleFile('app/api/login/route.ts'),
      code: `${drizzle}import { verify } from '@/lib/password';
export async function POST(req: Request) {
  const { email, password } = await req.json();
  const [user] = await db.select().from(users).where(eq(users.email, email));
  const ok = user && (await verify(password, user.passwordHash));
  return Response.json({ ok });
}`,
    },
    {
      name: 'Drizzle: a relation read through with, its columns selected',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const list = await db.query.posts.findMany({ with: { author: { columns: { id: true, name: true } } } });
  return Response.json(list);
}`,
    },
    {
      name: 'Drizzle: the columns of a table minus the secret, by rest destructuring',
      filename: drizzleRoute,
      code: `${drizzle}import { getTableColumns } from 'drizzle-orm';
const { passwordHash, ...publicColumns } = getTableColumns(users);
export async function GET() {
  return Response.json(await db.select(publicColumns).from(users));
}`,
    },
    // Supabase --------------------------------------------------------------------------------------------------
    {
      name: 'Supabase: an embed whose columns are listed',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { data } = await supabaseAdmin.from('posts').select('id, title, author:profiles(id, full_name)');
  return Response.json(data);
}`,
    },
    {
      name: 'Supabase: the row of a user-bound client used on the server only',
      filename: supabaseFile('app/settings/page.tsx'),
      code: `${supabase}export default async function Page() {
  const supabase = await createClient();
  const { data: profile } = await supabase.from('profiles').select('*').single();
  return <h1>{profile?.full_name}</h1>;
}`,
    },
    {
      name: 'Supabase: a select list without the secret columns',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const supabase = await createClient();
  const { data } = await supabase.from('profiles').select('id, email, full_name').single();
  return Response.json(data);
}`,
    },
    {
      name: 'Supabase: select(*) on a table without sensitive columns',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { data } = await supabaseAdmin.from('plans').select('*');
  return Response.json(data);
}`,
    },
    {
      name: 'Supabase: a head-only count returns no rows',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { count } = await supabaseAdmin.from('profiles').select('*', { count: 'exact', head: true });
  return Response.json({ count });
}`,
    },
    {
      name: 'Supabase: only the error of the response is sent',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { data, error } = await supabaseAdmin.from('profiles').select();
  if (error) return Response.json({ error: error.message }, { status: 500 });
  return Response.json({ count: data.length });
}`,
    },
  ],
  invalid: [
    // Prisma ----------------------------------------------------------------------------------------------------
    {
      name: 'Prisma: a full User row in NextResponse.json',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId } });
  return NextResponse.json(user);
}`,
      errors: [
        {
          messageId: 'fullRow',
          line: 6,
          data: {
            call: 'db.user.findUnique()',
            model: 'User',
            fields: '`passwordHash` and `resetToken`',
            sink: '`NextResponse.json()` sends them to the browser',
            fix: 'select: { id: true, email: true, name: true, resetTokenExpiresAt: true, … }',
          },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ select: { ${USER_FIELDS} }, where: { id: userId } });
  return NextResponse.json(user);
}`,
            },
            {
              messageId: 'omitFields',
              output: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ omit: { passwordHash: true, resetToken: true }, where: { id: userId } });
  return NextResponse.json(user);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a list of rows through filter() into Response.json',
      filename: route,
      code: `${prisma}export async function GET() {
  const users = await db.user.findMany();
  const active = users.filter((u) => u.hasPassword);
  return Response.json({ users: active });
}`,
      errors: [
        {
          messageId: 'fullRow',
          line: 5,
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${prisma}export async function GET() {
  const users = await db.user.findMany({ select: { ${USER_FIELDS} } });
  const active = users.filter((u) => u.hasPassword);
  return Response.json({ users: active });
}`,
            },
            {
              messageId: 'omitFields',
              output: `${prisma}export async function GET() {
  const users = await db.user.findMany({ omit: { passwordHash: true, resetToken: true } });
  const active = users.filter((u) => u.hasPassword);
  return Response.json({ users: active });
}`,
            },
          ],
        },
      ],
    },
    withSuggestions(
      {
        name: 'Prisma: a server action returns the updated row',
        filename: actions,
        code: `'use server';
import { db } from '@/lib/db';
export async function updateProfile(id: string, name: string) {
  return db.user.update({ where: { id }, data: { name } });
}`,
        errors: [{ messageId: 'fullRow', line: 4, data: userRow('db.user.update()', 'the server action `updateProfile` returns them to the browser') }],
      },
      'db.user.update(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: a prop of a client component',
        filename: page,
        code: `${prisma}import { ProfileForm } from '@/components/profile-form';
export default async function Page() {
  const { userId } = await auth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return <ProfileForm user={user} />;
}`,
        errors: [
          {
            messageId: 'fullRow',
            line: 7,
            data: userRow('db.user.findUniqueOrThrow()', 'they are passed to the client component `<ProfileForm user>`, whose props are sent to the browser'),
          },
        ],
      },
      'db.user.findUniqueOrThrow(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: a client component imported through a barrel, props spread',
        filename: page,
        code: `${prisma}import { ProfileForm } from '@/components';
export default async function Page() {
  const { userId } = await auth();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  return <ProfileForm {...user} />;
}`,
        errors: [{ messageId: 'fullRow', line: 7 }],
      },
      'db.user.findUniqueOrThrow(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    {
      name: 'Prisma: include of a relation with secrets',
      filename: route,
      code: `${prisma}export async function GET() {
  const posts = await db.post.findMany({ include: { author: true } });
  return NextResponse.json(posts);
}`,
      errors: [
        {
          messageId: 'fullRelation',
          line: 5,
          column: 53,
          data: {
            relation: 'author',
            model: 'User',
            call: 'db.post.findMany()',
            fields: '`passwordHash` and `resetToken`',
            sink: RESPONSE,
            fix: 'author: { select: { id: true, email: true, name: true, resetTokenExpiresAt: true, … } }',
          },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${prisma}export async function GET() {
  const posts = await db.post.findMany({ include: { author: { select: { ${USER_FIELDS} } } } });
  return NextResponse.json(posts);
}`,
            },
            {
              messageId: 'omitFields',
              output: `${prisma}export async function GET() {
  const posts = await db.post.findMany({ include: { author: { omit: { passwordHash: true, resetToken: true } } } });
  return NextResponse.json(posts);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a select that names the password hash',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, passwordHash: true } });
  return NextResponse.json(user);
}`,
      errors: [{ messageId: 'selectedSensitive', line: 6, data: { call: 'db.user.findUnique()', fields: '`passwordHash`', them: 'it', model: 'User', sink: RESPONSE } }],
    },
    {
      name: 'Prisma: omit that forgets one secret',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId }, omit: { resetToken: true } });
  return NextResponse.json(user);
}`,
      errors: [
        {
          messageId: 'fullRow',
          data: userRow('db.user.findUnique()', RESPONSE, '`passwordHash`'),
          suggestions: [
            {
              messageId: 'omitFields',
              output: `${prisma}export async function GET() {
  const { userId } = await auth();
  const user = await db.user.findUnique({ where: { id: userId }, omit: { passwordHash: true, resetToken: true } });
  return NextResponse.json(user);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a query that turns the global omit back off',
      filename: route,
      code: `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db-safe';
export async function GET() {
  return NextResponse.json(await prisma.user.findMany({ omit: { passwordHash: false } }));
}`,
      errors: [
        {
          messageId: 'fullRow',
          data: { call: 'prisma.user.findMany()', model: 'User', fields: '`passwordHash`', sink: RESPONSE, fix: SELECT_USER },
          suggestions: [
            {
              messageId: 'omitFields',
              output: `import { NextResponse } from 'next/server';
import { prisma } from '@/lib/db-safe';
export async function GET() {
  return NextResponse.json(await prisma.user.findMany({ omit: { passwordHash: true } }));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Prisma: a nested selection kept through rest destructuring and a `let` set only when present',
      filename: route,
      code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const account = await db.account.findFirst({ select: { id: true, apiKeys: { select: { id: true, key: true } } } });
  let keys = null;
  if (account) {
    const { id: _id, ...rest } = account;
    keys = { ...rest };
  }
  return NextResponse.json({ keys });
}`,
      errors: [{ messageId: 'selectedSensitive', line: 6, data: { call: 'db.account.findFirst()', fields: '`key`', them: 'it', model: 'ApiKey', sink: RESPONSE } }],
    },
    withSuggestions(
      {
        name: 'Prisma: a Pages Router API route sends the row with res.status().json()',
        filename: prismaFile('pages/api/me.ts'),
        code: `import type { NextApiRequest, NextApiResponse } from 'next';
import { db } from '@/lib/db';
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const user = await db.user.findFirst({ where: { email: String(req.query.email) } });
  res.status(200).json(user);
}`,
        errors: [{ messageId: 'fullRow', line: 4, data: userRow('db.user.findFirst()', '`res.json()` sends them to the browser') }],
      },
      'db.user.findFirst(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: through a helper of the same file',
        filename: route,
        code: `${prisma}async function loadUser(id: string) {
  return db.user.findFirst({ where: { id } });
}
export async function GET() {
  const { userId } = await auth();
  return NextResponse.json(await loadUser(userId));
}`,
        errors: [{ messageId: 'fullRow', line: 5 }],
      },
      'db.user.findFirst(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: one of the results of Promise.all',
        filename: route,
        code: `${prisma}export async function GET() {
  const { userId } = await auth();
  const [plans, user] = await Promise.all([db.plan.findMany(), db.user.findUnique({ where: { id: userId } })]);
  return NextResponse.json({ plans, user });
}`,
        errors: [{ messageId: 'fullRow', line: 6, column: 64 }],
      },
      'db.user.findUnique(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: an Account row carries its Stripe customer id',
        filename: route,
        code: `${prisma}export async function GET() {
  const accounts = await db.account.findMany();
  return NextResponse.json(accounts);
}`,
        errors: [{ messageId: 'fullRow', data: { call: 'db.account.findMany()', model: 'Account', fields: '`stripeCustomerId`', sink: RESPONSE, fix: 'select: { id: true, name: true }' } }],
      },
      'db.account.findMany(', 'select: { id: true, name: true }', 'omit: { stripeCustomerId: true }',
    ),
    {
      name: 'Prisma: the key of an ApiKey, included through its account',
      filename: route,
      code: `${prisma}export async function GET() {
  const account = await db.account.findFirst({ select: { id: true, name: true, apiKeys: true } });
  return NextResponse.json(account);
}`,
      errors: [
        {
          messageId: 'fullRelation', data: { relation: 'apiKeys', call: 'db.account.findFirst()', model: 'ApiKey', fields: '`key`', sink: RESPONSE, fix: 'apiKeys: { select: { id: true, name: true, accountId: true } }' },
          suggestions: [
            { messageId: 'selectFields', output: `${prisma}export async function GET() {
  const account = await db.account.findFirst({ select: { id: true, name: true, apiKeys: { select: { id: true, name: true, accountId: true } } } });
  return NextResponse.json(account);
}` },
            { messageId: 'omitFields', output: `${prisma}export async function GET() {
  const account = await db.account.findFirst({ select: { id: true, name: true, apiKeys: { omit: { key: true } } } });
  return NextResponse.json(account);
}` },
          ],
        },
      ],
    },
    {
      name: 'Prisma: strict reports full rows of any model',
      filename: prismaFile('app/api/plans/route.ts'),
      options: [{ checkAllModels: true }],
      code: `${prisma}export async function GET() {
  const plans = await db.plan.findMany();
  return NextResponse.json(plans);
}`,
      errors: [
        {
          messageId: 'fullRowStrict',
          data: { call: 'db.plan.findMany()', model: 'Plan', sink: RESPONSE, fix: 'select: { id: true, name: true, priceId: true }' },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${prisma}export async function GET() {
  const plans = await db.plan.findMany({ select: { id: true, name: true, priceId: true } });
  return NextResponse.json(plans);
}`,
            },
          ],
        },
      ],
    },
    withSuggestions(
      {
        name: 'Prisma: a field named sensitive in settings',
        filename: route,
        settings: { 'tenant-guard': { sensitiveFields: ['Plan.priceId'] } },
        code: `${prisma}export async function GET() {
  return NextResponse.json(await db.plan.findMany());
}`,
        errors: [{ messageId: 'fullRow', data: { call: 'db.plan.findMany()', model: 'Plan', fields: '`priceId`', sink: RESPONSE, fix: 'select: { id: true, name: true }' } }],
      },
      'db.plan.findMany(', 'select: { id: true, name: true }', 'omit: { priceId: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: the return of a next-safe-action callback',
        filename: prismaFile('app/settings/safe-actions.ts'),
        code: `import { authActionClient } from '@/lib/safe-action';
import { db } from '@/lib/db';
export const getMe = authActionClient.action(async ({ ctx }) => {
  const user = await db.user.findUnique({ where: { id: ctx.userId } });
  return { user };
});`,
        errors: [{ messageId: 'fullRow', data: userRow('db.user.findUnique()', 'the .action() callback returns them to the browser') }],
      },
      'db.user.findUnique(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: getServerSideProps page props, through a JSON copy',
        filename: prismaFile('pages/settings.tsx'),
        code: `import { db } from '@/lib/db';
export async function getServerSideProps() {
  const user = await db.user.findFirst();
  return { props: { user: JSON.parse(JSON.stringify(user)) } };
}`,
        errors: [{ messageId: 'fullRow', data: userRow('db.user.findFirst()', '`getServerSideProps` sends them to the browser as page props') }],
      },
      'db.user.findFirst(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    withSuggestions(
      {
        name: 'Prisma: .then() into the response, spread with an extra key',
        filename: route,
        code: `${prisma}export async function GET() {
  const { userId } = await auth();
  return db.user.findUniqueOrThrow({ where: { id: userId } }).then((user) => NextResponse.json({ ...user, isMe: true }));
}`,
        errors: [{ messageId: 'fullRow' }],
      },
      'db.user.findUniqueOrThrow(', `select: { ${USER_FIELDS} }`, 'omit: { passwordHash: true, resetToken: true }',
    ),
    {
      name: 'Prisma: the whole row an imported helper returns, sent by a route',
      filename: route,
      code: `${prisma}import { getUser } from '@/lib/users';
export async function GET() {
  const { userId } = await auth();
  const user = await getUser(userId);
  return NextResponse.json(user);
}`,
      errors: [
        {
          messageId: 'helperRow',
          line: 7,
          column: 22,
          data: {
            helper: 'getUser',
            what: 'whole User rows',
            fields: '`passwordHash` and `resetToken`',
            call: 'db.user.findUnique()',
            where: 'lib/users.ts:5',
            sink: RESPONSE,
            fix: `: \`${SELECT_USER}\``,
          },
        },
      ],
    },
    {
      name: 'Prisma: a helper re-exported under another name, returned by a server action',
      filename: actions,
      code: `'use server';
import { loadUser } from '@/lib';
export async function me(id: string) {
  return { user: await loadUser(id) };
}`,
      errors: [{ messageId: 'helperRow', line: 4 }],
    },
    // Drizzle ---------------------------------------------------------------------------------------------------
    {
      name: 'Drizzle: the current user of a query helper, sent whole (saas-starter\'s GET /api/user)',
      filename: drizzleFile('app/api/user/route.ts'),
      code: `import { getCurrentUser } from '@/lib/queries';
export async function GET() {
  const user = await getCurrentUser(1);
  return Response.json(user);
}`,
      errors: [
        {
          messageId: 'helperRow',
          data: {
            helper: 'getCurrentUser',
            what: 'whole users rows',
            fields: '`passwordHash`',
            call: 'db.select().from(users)',
            where: 'lib/queries.ts:6',
            sink: '`Response.json()` sends them to the browser',
            fix: ': `select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })`',
          },
        },
      ],
    },
    {
      name: 'Drizzle: db.select().from(users) into Response.json',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const { userId } = await auth();
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return Response.json(user);
}`,
      errors: [
        {
          messageId: 'fullRow',
          line: 7,
          data: {
            call: 'db.select().from(users)',
            model: 'users',
            fields: '`passwordHash`',
            sink: '`Response.json()` sends them to the browser',
            fix: 'select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })',
          },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${drizzle}export async function GET() {
  const { userId } = await auth();
  const [user] = await db.select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt }).from(users).where(eq(users.id, userId));
  return Response.json(user);
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: a relational query passed to a client component',
      filename: drizzlePage,
      code: `${drizzle}import { ProfileForm } from '@/components/profile-form';
export default async function Page() {
  const { userId } = await auth();
  const user = await db.query.users.findFirst({ where: eq(users.id, userId) });
  return <ProfileForm user={user!} />;
}`,
      errors: [
        {
          messageId: 'fullRow',
          line: 8,
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${drizzle}import { ProfileForm } from '@/components/profile-form';
export default async function Page() {
  const { userId } = await auth();
  const user = await db.query.users.findFirst({ columns: { id: true, email: true, name: true, createdAt: true }, where: eq(users.id, userId) });
  return <ProfileForm user={user!} />;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Drizzle: relational columns that name the secret',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const { userId } = await auth();
  const user = await db.query.users.findFirst({ where: eq(users.id, userId), columns: { id: true, passwordHash: true } });
  return Response.json(user);
}`,
      errors: [{ messageId: 'selectedSensitive', data: { call: 'db.query.users.findFirst()', fields: '`passwordHash`', them: 'it', model: 'users', sink: '`Response.json()` sends them to the browser' } }],
    },
    {
      name: 'Drizzle: insert … returning() returned by a server action',
      filename: drizzleFile('app/actions.ts'),
      code: `'use server';
${drizzle}export async function signUp(email: string, passwordHash: string) {
  const [user] = await db.insert(users).values({ email, passwordHash }).returning();
  return user;
}`,
      errors: [{ messageId: 'fullRow', line: 7, data: {
            call: 'db.insert(users)…returning()',
            model: 'users',
            fields: '`passwordHash`',
            sink: 'the server action `signUp` returns them to the browser',
            fix: 'select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })',
          } }],
    },
    {
      name: 'Drizzle: a join returns each table under its name',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const rows = await db.select().from(posts).innerJoin(users, eq(posts.authorId, users.id));
  return Response.json(rows);
}`,
      errors: [{ messageId: 'fullRelation', data: {
            relation: 'users',
            call: 'db.select().from(posts)',
            model: 'users',
            fields: '`passwordHash`',
            sink: '`Response.json()` sends them to the browser',
            fix: 'users: { columns: { id: true, email: true, name: true, createdAt: true } }',
          } }],
    },
    withSuggestions(
      {
        name: 'Drizzle: a team row with its Stripe customer id',
        filename: drizzleRoute,
        code: `${drizzle}export async function GET() {
  const team = await db.query.teams.findFirst();
  return Response.json({ team });
}`,
        errors: [{ messageId: 'fullRow', data: { call: 'db.query.teams.findFirst()', model: 'teams', fields: '`stripeCustomerId`', sink: '`Response.json()` sends them to the browser', fix: 'columns: { id: true, name: true }' } }],
      },
      'db.query.teams.findFirst(', 'columns: { id: true, name: true }',
    ),
    {
      name: 'Drizzle: with: { author: true } reads the related user whole (by the schema relations)',
      filename: drizzleRoute,
      code: `${drizzle}export async function GET() {
  const list = await db.query.posts.findMany({ with: { author: true } });
  return Response.json(list);
}`,
      errors: [
        {
          messageId: 'fullRelation',
          column: 56,
          data: {
            relation: 'author',
            call: 'db.query.posts.findMany()',
            model: 'users',
            fields: '`passwordHash`',
            sink: '`Response.json()` sends them to the browser',
            fix: 'author: { columns: { id: true, email: true, name: true, createdAt: true } }',
          },
        },
      ],
    },
    {
      name: 'Drizzle: a select that spreads every column of the table',
      filename: drizzleRoute,
      code: `${drizzle}import { getTableColumns } from 'drizzle-orm';
export async function GET() {
  return Response.json(await db.select({ ...getTableColumns(users), posts: posts.id }).from(users));
}`,
      errors: [{ messageId: 'fullRow', line: 7, data: { call: 'db.select().from(users)', model: 'users', fields: '`passwordHash`', sink: '`Response.json()` sends them to the browser', fix: 'select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })' } }],
    },
    // Supabase --------------------------------------------------------------------------------------------------
    {
      name: 'Supabase: insert(…).select() returned by a server action',
      filename: supabaseFile('app/settings/actions.ts'),
      code: `'use server';
${supabase}export async function createProfile(email: string) {
  const { data } = await supabaseAdmin.from('profiles').insert({ id: crypto.randomUUID(), email }).select().single();
  return data;
}`,
      errors: [
        {
          messageId: 'fullRow',
          data: {
            call: "supabaseAdmin.from('profiles').select()",
            model: 'profiles',
            fields: '`api_key` and `stripe_customer_id`',
            sink: 'the server action `createProfile` returns them to the browser',
            fix: ".select('id, email, full_name')",
          },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `'use server';
${supabase}export async function createProfile(email: string) {
  const { data } = await supabaseAdmin.from('profiles').insert({ id: crypto.randomUUID(), email }).select('id, email, full_name').single();
  return data;
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Supabase: select() of a profile into Response.json',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const supabase = await createClient();
  const { data } = await supabase.from('profiles').select().single();
  return Response.json(data);
}`,
      errors: [
        {
          messageId: 'fullRow',
          line: 6,
          data: {
            call: "supabase.from('profiles').select()",
            model: 'profiles',
            fields: '`api_key` and `stripe_customer_id`',
            sink: '`Response.json()` sends them to the browser',
            fix: ".select('id, email, full_name')",
          },
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${supabase}export async function GET() {
  const supabase = await createClient();
  const { data } = await supabase.from('profiles').select('id, email, full_name').single();
  return Response.json(data);
}`,
            },
          ],
        },
      ],
    },
    {
      name: "Supabase: select('*') with the service role, the whole response sent",
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  return Response.json(await supabaseAdmin.from('profiles').select("*"));
}`,
      errors: [
        {
          messageId: 'fullRow',
          suggestions: [
            {
              messageId: 'selectFields',
              output: `${supabase}export async function GET() {
  return Response.json(await supabaseAdmin.from('profiles').select("id, email, full_name"));
}`,
            },
          ],
        },
      ],
    },
    {
      name: 'Supabase: a select list that names the API key',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { data: profile } = await supabaseAdmin.from('profiles').select('id, full_name, api_key').single();
  return Response.json({ profile });
}`,
      errors: [{ messageId: 'selectedSensitive', data: { call: "supabaseAdmin.from('profiles').select('id, full_name, api_key')", fields: '`api_key`', them: 'it', model: 'profiles', sink: '`Response.json()` sends them to the browser' } }],
    },
    {
      name: 'Supabase: an embedded author read whole',
      filename: supabaseRoute,
      code: `${supabase}export async function GET() {
  const { data: posts } = await supabaseAdmin.from('posts').select('id, title, author:profiles(*)');
  return Response.json(posts);
}`,
      errors: [{ messageId: 'fullRelation', data: {
            relation: 'author',
            call: "supabaseAdmin.from('posts').select('id, title, author:profiles(*)')",
            model: 'profiles',
            fields: '`api_key` and `stripe_customer_id`',
            sink: '`Response.json()` sends them to the browser',
            fix: 'author(id, email, full_name)',
          } }],
    },
  ],
});
