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
