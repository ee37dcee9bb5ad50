import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import transform from '../../codemods/scope-queries.js';
import { runCodemod } from '../../codemods/lib/codemod.js';
import { applyEdits, lineColumn, mapOffset, OverlappingEditsError } from '../../codemods/lib/edits.js';
import { CodemodOptionError, parseScope, parseSessionCall, readCodemodOptions } from '../../codemods/lib/options.js';
import { clearPackageCache, dependencyMajor } from '../../codemods/lib/packages.js';

describe('codemod options', () => {
  it('--session: a function and the module to import it from', () => {
    expect(parseSessionCall('requireAuth from @/lib/auth')).toEqual({ name: 'requireAuth', from: '@/lib/auth', isDefault: false });
    expect(parseSessionCall("default as getSession from '~/auth'")).toEqual({ name: 'getSession', from: '~/auth', isDefault: true });
    expect(parseSessionCall('auth')).toEqual({ name: 'auth', from: null, isDefault: false });
    expect(() => parseSessionCall('requireAuth()')).toThrow(CodemodOptionError);
    expect(() => parseSessionCall('default as auth')).toThrow(/needs 'from <module>'/);
  });

  it('--scope: a member path for the field it ends with, or named', () => {
    expect(parseScope(['session.accountId'])).toEqual([{ field: 'accountId', expression: 'session.accountId', root: 'session', path: ['accountId'] }]);
    expect(parseScope(['teamId=session.team.id, userId=session.user.id']).map((e) => [e.field, e.expression])).toEqual([
      ['teamId', 'session.team.id'],
      ['userId', 'session.user.id'],
    ]);
    expect(parseScope(['accountId'])).toEqual([{ field: 'accountId', expression: 'accountId', root: 'accountId', path: [] }]);
    expect(() => parseScope(['session.team.id'])).toThrow(/cannot tell which tenant field/);
    expect(() => parseScope(['session?.accountId'])).toThrow(/member path/);
    expect(() => parseScope(['accountId=getAccount()'])).toThrow(/member path/);
    expect(() => parseScope(['session.accountId', 'account_id=ctx.accountId'])).toThrow(/gives account_id twice/);
  });

  it('normalises what a transform receives from jscodeshift or the CLI', () => {
    const options = readCodemodOptions({ session: 'requireAuth from @/lib/auth', scope: 'session.accountId', dry: true, parser: 'tsx' });
    expect(options.session?.name).toBe('requireAuth');
    expect(options.scope).toHaveLength(1);
    expect(readCodemodOptions({})).toEqual({ session: null, scope: [], settings: undefined, cwd: undefined });
    expect(() => readCodemodOptions({ settings: 'x' })).toThrow(/settings must be an object/);
    expect(() => readCodemodOptions({ session: 42 })).toThrow(/--session must be a string/);
  });
});

describe('text edits', () => {
  it('applies insertions and replacements, in order at one offset, and refuses overlaps', () => {
    const source = 'const a = f(x);';
    expect(applyEdits(source, [{ range: [12, 13], text: 'y' }, { range: [0, 0], text: '// b\n', order: 1 }, { range: [0, 0], text: 'let s = 1;\n' }])).toBe(
      'let s = 1;\n// b\nconst a = f(y);',
    );
    expect(applyEdits(source, [{ range: [0, 0], text: 'x' }, { range: [0, 0], text: 'x' }])).toBe(`x${source}`);
    expect(() => applyEdits(source, [{ range: [10, 14], text: 'g()' }, { range: [12, 12], text: 'z' }])).toThrow(OverlappingEditsError);
  });

  it('maps positions of the input into the output', () => {
    const edits = [{ range: [0, 0] as const, text: 'line\n' }, { range: [6, 7] as const, text: 'abc' }];
    expect(mapOffset(0, edits)).toBe(5);
    expect(mapOffset(10, edits)).toBe(17);
    expect(lineColumn('a\nbc\nd', 4)).toEqual({ line: 2, column: 3 });
  });
});

describe('dependency versions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-packages-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };

  it('reads the nearest package.json that declares it, then the other starting points, and pnpm catalogs', () => {
    clearPackageCache();
    write('app/package.json', JSON.stringify({ dependencies: { '@prisma/client': '^6.1.0' } }));
    write('legacy/package.json', JSON.stringify({ devDependencies: { prisma: '~4.16.2' } }));
    write('mono/apps/web/package.json', JSON.stringify({ dependencies: { '@prisma/client': 'catalog:' } }));
    write('mono/packages/db/package.json', JSON.stringify({ dependencies: { prisma: 'workspace:*' } }));
    write('mono/pnpm-workspace.yaml', 'packages:\n  - "apps/*"\n\ncatalog:\n  typescript: 5.9.3\n  "@prisma/client": 7.8.0\n');
    write('none/package.json', JSON.stringify({ dependencies: { next: '15.0.0' } }));
    const names = ['@prisma/client', 'prisma'];
    expect(dependencyMajor([join(dir, 'app/lib/db.ts')], names)).toBe(6);
    expect(dependencyMajor([join(dir, 'legacy/src/a.ts')], names)).toBe(4);
    expect(dependencyMajor([join(dir, 'mono/apps/web/lib/a.ts')], names)).toBe(7);
    expect(dependencyMajor([join(dir, 'none/a.ts')], names)).toBeNull();
    expect(dependencyMajor([join(dir, 'none/a.ts'), join(dir, 'app/prisma/schema.prisma')], names)).toBe(6);
  });
});

describe('line endings and byte order marks', () => {
  const app = join(import.meta.dirname, '__fixtures__', 'scope-queries');
  const options = readCodemodOptions({ session: 'requireAuth from @/lib/auth', scope: 'session.accountId' });
  const run = (source: string) => runCodemod(transform.codemod, { source, filename: join(app, 'app/x/route.ts'), cwd: app, options });
  const input = "import { db } from '@/lib/db';\n\nexport async function GET() {\n  return Response.json(await db.invoice.findMany());\n}\n";

  it('keeps CRLF line endings in what it inserts', () => {
    const { output } = run(input.replace(/\n/g, '\r\n'));
    expect(output).toContain('\r\n  const session = await requireAuth();\r\n');
    expect(output.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('keeps a byte order mark and edits at the right offsets after it', () => {
    const plain = run(input).output;
    expect(run(`\uFEFF${input}`).output).toBe(`\uFEFF${plain}`);
    expect(plain).toContain('findMany({ where: { accountId: session.accountId } })');
  });
});
