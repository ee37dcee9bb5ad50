import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { createProjectLinter, ruleNames, type FileResult } from '../../scripts/real-code.mjs';

// Fuzzes the detection core through every rule of the plugin (the strict config, plus any rule it leaves out): a
// seeded generator writes Next.js files full of Prisma, Drizzle and Supabase calls in random shapes — nested `where`
// objects, spreads and conditional spreads, optional chains, AND/OR/NOT arrays, computed and string keys, awaits,
// casts and non-null assertions, tenant values from the session, the request, or nowhere — and each file is linted
// in a fixture project whose schema makes the models tenant-owned. Asserted for every file: no rule throws, every
// report lies inside the file, every fix and suggestion range lies inside it and its result still parses, and the
// generated file itself parses (so the generator keeps exercising the rules, not the parser). Deterministic: a fixed
// seed per flavour; a failure prints the seed index and the program.

/** 150 in `npm test`; `FUZZ_FILES=5000 npx vitest run tests/core/fuzz.test.ts` for a longer hunt (prints counts). */
const FILES_PER_FLAVOUR = Number(process.env.FUZZ_FILES) || 150;
const fixtures = join(import.meta.dirname, '..', 'fixtures');

/** mulberry32: small, fast, deterministic. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof rng>;

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces: where tenant values come from, how an expression is wrapped, where the file lives.

/** A value: from the session, from the request, a literal, or something opaque. */
function value(r: Rng, depth = 0): string {
  const choices = [
    'session.accountId',
    'session.user.accountId',
    'session?.user?.id',
    'accountId',
    'user.id',
    'body.accountId',
    'params.id',
    '(await params).id',
    "searchParams.get('accountId')",
    "formData.get('accountId') as string",
    'id',
    '"acc_1"',
    '42',
    'null',
    'undefined',
    'input?.filter?.accountId',
    'ids[0]!',
    '`${prefix}-x`',
    'getAccountId()',
    '(await auth())!.user.id',
  ];
  const v = r.pick(choices);
  if (depth < 2 && r.chance(0.15)) return `${value(r, depth + 1)} ?? ${value(r, depth + 1)}`;
  if (r.chance(0.1)) return `(${v} as string)`;
  return v;
}

/** Wraps a call the ways code does: await, casts, non-null, parentheses, `.then`, `satisfies`. */
function wrap(r: Rng, call: string): string {
  switch (r.int(0, 9)) {
    case 0: return `await ${call}`;
    case 1: return `(await ${call}) as any`;
    case 2: return `await (${call})!`;
    case 3: return `${call}.then((rows) => rows)`;
    case 4: return `await (${call} as unknown as Promise<unknown>)`;
    case 5: return `void ${call}`;
    case 6: return `(await ${call}) satisfies unknown`;
    default: return `await ${call}`;
  }
}

interface Place { path: string; head: string; fn: (body: string) => string }
const PLACES: Place[] = [
  { path: 'app/api/things/route.ts', head: "import { NextResponse } from 'next/server';", fn: (b) => `export async function GET(req: Request) {\n  const url = new URL(req.url);\n  const searchParams = url.searchParams;\n${b}\n  return NextResponse.json({ ok: true });\n}` },
  { path: 'app/api/things/[id]/route.ts', head: '', fn: (b) => `export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {\n  const body = await req.json();\n${b}\n  return Response.json(body);\n}` },
  { path: 'app/dashboard/[id]/page.tsx', head: '', fn: (b) => `export default async function Page({ params, searchParams }: any) {\n${b}\n  return <div>{String(params)}</div>;\n}` },
  { path: 'app/dashboard/actions.ts', head: "'use server';", fn: (b) => `export async function save(formData: FormData) {\n${b}\n}` },
  { path: 'lib/data/things.ts', head: "import 'server-only';", fn: (b) => `export async function list(accountId: string, input?: any) {\n${b}\n  return [];\n}` },
  { path: 'app/api/stripe/webhook/route.ts', head: '', fn: (b) => `export const POST = async (req: Request) => {\n  const body = await req.json();\n${b}\n  return new Response(null);\n};` },
  { path: 'components/things/list.tsx', head: "'use client';", fn: (b) => `export function List(props: { accountId: string }) {\n  const load = async () => {\n${b}\n  };\n  return <button onClick={load}>x</button>;\n}` },
  { path: 'tests/things.test.ts', head: '', fn: (b) => `export async function t() {\n${b}\n}` },
];

