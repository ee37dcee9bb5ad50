import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { createProjectLinter } from '../../scripts/real-code.mjs';

// Every rule throw found by the robustness suite (`npm run test:real`, tests/robustness/real-code.test.ts) and the
// fuzzer (tests/core/fuzz.test.ts) becomes a case here, reduced to the code that triggered it.
//
// Found so far: none. The first full run linted 15,920 files (8,573 from node_modules, 7,347 from four Next.js SaaS
// checkouts) and 1,800 fuzzed files with every rule on, without a throw. The cases below pin the shapes most likely
// to break a resolver or a position computation — found in that code or written against the core's recursion —
// so a regression shows up as a readable, named failure rather than a fuzz seed.

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const ROOTS = { prisma: join(fixtures, 'saas'), drizzle: join(fixtures, 'drizzle'), supabase: join(fixtures, 'supabase', 'app') } as const;
const linters = Object.fromEntries(Object.entries(ROOTS).map(([k, root]) => [k, createProjectLinter(plugin, root)])) as Record<keyof typeof ROOTS, ReturnType<typeof createProjectLinter>>;

const PRISMA = "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\ndeclare function auth(): Promise<any>;\ndeclare const cond: boolean;\n";
const DRIZZLE = "import { and, eq, sql } from 'drizzle-orm';\nimport { db } from '@/db';\nimport { invoices } from '@/db/schema';\ndeclare const cond: boolean;\n";
const SUPABASE = "import { createClient } from '@/lib/supabase/server';\nimport { db } from '@/lib/db';\ndeclare const cond: boolean;\n";
const route = (body: string) => `export async function POST(req: Request) {\n  const body = await req.json();\n  const session = await auth();\n${body}\n  return Response.json({});\n}\n`;
const nest = (n: number, leaf: string, f: (inner: string) => string) => Array.from({ length: n }).reduce<string>((inner) => f(inner), leaf);

interface Case {
  name: string;
  root: keyof typeof ROOTS;
  file?: string;
  code: string;
}

