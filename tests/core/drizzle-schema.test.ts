import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importedTable, projectDrizzleTables, tablesInProgram } from '../../src/core/drizzle-schema.js';
import { parseSettings } from '../../src/core/settings.js';

const settings = parseSettings(undefined);
const tables = (code: string) => tablesInProgram(parse(code, { range: true }), 'schema.ts', settings);

describe('tablesInProgram', () => {
  it('reads table and column names, unique keys, references and tenant columns', () => {
    const [teams, invoices] = tables(`
      export const teams = pgTable('teams', { id: serial('id').primaryKey(), slug: text('slug').unique() });
      export const invoices = pgTable('invoices', {
        id: serial('id').primaryKey(),
        teamId: integer('team_id').notNull().references(() => teams.id, { onDelete: 'cascade' }),
        total: integer(),
      });`);
    expect(teams).toMatchObject({ binding: 'teams', sqlName: 'teams', isRoot: true, tenantColumns: [] });
    expect(invoices.sqlName).toBe('invoices');
    expect(invoices.columns).toEqual([
      { key: 'id', sqlName: 'id', isUnique: true, references: undefined },
      { key: 'teamId', sqlName: 'team_id', isUnique: false, references: 'teams' },
      { key: 'total', sqlName: 'total', isUnique: false, references: undefined },
    ]);
    expect(invoices.tenantColumns.map((c) => c.key)).toEqual(['teamId']);
  });

  it('knows mysqlTable, sqliteTable, schema tables, table creators and the callback column form', () => {
    const found = tables(`
      const createTable = pgTableCreator((name) => \`app_\${name}\`);
      const app = pgSchema('app');
      export const a = mysqlTable('a', { orgId: varchar('org_id', { length: 20 }) });
      export const b = sqliteTable('b', (t) => ({ workspaceId: t.text('workspace_id') }));
      export const c = app.table('c', { accountId: text('account_id') });
      export const d = createTable('d', (d) => ({ userId: d.text() }));
      export const notATable = somethingElse('e', { teamId: text('team_id') });`);
    expect(found.map((t) => [t.binding, t.sqlName, t.tenantColumns.map((c) => c.sqlName)])).toEqual([
      ['a', 'a', ['org_id']],
      ['b', 'b', ['workspace_id']],
      ['c', 'c', ['account_id']],
      ['d', 'd', ['userId']],
    ]);
  });

  it('applies settings that pin or clear tenant columns', () => {
    const pinned = tablesInProgram(
      parse(`export const t = pgTable('things', { ownerTeam: integer('owner_team'), teamId: integer('team_id') });`, { range: true }),
      'x.ts',
      parseSettings({ models: { things: 'ownerTeam' } }),
    );
    expect(pinned[0].tenantColumns.map((c) => c.key)).toEqual(['ownerTeam']);
  });
});

describe('discovery across files', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tg-drizzle-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('follows export * and export { x } from re-exports', () => {
    write('db/invoices.ts', `export const invoices = pgTable('invoices', { teamId: integer('team_id') });`);
    write('db/named.ts', `export const projects = pgTable('projects', { teamId: integer('team_id') });`);
    write('db/schema.ts', `export * from './invoices';\nexport { projects as allProjects } from './named';`);
    expect(importedTable(join(root, 'db/schema.ts'), 'invoices', settings)?.sqlName).toBe('invoices');
    expect(importedTable(join(root, 'db/schema.ts'), 'allProjects', settings)?.sqlName).toBe('projects');
    expect(importedTable(join(root, 'db/schema.ts'), 'missing', settings)).toBeNull();
  });

  it('reads the schema files named in drizzle.config (a file list or a folder)', () => {
    write('package.json', '{}');
    write('drizzle.config.ts', `export default defineConfig({ schema: ['./src/db/a.ts', './src/db/more/'] });`);
    write('src/db/a.ts', `export const a = pgTable('a', { teamId: integer('team_id') });`);
    write('src/db/more/b.ts', `export const b = pgTable('b', { id: serial('id').primaryKey() });`);
    const found = projectDrizzleTables(join(root, 'app/page.tsx'), root, undefined);
    expect(found.map((t) => t.sqlName)).toEqual(['a', 'b']);
    expect(projectDrizzleTables(join(root, 'app/page.tsx'), root, undefined)).toBe(found);
  });

  it('finds nothing, without error, when there is no config and a schema file does not parse', () => {
    write('package.json', '{}');
    expect(projectDrizzleTables(join(root, 'x.ts'), root, undefined)).toEqual([]);
    write('db/broken.ts', 'export const = pgTable(');
    expect(importedTable(join(root, 'db/broken.ts'), 'x', settings)).toBeNull();
  });
});