/** Statements a handler starts with, so session and request values exist in some programs and not others. */
function preamble(r: Rng): string[] {
  const lines: string[] = [];
  if (r.chance(0.7)) lines.push(r.pick(['const session = await auth();', 'const session = (await getServerSession())!;', 'const session: any = await requireAuth();', 'const { user } = await getSession();']));
  if (r.chance(0.4)) lines.push(r.pick(['const { accountId } = session;', 'const accountId = session?.user?.accountId;', 'const accountId = body?.accountId;']));
  if (r.chance(0.2)) lines.push("if (!session) throw new Error('unauthorized');");
  if (r.chance(0.2)) lines.push('const id = crypto.randomUUID();');
  return lines;
}

function program(r: Rng, head: string[], statements: (r: Rng) => string[]): { path: string; code: string } {
  const place = r.pick(PLACES);
  const body = [...preamble(r), ...statements(r)].map((l) => `  ${l}`).join('\n');
  const decls = [
    'declare const user: any, input: any, ids: string[], prefix: string, cond: boolean, key: string, formData: FormData;',
    'declare function auth(): Promise<any>;',
    'declare function requireAuth(): Promise<any>;',
    'declare function getSession(): Promise<any>;',
    'declare function getServerSession(): Promise<any>;',
    'declare function getAccountId(): string;',
    'declare function tenantWhere(s: unknown): any;',
  ];
  const extra = [
    r.chance(0.15) ? 'export const dynamic = "force-static";' : '',
    r.chance(0.15) ? `export const revalidate = ${r.pick([0, 60, 'false'])};` : '',
  ].filter(Boolean);
  const code = [place.head, ...head, ...decls, ...extra, '', place.fn(body), ''].filter((l, i) => i > 0 || l).join('\n');
  return { path: place.path, code };
}

/**
 * Shapes that break naive resolvers: bindings that refer to each other or to themselves, helpers that recurse, deep
 * nesting, calls through aliases, `.call`/`.apply`/`.bind`, sequence expressions, spread arguments, mutation after
 * declaration, generators, classes. `callee()` gives a client method of the flavour (an expression to call), `arg()`
 * an argument for it.
 */
