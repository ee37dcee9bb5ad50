import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetDiagnostics, setDiagnosticSink, type Diagnostic } from '../../src/core/diagnostics.js';
import { clearSchemaCaches, discoverSchemaFiles, loadSchemaFile, parseSchemaSource } from '../../src/core/prisma-schema.js';

const INVOICE = `model Invoice {
  id        String  @id
  accountId String  @map("account_id")
  number    Int
  account   Account @relation(fields: [accountId], references: [id])

  @@unique([accountId, number])
  @@map("invoices")
}
`;
const ACCOUNT = `model Account {
  id       String    @id
  slug     String    @unique
  invoices Invoice[]
}
`;

let root: string;
function write(path: string, text: string): string {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tg-schema-'));
  clearSchemaCaches();
  resetDiagnostics();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('parseSchemaSource', () => {
  it('reads fields, relations, database names and unique keys', () => {
    const parsed = parseSchemaSource(INVOICE + ACCOUNT + 'enum Status {\n  OPEN\n}\n', 'schema.prisma');
    const invoice = parsed.models.find((m) => m.name === 'Invoice')!;
    expect(invoice.dbName).toBe('invoices');
    expect(invoice.fields.find((f) => f.name === 'accountId')).toMatchObject({ dbName: 'account_id', type: 'String' });
    expect(invoice.fields.find((f) => f.name === 'account')).toMatchObject({
      type: 'Account',
      relationFields: ['accountId'],
      relationReferences: ['id'],
    });
    expect(invoice.uniqueKeys).toEqual([['id'], ['accountId', 'number']]);
    const account = parsed.models.find((m) => m.name === 'Account')!;
    const invoices = account.fields.find((f) => f.name === 'invoices')!;
    expect(invoices.isList).toBe(true);
    expect(invoices.relationFields).toBeUndefined();
    expect(account.uniqueKeys).toEqual([['id'], ['slug']]);
    expect(parsed.nonModelTypes).toEqual(['Status']);
  });

  it('keeps the names of named compound keys', () => {
    const parsed = parseSchemaSource('model M {\n  a String\n  b String\n  @@id([a, b], name: "ab")\n}\n', 'x.prisma');
    expect(parsed.models[0].compoundKeyNames.get('ab')).toEqual(['a', 'b']);
  });
});

describe('discoverSchemaFiles', () => {
  it('finds prisma/schema.prisma beside the nearest package.json', () => {
    write('package.json', '{}');
    const schema = write('prisma/schema.prisma', INVOICE);
    expect(discoverSchemaFiles(join(root, 'app/api/route.ts'), root, [])).toEqual([schema]);
  });

  it('finds a multi-file prisma/schema folder, sorted, without migrations', () => {
    write('package.json', '{}');
    const a = write('prisma/schema/account.prisma', ACCOUNT);
    const b = write('prisma/schema/invoice.prisma', INVOICE);
    write('prisma/schema/migrations/0001/x.prisma', 'nope');
    expect(discoverSchemaFiles(join(root, 'app/page.tsx'), root, [])).toEqual([a, b]);
  });

  it('follows package.json#prisma.schema and prisma.config.ts', () => {
    write('package.json', JSON.stringify({ prisma: { schema: 'db/main.prisma' } }));
    const main = write('db/main.prisma', INVOICE);
    expect(discoverSchemaFiles(join(root, 'x.ts'), root, [])).toEqual([main]);

    const other = mkdtempSync(join(tmpdir(), 'tg-config-'));
    try {
      writeFileSync(join(other, 'package.json'), '{}');
      writeFileSync(join(other, 'prisma.config.ts'), 'export default defineConfig({ schema: "./schema" });');
      mkdirSync(join(other, 'schema'));
      writeFileSync(join(other, 'schema', 'main.prisma'), INVOICE);
      expect(discoverSchemaFiles(join(other, 'lib/x.ts'), other, [])).toEqual([join(other, 'schema', 'main.prisma')]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('finds the schema of a workspace package from an app of the monorepo', () => {
    write('package.json', JSON.stringify({ workspaces: ['apps/*', 'packages/*'] }));
    write('apps/web/package.json', '{}');
    const schema = write('packages/db/prisma/schema.prisma', INVOICE);
    expect(discoverSchemaFiles(join(root, 'apps/web/app/api/route.ts'), join(root, 'apps/web'), [])).toEqual([schema]);
  });

  it('uses explicit settings (files or folders) relative to the cwd', () => {
    const file = write('custom/one.prisma', INVOICE);
    expect(discoverSchemaFiles('/elsewhere/x.ts', root, ['custom'])).toEqual([file]);
    expect(discoverSchemaFiles('/elsewhere/x.ts', root, ['custom/one.prisma'])).toEqual([file]);
  });

  it('returns nothing when there is no schema', () => {
    write('package.json', '{}');
    expect(discoverSchemaFiles(join(root, 'src/x.ts'), root, [])).toEqual([]);
  });
});

describe('loadSchemaFile', () => {
  it('parses once and re-reads when the file changes', () => {
    const file = write('schema.prisma', INVOICE);
    const first = loadSchemaFile(file, 1_000);
    expect(loadSchemaFile(file, 1_500)).toBe(first);
    writeFileSync(file, INVOICE + ACCOUNT);
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    const second = loadSchemaFile(file, 10_000);
    expect(second).not.toBe(first);
    expect(second?.models.map((m) => m.name)).toEqual(['Invoice', 'Account']);
  });

  it('warns once, with file and line, for a malformed schema, and again after a reset', () => {
    const warnings: Diagnostic[] = [];
    const restore = setDiagnosticSink((d) => warnings.push(d));
    try {
      const file = write('schema.prisma', 'model Invoice {\n  id String @id\n  oops ][\n}\n');
      expect(loadSchemaFile(file, 1_000)).toBeNull();
      expect(loadSchemaFile(file, 1_100)).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0].message).toContain(`could not parse Prisma schema ${file}:3:`);
      resetDiagnostics();
      loadSchemaFile(file, 1_200);
      expect(warnings).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it('returns null for a file that does not exist', () => {
    expect(loadSchemaFile(join(root, 'missing.prisma'))).toBeNull();
  });
});
