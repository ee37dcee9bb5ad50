import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

// With `parserOptions.projectService`, "may this tenant value be undefined?" is answered by the type checker: it sees
// narrowings the syntactic path cannot (a `typeof` guard, a throwing helper) and types the syntax does not show.
const typed = join(import.meta.dirname, '..', 'fixtures', 'typed');
const schema = join(import.meta.dirname, '..', 'fixtures', 'saas', 'prisma', 'schema.prisma');

const ruleTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: typed } },
  settings: { 'tenant-guard': { schema } },
});

const header = `declare const db: { invoice: { findMany(args?: unknown): Promise<unknown[]> } };\n`;
const file = join(typed, 'file.ts');

/** Narrowed by a `typeof` guard: only the checker sees that `accountId` is a string at the query. */
const narrowedByTypeof = `${header}declare const session: { user?: { accountId: string } } | null;
export async function list() {
  if (typeof session?.user?.accountId !== 'string') throw new Error('unauthorized');
  return db.invoice.findMany({ where: { accountId: session?.user?.accountId } });
}`;

/** Undefined by its type only: the syntax shows no `?`. */
const undefinedByType = `${header}export function list(accountId: string | undefined) {
  return db.invoice.findMany({ where: { accountId } });
}`;

ruleTester.run('require-tenant-scope (type-aware)', rule, {
  valid: [
    {
      name: 'a typeof guard narrows the optional chain to a string',
      filename: file,
      code: narrowedByTypeof,
    },
  ],
  invalid: [
    {
      name: 'a parameter typed string | undefined, which the syntax does not mark optional',
      filename: file,
      code: undefinedByType,
      errors: [{ messageId: 'maybeUndefined', line: 3 }],
    },
  ],
});

// The same two cases without type information behave as the syntactic path says: the guard is not understood,
// the annotation is not read. Types make the rule more precise; they are never required.
const untyped = new RuleTester({ settings: { 'tenant-guard': { schema } } });
untyped.run('require-tenant-scope (no type information)', rule, {
  valid: [
    {
      name: 'a parameter typed string | undefined looks defined without types',
      filename: file,
      code: undefinedByType,
    },
  ],
  invalid: [
    {
      name: 'a typeof guard is not a guard the syntactic path knows',
      filename: file,
      code: narrowedByTypeof,
      errors: [{ messageId: 'maybeUndefined', line: 5 }],
    },
  ],
});

// Drizzle: with types, the receiver's type decides whether it is a Drizzle database — both ways.
const drizzleImports = `import { invoices } from '../drizzle/db/schema';\n`;
/** A context `db` that is really a Map: the name says Drizzle, the type says no. */
const mapNamedDb = `${drizzleImports}declare const ctx: { db: Map<string, unknown> & { select(): { from(table: unknown): Promise<unknown[]> } } };
export const all = () => ctx.db.select().from(invoices);`;
/** A database known only by its declared type. */
const typedOnly = `${drizzleImports}interface NodePgDatabase { select(): { from(table: unknown): Promise<unknown[]> } }
declare const store: NodePgDatabase;
export const all = () => store.select().from(invoices);`;

ruleTester.run('require-tenant-scope (type-aware Drizzle)', rule, {
  valid: [{ name: 'a Map named db is not a database', filename: file, code: mapNamedDb }],
  invalid: [{ name: 'a database recognised by its type', filename: file, code: typedOnly, errors: [{ messageId: 'unscoped' }] }],
});

untyped.run('require-tenant-scope (Drizzle, no type information)', rule, {
  valid: [{ name: 'a binding with no evidence is not a database', filename: file, code: typedOnly }],
  invalid: [{ name: 'a context db is taken by its name', filename: file, code: mapNamedDb, errors: [{ messageId: 'unscoped' }] }],
});

// Client identification: with types, the receiver's type decides whether `db` is Prisma — a name cannot fool it.
const inMemoryStore = `class InMemoryStore { invoice = { findMany: (_args?: unknown) => [] as unknown[] }; }
export function all(db: InMemoryStore) {
  return db.invoice.findMany();
}`;
const prismaClass = `declare class PrismaClient { invoice: { findMany(args?: unknown): Promise<unknown[]> } }
const store = new PrismaClient();
export const all = () => store.invoice.findMany();`;

ruleTester.run('require-tenant-scope (type-aware client identification)', rule, {
  valid: [{ name: 'a `db` whose type is an in-memory store is not a Prisma client', filename: file, code: inMemoryStore }],
  invalid: [{ name: 'a PrismaClient under a name no heuristic knows', filename: file, code: prismaClass, errors: [{ messageId: 'unscoped' }] }],
});

const untypedTester = new RuleTester({ settings: { 'tenant-guard': { schema } } });
untypedTester.run('require-tenant-scope (client identification without types)', rule, {
  valid: [],
  invalid: [
    // A parameter named `db` is taken by its name: without types the store cannot be told from a client.
    { name: 'without types, a `db` is taken for a Prisma client', filename: file, code: inMemoryStore, errors: [{ messageId: 'unscoped' }] },
    { name: 'without types, `new PrismaClient()` is recognised by its constructor', filename: file, code: prismaClass, errors: [{ messageId: 'unscoped' }] },
  ],
});
