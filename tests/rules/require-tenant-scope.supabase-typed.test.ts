import { join } from 'node:path';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-tenant-scope.js';

// With `parserOptions.projectService`, the receiver's type decides whether a `.from('invoices')` is a Supabase query:
// a repository named like the admin client is not one. Without types the name is all there is.
const app = join(import.meta.dirname, '..', 'fixtures', 'supabase', 'app');
const file = join(app, 'app', 'api', 'invoices', 'route.ts');

const repository = `class InvoiceRepository {
  from(_table: string) {
    return { select: () => Promise.resolve({ data: [] as unknown[] }) };
  }
}
export function list(supabaseAdmin: InvoiceRepository) {
  return supabaseAdmin.from('invoices').select();
}`;

new RuleTester({ languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['app/api/invoices/*.ts'] }, tsconfigRootDir: app } } }).run(
  'require-tenant-scope (Supabase, type-aware)',
  rule,
  { valid: [{ name: 'a repository typed as such is not a Supabase client, whatever its name', filename: file, code: repository }], invalid: [] },
);

new RuleTester().run('require-tenant-scope (Supabase, without types)', rule, {
  valid: [],
  invalid: [{ name: 'without types, the admin client is recognised by its name', filename: file, code: repository, errors: [{ messageId: 'unscoped' }] }],
});