const CASES: Case[] = [
  // Bindings the value resolvers follow.
  { name: 'bindings that refer to each other', root: 'prisma', code: PRISMA + route('  let a: any = b, b: any = a;\n  await db.note.findMany({ where: a });') },
  // A crash found by this file: resolveObject() (src/core/prisma-scope.ts) followed `a` → `b` → `a` forever (fixed).
  { name: 'where: bindings that refer to each other, in every position', root: 'prisma', code: PRISMA + route('  let a: any = b, b: any = a;\n  await db.note.findMany({ where: { AND: [a], OR: [a], account: a, accountId_number: a, ...a } });\n  await db.note.findFirst({ where: { accountId: a }, select: a, include: a });\n  await db.note.update({ where: a, data: a });') },
  { name: 'values and sessions that refer to each other', root: 'prisma', code: PRISMA + route('  let s1: any = s2, s2: any = s1;\n  let id1: any = id2, id2: any = id1;\n  await db.note.findMany({ where: { accountId: s1.accountId, id: id1 } });\n  return Response.json(await db.note.findFirst({ where: { id: id2 } }));') },
  { name: 'drizzle: conditions and tables that refer to each other', root: 'drizzle', code: DRIZZLE + 'export async function GET() {\n  let c1: any = c2, c2: any = c1;\n  let t1: any = t2, t2: any = t1;\n  await db.select().from(t1).where(c1);\n  await db.update(t2).set(c2).where(and(c1, c2));\n  return db.query.invoices.findMany({ where: c1 });\n}\n' },
  { name: 'supabase: clients, tables and filters that refer to each other', root: 'supabase', code: SUPABASE + 'export async function GET() {\n  let s1: any = s2, s2: any = s1;\n  let t1: any = t2, t2: any = t1;\n  let f1: any = f2, f2: any = f1;\n  await s1.from(t1).select().eq("account_id", f1).match(f2);\n  await db.from(t2).delete().match(f1);\n}\n' },
  { name: 'a binding that refers to itself', root: 'prisma', code: PRISMA + route('  let w: any = { ...w, accountId: w?.accountId };\n  await db.note.findMany({ where: w });') },
  { name: 'helpers that call each other', root: 'prisma', code: PRISMA + 'function a(): any { return b(); }\nfunction b(): any { return a(); }\n' + route('  await db.note.findMany({ where: { accountId: a() } });') },
  { name: 'a recursive where helper', root: 'prisma', code: PRISMA + 'const where = (s: any): any => ({ ...where(s), accountId: s.accountId });\n' + route('  await db.note.findMany({ where: where(session) });') },
  { name: 'a 1,000-step chain of aliases', root: 'prisma', code: PRISMA + route(`  const v0 = body.accountId;\n${Array.from({ length: 1000 }, (_, i) => `  const v${i + 1} = v${i};`).join('\n')}\n  await db.note.findMany({ where: { accountId: v1000 } });`) },
  { name: 'a 1,000-step chain of spreads', root: 'prisma', code: PRISMA + route(`  const w0 = { accountId: body.accountId };\n${Array.from({ length: 1000 }, (_, i) => `  const w${i + 1} = { ...w${i} };`).join('\n')}\n  await db.note.findMany({ where: w1000 });`) },
  // Deep nesting: deep for code, within the parser's stack (in a vitest worker it overflows near 300 levels of `{ AND: [ ] }`).
  { name: 'AND nested 100 deep', root: 'prisma', code: PRISMA + route(`  await db.note.findMany({ where: ${nest(100, '{ accountId: body.accountId }', (x) => `{ AND: [${x}] }`)} });`) },
  { name: 'a 300-deep conditional', root: 'prisma', code: PRISMA + route(`  await db.note.findMany({ where: { accountId: ${nest(300, 'body.accountId', (x) => `cond ? ${x} : session.accountId`)} } });`) },
  { name: 'drizzle and() nested 300 deep', root: 'drizzle', code: DRIZZLE + `export async function GET(id: number) {\n  return db.select().from(invoices).where(${nest(300, 'eq(invoices.id, id)', (x) => `and(${x})`)});\n}\n` },
  { name: 'a supabase chain 300 calls long', root: 'supabase', code: SUPABASE + `export async function GET(id: string) {\n  const supabase = await createClient();\n  return supabase.from('invoices').select('*')${'.eq("id", id)'.repeat(300)};\n}\n` },
  // Calls the recognisers see in unusual forms.
  { name: 'a spread argument list', root: 'prisma', code: PRISMA + route('  const args: any[] = [];\n  await db.note.findMany(...args);\n  await db.note.update(...args, { where: {} } as any);') },
  { name: 'a delegate called through call/apply/bind and a sequence', root: 'prisma', code: PRISMA + route('  const fn = db.note.findMany;\n  await fn.call(db.note, { where: {} });\n  await fn.apply(db.note, [{}]);\n  await fn.bind(db.note)();\n  await (0, db.note.findMany)({});') },
  { name: 'computed, numeric, string and keyword keys', root: 'prisma', code: PRISMA + route("  const key = 'accountId';\n  await db.note.findMany({ where: { [key]: body.id, 1: 2, 'accountId': body.accountId, default: 1, [`a${key}`]: 0, [Symbol.iterator]: 0 } as any });") },
  { name: 'getters, methods and accessors in a where', root: 'prisma', code: PRISMA + route('  await db.note.findMany({ where: { get accountId() { return body.accountId; }, set x(v: any) {}, m() { return 1; } } as any });') },
  { name: 'a where mutated after it is built', root: 'prisma', code: PRISMA + route('  const where: any = {};\n  where.accountId = body.accountId;\n  delete where.accountId;\n  Object.assign(where, { accountId: session.accountId });\n  await db.note.findMany({ where });') },
  { name: 'a destructured delegate and a class with private fields', root: 'prisma', code: PRISMA + 'class Repo { #db = db; static s = 1; accessor a = 1; async list() { const { note } = this.#db; return note.findMany({}); } }\n' + route('  await new Repo().list();') },
  { name: 'supabase with template and computed table names', root: 'supabase', code: SUPABASE + 'export async function GET(t: string) {\n  const supabase = await createClient();\n  await supabase.from(`invoices`).select();\n  await supabase.from(t as any).select();\n  await db.from(`${t}s`).delete();\n  await (supabase as any)?.from?.("invoices")?.select?.("*")?.eq?.("id", t);\n}\n' },
  { name: 'drizzle with sql.raw, subqueries and a conditional where', root: 'drizzle', code: DRIZZLE + 'export async function GET(id: number) {\n  const sub = db.select({ id: invoices.id }).from(invoices).as("sub");\n  await db.execute(sql.raw(`select * from invoices`));\n  return db.select().from(sub).where(cond ? eq(invoices.id, id) : undefined);\n}\n' },
  // Syntax real code has that a position or scope computation can trip on.
  { name: 'CRLF line endings', root: 'prisma', code: (PRISMA + route('  await db.note.findMany({ where: { accountId: body.accountId } });')).replace(/\n/g, '\r\n') },
  { name: 'a BOM, a hashbang, tabs and U+2028 in a string', root: 'prisma', file: 'scripts/run.ts', code: `\uFEFF#!/usr/bin/env node\n${PRISMA}\tconst s = "a\u2028b";\n${route('\t\tawait db.note.findMany({ where: { accountId: body.accountId } });')}` },
  { name: 'an empty file', root: 'prisma', code: '' },
  { name: 'a file with only comments and directives', root: 'prisma', file: 'app/page.tsx', code: "'use client';\n'use server';\n/* nothing */\n// at all\n" },
  { name: 'TypeScript-only declarations', root: 'prisma', file: 'types/globals.d.ts', code: "declare module 'x' { export const db: any; }\ndeclare global { var prisma: any }\nexport = {};\nnamespace N { export const a = 1; }\nenum E { A = 1 }\nimport fs = require('fs');\nabstract class A { abstract m(): void }\n" },
  { name: 'decorators, using and satisfies', root: 'prisma', code: PRISMA + 'function dec(..._a: any[]) {}\n@dec class C { @dec m() {} }\n' + route('  using res = { [Symbol.dispose]() {} };\n  await db.note.findMany({ where: { accountId: session.accountId } } satisfies object);') },
  { name: 'JSX with queries in attributes and namespaced names', root: 'prisma', file: 'app/dashboard/page.tsx', code: `${PRISMA}export default async function Page({ params }: any) {\n  return <svg:rect data-x={await db.note.findMany({ where: { id: params.id } })} {...(await db.note.findFirst({}))} />;\n}\n` },
  { name: 'one very long line', root: 'prisma', code: PRISMA + route(`  await db.note.findMany({ where: { accountId: session.accountId, AND: [${Array.from({ length: 2000 }, (_, i) => `{ id: "${i}" }`).join(', ')}] } });`) },
];

describe('code shapes that could crash a rule', () => {
  it.each(CASES)('$name', ({ root, file, code }) => {
    const result = linters[root].lintCode(join(ROOTS[root], file ?? 'app/api/things/route.ts'), code);
    expect(result.crash && `${result.crash.ruleId}: ${result.crash.message}\n${result.crash.stack}`).toBeNull();
    expect(result.fatal && result.fatal.message).toBeNull();
    expect(result.problems.map((p) => p.message)).toEqual([]);
  });

  it('nesting deeper than the parser can take is a parse error, not a crash', () => {
    const code = PRISMA + route(`  await db.note.findMany({ where: ${nest(3000, '{}', (x) => `{ AND: [${x}] }`)} });`);
    const result = linters.prisma.lintCode(join(ROOTS.prisma, 'app/api/things/route.ts'), code);
    expect(result.crash).toBeNull();
    expect(result.fatal?.message).toMatch(/Parsing error/);
  });
});