function hostile(r: Rng, callee: () => string, arg: () => string): string[] {
  const call = () => `${callee()}(${arg()})`;
  const deep = (n: number, leaf: string, shape: (inner: string, i: number) => string) => {
    let out = leaf;
    for (let i = 0; i < n; i++) out = shape(out, i);
    return out;
  };
  switch (r.int(0, 15)) {
    case 0: return ['let w1: any = w2, w2: any = w1;', `await ${callee()}(${r.pick(['w1', '{ where: w1 }', '{ where: { AND: [w1], accountId: w2 } }', '{ where: { ...w1 }, data: w2 }'])});`];
    case 1: return ['let self: any = { ...self, accountId: self?.accountId };', `await ${callee()}({ where: self });`];
    case 2: return ['const loop = (): any => loop();', `await ${callee()}({ where: loop() });`];
    case 3: return ['function ping(): any { return pong(); }', 'function pong(): any { return ping(); }', `await ${callee()}({ where: { accountId: ping() } });`];
    case 4: return [`const nested = ${deep(r.int(20, 120), '{ accountId: session.accountId }', (inner) => `{ AND: [${inner}] }`)};`, `await ${callee()}({ where: nested });`];
    case 5: return [`const pick = ${deep(r.int(20, 120), 'session.accountId', (inner, i) => `cond${i % 3 ? '' : '!'} ? ${inner} : ${value(r)}`)};`, `await ${callee()}({ where: { accountId: pick } });`];
    case 6: return [`const paren = ${deep(r.int(20, 120), 'session.accountId', (inner) => `(${inner})`)};`, `await ${callee()}({ where: { accountId: paren } });`];
    case 7: return [`await (0, ${callee()})(${arg()});`];
    case 8: return [`const fn = ${callee()};`, `await fn?.(${arg()});`, `await fn.call(null, ${arg()});`, `await fn.apply(null, [${arg()}]);`, `await fn.bind(null)(${arg()});`];
    case 9: return ['const spreadArgs: any[] = [];', `await ${callee()}(...spreadArgs);`];
    case 10: return ['const mutable: any = {};', 'mutable.accountId = session?.accountId;', 'delete mutable.accountId;', `await ${callee()}({ where: mutable, ...mutable });`];
    case 11: return [`function* gen() { yield ${call()}; }`, 'void gen;'];
    case 12: return [`class Repo { db: any; #p = 1; static s = 2; async run() { return ${call()}; } get q() { return ${call()}; } }`, 'void Repo;'];
    case 13: return [`const { ${r.pick(['note', 'invoice', 'from', 'select', 'query'])}: alias } = ${r.pick(['db', 'supabase', 'prisma', '(db as any)'])} as any;`, `await alias?.(${arg()});`, `await alias?.findMany?.(${arg()});`];
    case 14: return [`await ${callee()}(${arg()} as any, ...[${arg()}], undefined!);`];
    default: return [`label: for (const x of [1]) { if (x) continue label; await ${call()}; }`];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Prisma

const PRISMA_MODELS = ['note', 'invoice', 'document', 'project', 'membership', 'account', 'user', 'plan', 'apiKey'];
const PRISMA_FIELDS = ['accountId', 'id', 'authorId', 'userId', 'status', 'number', 'body', 'name'];
const PRISMA_OPS = ['findMany', 'findFirst', 'findUnique', 'findFirstOrThrow', 'findUniqueOrThrow', 'update', 'updateMany', 'delete', 'deleteMany', 'count', 'aggregate', 'groupBy', 'upsert', 'create', 'createMany'];

function prismaKey(r: Rng): string {
  const f = r.pick(PRISMA_FIELDS);
  switch (r.int(0, 9)) {
    case 0: return `'${f}'`;
    case 1: return `[${JSON.stringify(f)}]`;
    case 2: return '[key]';
    case 3: return `[\`${f}\`]`;
    default: return f;
  }
}

function prismaWhere(r: Rng, depth: number): string {
  const props: string[] = [];
  const n = r.int(0, depth > 2 ? 1 : 3);
  for (let i = 0; i < n; i++) {
    switch (r.int(0, 12)) {
      case 0: props.push(`${r.pick(['AND', 'OR', 'NOT'])}: [${Array.from({ length: r.int(0, 3) }, () => prismaWhere(r, depth + 1)).join(', ')}]`); break;
      case 1: props.push(`${r.pick(['AND', 'NOT'])}: ${prismaWhere(r, depth + 1)}`); break;
      case 2: props.push(`...${r.pick(['tenantWhere(session)', 'input?.where', '(cond ? { accountId } : {})', '(cond && { accountId: session.accountId })', 'rest'])}`); break;
      case 3: props.push(`${r.pick(['account', 'author', 'members'])}: { ${r.pick(['id', 'accountId', 'some', 'is'])}: ${depth < 3 ? prismaWhere(r, depth + 1) : value(r)} }`); break;
      case 4: props.push(`${prismaKey(r)}: { ${r.pick(['equals', 'in', 'not', 'contains'])}: ${r.chance(0.5) ? `[${value(r)}]` : value(r)} }`); break;
      case 5: props.push('accountId'); break;
      case 6: props.push(`${r.pick(['accountId_number', 'userId_accountId'])}: { accountId: ${value(r)}, number: 1 }`); break;
      case 7: props.push(`get ${r.pick(PRISMA_FIELDS)}() { return ${value(r)}; }`); break;
      default: props.push(`${prismaKey(r)}: ${value(r)}`);
    }
  }
  return `{ ${props.join(', ')} }`;
}

function prismaArgs(r: Rng, op: string): string {
  if (r.chance(0.08)) return r.pick(['', 'undefined', 'args', '{ ...args }', 'input as any', '{}']);
  const props: string[] = [];
  if (op.startsWith('create')) props.push(`data: ${op === 'createMany' ? `[${prismaWhere(r, 2)}]` : prismaWhere(r, 2)}`);
  else if (op !== 'create' && r.chance(0.9)) props.push(`where: ${r.chance(0.1) ? r.pick(['where', 'undefined', 'null as any', 'tenantWhere(session)']) : prismaWhere(r, 0)}`);
  if (op.startsWith('update') || op === 'upsert') props.push(`data: { ${prismaKey(r)}: ${value(r)} }`);
  if (op === 'upsert') props.push('create: { accountId }, update: {}');
  if (op === 'groupBy') props.push("by: ['status']");
  if (r.chance(0.3)) props.push(`${r.pick(['select', 'include', 'omit'])}: { ${r.pick(PRISMA_FIELDS)}: true, ${r.pick(['account', 'author'])}: ${r.chance(0.5) ? 'true' : `{ select: { id: true } }`} }`);
  if (r.chance(0.2)) props.push('...pagination');
  if (r.chance(0.1)) props.push(`[${JSON.stringify('where')}]: { id }`);
  const object = `{ ${props.join(', ')} }`;
  return r.chance(0.15) ? r.pick([`(${object}) as any`, `${object} satisfies object`, `(${object})!`, `{ ...${object} }`]) : object;
}

function prismaCallee(r: Rng, op: string): string {
  const client = r.pick(['db', 'prisma', 'tx', 'ctx.db', 'this.db']);
  const model = r.pick(PRISMA_MODELS);
  return r.pick([
    `${client}.${model}.${op}`,
    `${client}?.${model}?.${op}`,
    `${client}.${model}?.${op}`,
    `${client}[${JSON.stringify(model)}].${op}`,
    `${client}.${model}[${JSON.stringify(op)}]`,
    `(${client}.${model} as any).${op}`,
    `${client}!.${model}.${op}`,
  ]);
}

function prismaCall(r: Rng): string {
  const op = r.pick(PRISMA_OPS);
  const optionalCall = r.chance(0.1) ? '?.' : '';
  return `${prismaCallee(r, op)}${optionalCall}(${prismaArgs(r, op)})`;
}

function prismaStatements(r: Rng): string[] {
  const out: string[] = ['const ctx: any = {}; const args: any = {}; const pagination = {}; const rest = {};', 'const where = { accountId: session?.accountId };'];
  if (r.chance(0.35)) {
    const op = r.pick(PRISMA_OPS);
    out.push(...hostile(r, () => prismaCallee(r, op), () => prismaArgs(r, op)));
  }
  for (let i = r.int(1, 4); i > 0; i--) {
    const call = wrap(r, prismaCall(r));
    switch (r.int(0, 6)) {
      case 0: out.push(`const rows = ${call};`, 'void rows;'); break;
      case 1: out.push(`await db.$transaction(async (tx) => { ${wrap(r, prismaCall(r).replace(/^[\w.!?[\]"]+?\.(?=\w+(\?\.|\.|\[))/, 'tx.'))}; });`); break;
      case 2: out.push(`await Promise.all([${prismaCall(r)}, ${prismaCall(r)}]);`); break;
      case 3: out.push(`if (cond) { return Response.json(${call}); }`); break;
      case 4: out.push(`const { ${r.pick(PRISMA_FIELDS)} = null, ...others } = (${call}) ?? {};`, 'void others;'); break;
      default: out.push(`${call};`);
    }
  }
  return out;
}

const PRISMA_HEAD = ["import { PrismaClient } from '@prisma/client';", 'const db = new PrismaClient();', 'const prisma = db;', 'const tx = db;'];

// ---------------------------------------------------------------------------------------------------------------
// Drizzle (tests/fixtures/drizzle/db/schema.ts)

const DRIZZLE_TABLES = ['invoices', 'projects', 'tasks', 'teamMembers', 'teams', 'users', 'plans'];
const DRIZZLE_COLUMNS = ['id', 'teamId', 'userId', 'status', 'name', 'projectId', 'amountCents'];

function drizzleCond(r: Rng, table: string, depth: number): string {
  const col = `${r.chance(0.9) ? table : r.pick(DRIZZLE_TABLES)}.${r.pick(DRIZZLE_COLUMNS)}`;
  switch (r.int(0, depth > 2 ? 3 : 9)) {
    case 0: return `eq(${col}, ${value(r)})`;
    case 1: return `inArray(${col}, ${r.pick(['ids', `[${value(r)}]`])})`;
    case 2: return `sql\`\${${col}} = \${${value(r)}}\``;
    case 3: return r.pick(['undefined', 'cond ? undefined : undefined', 'isNull(' + col + ')']);
    case 4: return `${r.pick(['and', 'or'])}(${Array.from({ length: r.int(0, 3) }, () => drizzleCond(r, table, depth + 1)).join(', ')})`;
    case 5: return `and(...[${drizzleCond(r, table, depth + 1)}, ${drizzleCond(r, table, depth + 1)}])`;
    case 6: return `cond ? ${drizzleCond(r, table, depth + 1)} : ${drizzleCond(r, table, depth + 1)}`;
    case 7: return `and(...conditions, ${drizzleCond(r, table, depth + 1)})`;
    default: return `eq(${col}, ${value(r)})`;
  }
}

function drizzleCall(r: Rng): string {
  const t = r.pick(DRIZZLE_TABLES);
  const where = r.chance(0.85) ? `.where(${drizzleCond(r, t, 0)})` : '';
  const db = r.pick(['db', 'tx', 'db!']);
  switch (r.int(0, 8)) {
    case 0: return `${db}.select().from(${t})${where}${r.chance(0.3) ? '.limit(1)' : ''}`;
    case 1: return `${db}.select({ id: ${t}.id }).from(${t})${r.chance(0.3) ? `.innerJoin(teams, eq(teams.id, ${t}.id))` : ''}${where}`;
    case 2: return `${db}.update(${t}).set({ ${r.pick(DRIZZLE_COLUMNS)}: ${value(r)} })${where}`;
    case 3: return `${db}.delete(${t})${where}${r.chance(0.3) ? '.returning()' : ''}`;
    case 4: return `${db}.insert(${t}).values(${r.chance(0.5) ? `{ teamId: ${value(r)} }` : `[{ ...input }]`})`;
    case 5: return `${db}.query.${t}.${r.pick(['findMany', 'findFirst'])}(${r.chance(0.8) ? `{ where: ${r.chance(0.5) ? drizzleCond(r, t, 0) : `(${t}, { eq }) => eq(${t}.teamId, ${value(r)})`}${r.chance(0.3) ? ', with: { team: true }' : ''} }` : ''})`;
    case 6: return `${db}?.select()?.from(${t})?.where(${drizzleCond(r, t, 1)})`;
    case 7: return `${db}.execute(sql\`select * from \${${t}} where team_id = \${${value(r)}}\`)`;
    default: return `${db}.select().from(${t})${where}.orderBy(${t}.id)`;
  }
}

function drizzleStatements(r: Rng): string[] {
  const out: string[] = ['const conditions: any[] = [];'];
  if (r.chance(0.3)) out.push(`conditions.push(eq(invoices.teamId, ${value(r)}));`);
  if (r.chance(0.35)) {
    out.push(
      ...hostile(
        r,
        () => r.pick([`db.select().from(${r.pick(DRIZZLE_TABLES)}).where`, `db.query.${r.pick(DRIZZLE_TABLES)}.findMany`, `db.delete(${r.pick(DRIZZLE_TABLES)}).where`, 'db.execute', 'and']),
        () => drizzleCond(r, r.pick(DRIZZLE_TABLES), 0),
      ),
    );
  }
  for (let i = r.int(1, 4); i > 0; i--) {
    const call = wrap(r, drizzleCall(r));
    switch (r.int(0, 4)) {
      case 0: out.push(`const [row] = ${call} as any[];`, 'void row;'); break;
      case 1: out.push(`await db.transaction(async (tx) => { await ${drizzleCall(r).replace(/^db!?/, 'tx')}; });`); break;
      case 2: out.push(`return Response.json(${call});`); break;
      default: out.push(`${call};`);
    }
    if (out.at(-1)?.startsWith('return')) break;
  }
  return out;
}

const DRIZZLE_HEAD = [
  "import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';",
  "import { db } from '@/db';",
  `import { ${DRIZZLE_TABLES.join(', ')} } from '@/db/schema';`,
  'const tx = db;',
];

// ---------------------------------------------------------------------------------------------------------------
// Supabase (tests/fixtures/supabase/app/types/supabase.ts)

const SUPABASE_TABLES = ['invoices', 'notes', 'accounts', 'plans', 'memberships', 'profiles'];
const SUPABASE_COLUMNS = ['account_id', 'id', 'user_id', 'status', 'email'];

function supabaseCall(r: Rng): string {
  const client = r.pick(['supabase', 'admin', 'db', '(await createClient())', 'supabase!']);
  if (r.chance(0.1)) return `${client}.rpc(${JSON.stringify(r.pick(['get_account_invoices', 'search_invoices']))}, { ${r.pick(['account_id', 'q'])}: ${value(r)} })`;
  const table = r.chance(0.1) ? r.pick(['tableName', '`invoices`', "'invoices' as const"]) : JSON.stringify(r.pick(SUPABASE_TABLES));
  let q = `${client}${r.chance(0.1) ? '?.' : '.'}from(${table})`;
  q += r.pick([
    `.select(${JSON.stringify(r.pick(['*', 'id, status', 'id, account:accounts(id)', '']))})`,
    `.update({ status: ${value(r)} })`,
    '.delete()',
    `.insert({ account_id: ${value(r)} })`,
    `.upsert([{ id, account_id: ${value(r)} }])`,
    '.select()',
  ]);
  for (let i = r.int(0, 3); i > 0; i--) {
    const col = JSON.stringify(r.pick(SUPABASE_COLUMNS));
    q += r.pick([
      `.eq(${col}, ${value(r)})`,
      `.match({ ${r.pick(SUPABASE_COLUMNS)}: ${value(r)}${r.chance(0.3) ? ', ...extra' : ''} })`,
      `.in(${col}, [${value(r)}])`,
      `.or(\`account_id.eq.\${${value(r)}},status.eq.open\`)`,
      `.filter(${col}, 'eq', ${value(r)})`,
      '.order("id")',
      '.limit(10)',
      '.single()',
      '.maybeSingle()',
      `?.eq(${col}, ${value(r)})`,
    ]);
  }
  return q;
}

function supabaseStatements(r: Rng): string[] {
  const out: string[] = ['const extra = {}; const tableName: string = "invoices";'];
  if (r.chance(0.5)) out.push('const supabase = await createClient();');
  if (r.chance(0.3)) out.push('const { data: { user: authUser } } = await supabase.auth.getUser();', 'void authUser;');
  if (r.chance(0.35)) {
    out.push(
      ...hostile(
        r,
        () => r.pick([`${supabaseCall(r)}.eq`, 'supabase.from', 'admin.from', 'db.from', `supabase.from(${JSON.stringify(r.pick(SUPABASE_TABLES))}).select`, 'supabase.rpc']),
        () => r.pick([JSON.stringify(r.pick(SUPABASE_TABLES)), JSON.stringify(r.pick(SUPABASE_COLUMNS)), value(r)]),
      ),
    );
  }
  for (let i = r.int(1, 4); i > 0; i--) {
    const call = wrap(r, supabaseCall(r));
    out.push(r.pick([`const { data, error } = ${call} as any;`, `${call};`, `const res = ${call};`]).replace(/^/, '{ ') + ' }');
  }
  return out;
}

const SUPABASE_HEAD = [
  "import { createClient } from '@/lib/supabase/server';",
  "import { db } from '@/lib/db';",
  "import { createClient as createAdmin } from '@supabase/supabase-js';",
  'const admin = createAdmin(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!);',
  'declare const supabase: any;',
];

// ---------------------------------------------------------------------------------------------------------------

const FLAVOURS = [
  { name: 'Prisma', seed: 0x5eed01, root: join(fixtures, 'saas'), head: PRISMA_HEAD, statements: prismaStatements },
  { name: 'Drizzle', seed: 0x5eed02, root: join(fixtures, 'drizzle'), head: DRIZZLE_HEAD, statements: drizzleStatements },
  { name: 'Supabase', seed: 0x5eed03, root: join(fixtures, 'supabase', 'app'), head: SUPABASE_HEAD, statements: supabaseStatements },
] as const;

function describeFailure(i: number, path: string, code: string, result: FileResult): string {
  const what = result.crash
    ? `crash in ${result.crash.ruleId}: ${result.crash.message}\n${result.crash.stack.split('\n').slice(0, 6).join('\n')}`
    : result.fatal
      ? `generated code does not parse: ${result.fatal.line}:${result.fatal.column} ${result.fatal.message}`
      : result.problems.map((p) => p.message).join('\n');
  return `#${i} ${path}\n${what}\n--- program ---\n${code}`;
}

describe('fuzzing the detection core with generated code shapes', () => {
  it('turns every rule of the plugin on', () => {
    expect(ruleNames(plugin).length).toBeGreaterThan(0);
  });

  for (const flavour of FLAVOURS) {
    it(`${flavour.name}: ${FILES_PER_FLAVOUR} generated files, no rule throws, every position and fix in range`, { timeout: 300_000 }, () => {
      const r = rng(flavour.seed);
      const linter = createProjectLinter(plugin, flavour.root);
      const failures: string[] = [];
      let findings = 0;
      const rulesThatReported = new Set<string>();
      for (let i = 0; i < FILES_PER_FLAVOUR; i++) {
        const { path, code } = program(r, [...flavour.head], flavour.statements);
        const result = linter.lintCode(join(flavour.root, path), code);
        findings += result.findings.length;
        for (const f of result.findings) rulesThatReported.add(f.ruleId);
        if (result.crash || result.fatal || result.problems.length > 0) failures.push(describeFailure(i, path, code, result));
      }
      if (process.env.FUZZ_FILES) console.log(`${flavour.name}: ${findings} findings from ${[...rulesThatReported].sort().join(', ')}; ${failures.length} failures`);
      expect(failures.slice(0, 3), `${failures.length} of ${FILES_PER_FLAVOUR} generated files failed`).toEqual([]);
      // The generator reaches the detection code: the files are not all silently ignored.
      expect(findings).toBeGreaterThan(FILES_PER_FLAVOUR / 10);
      expect(rulesThatReported.size).toBeGreaterThan(0);
    });
  }
});
