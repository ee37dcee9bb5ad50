import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';

// `tenant-guard check --format sarif` output, validated against the SARIF 2.1.0 schema of the OASIS standard
// (tests/fixtures/sarif/sarif-schema-2.1.0.json, vendored unmodified; see the README beside it). GitHub's
// `upload-sarif` validates uploads against this schema and rejects the whole log on any error, so every shape the
// CLI can emit is checked: findings, no findings, skipped (unparsable) files, a crashed file, project warnings, and the
// `--build` scan, with file names that need URI escaping (Next.js `[id]` segments, spaces, `#`, non-ASCII).
// The fixed example is not used for "no findings": other tests own its zero-findings promise.
//
// Validator: ajv 6 (installed with ESLint 9 and @typescript-eslint/rule-tester), which supports the schema's JSON
// Schema draft-04 once the draft-04 meta-schema is added. `format: 'full'` checks `uri`/`uri-reference` by RFC 3986
// like GitHub's validator does; ajv's default 'fast' mode accepts `app/[id]/route.ts`, which GitHub rejects.

// The real rule, except that it throws on a file named `crash.ts`, for the "tenant-guard crashed" notification.
vi.mock('../../rules/require-tenant-scope.js', async (importOriginal) => {
  const { default: rule } = await importOriginal<typeof import('../../rules/require-tenant-scope.js')>();
  return {
    default: {
      ...rule,
      create(context: Parameters<typeof rule.create>[0]) {
        if (context.filename.endsWith('crash.ts')) return { Program: () => { throw new Error('boom'); } };
        return rule.create(context);
      },
    },
  };
});

interface AjvError { dataPath: string; message?: string; params: unknown }
interface Validate { (data: unknown): boolean; errors?: AjvError[] | null }
interface AjvInstance { addMetaSchema(schema: object): unknown; compile(schema: object): Validate }
type AjvClass = new (options: Record<string, unknown>) => AjvInstance;

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const schemaPath = join(repoRoot, 'tests/fixtures/sarif/sarif-schema-2.1.0.json');
const leaky = join(repoRoot, 'examples/leaky-saas');

let validate: Validate;
beforeAll(() => {
  const Ajv = require('ajv') as AjvClass;
  const ajv = new Ajv({ schemaId: 'auto', format: 'full', allErrors: true });
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
  validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
});

const temps: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-sarif-'));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

interface SarifLog {
  runs: Array<{
    results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: Array<{ level: string; message: { text: string } }> }>;
    originalUriBaseIds: Record<string, { uri: string }>;
  }>;
}

async function sarif(...argv: string[]): Promise<{ code: number; log: SarifLog }> {
  let stdout = '';
  const code = await main([...argv, '--format', 'sarif'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true }, isTTY: false });
  return { code, log: JSON.parse(stdout) as SarifLog };
}

/** Validates and fails with the schema errors spelled out. */
function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(ok ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
}

/** Every artifact URI, resolved against %SRCROOT% as a consumer does, names a file that exists. */
function expectUrisResolve(log: SarifLog): void {
  for (const run of log.runs) {
    const base = run.originalUriBaseIds['%SRCROOT%'].uri;
    for (const r of run.results) {
      for (const l of r.locations) {
        const file = fileURLToPath(new URL(l.physicalLocation.artifactLocation.uri, base));
        expect(existsSync(file), `${l.physicalLocation.artifactLocation.uri} → ${file}`).toBe(true);
      }
    }
  }
}

describe('SARIF output validates against the SARIF 2.1.0 schema', { timeout: 120_000 }, () => {
  it('the vendored schema is the OASIS one, and it rejects what it should', () => {
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
    expect(schema.id).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(validate({ version: '2.1.0', runs: [] })).toBe(true);
    expect(validate({ version: '2.1.0' })).toBe(false); // runs is required
    const withUri = (uri: string) => ({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 't' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri } } }] }] }],
    });
    expect(validate(withUri('app/%5Bid%5D/route.ts'))).toBe(true);
    expect(validate(withUri('app/[id]/route.ts'))).toBe(false);
    expect(validate(withUri('a b.ts'))).toBe(false);
  });

  it('findings: the leaky example', async () => {
    const { code, log } = await sarif('check', leaky);
    expect(code).toBe(1);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expectValid(log);
    expectUrisResolve(log);
  });

  it('no findings', async () => {
    const dir = temp();
    write(join(dir, 'lib/[id]/util.ts'), 'export const add = (a: number, b: number) => a + b;\n');
    const { code, log } = await sarif('check', dir, '--strict');
    expect(code).toBe(0);
    expect(log.runs[0].results).toEqual([]);
    expectValid(log);
  });

  it('paths that need escaping, an unparsable file, a crashed file and project warnings', async () => {
    const dir = temp();
    cpSync(leaky, dir, { recursive: true });
    // Every planted leak moved under a dynamic route segment with a space, a `#` and a non-ASCII letter.
    const odd = join(dir, 'app/[teamId]/in voices #2/café');
    mkdirSync(dirname(odd), { recursive: true });
    renameSync(join(dir, 'app/api'), odd);
    write(join(dir, 'app/[id]/broken.ts'), 'export const = ;\n');
    write(join(dir, 'lib/[slug]/crash.ts'), 'export const x = 1;\n');
    // A second Prisma schema that does not parse: a project warning (a notification without a location).
    write(join(dir, 'packages/other/prisma/schema.prisma'), 'model {\n');
    write(join(dir, 'packages/other/package.json'), '{ "name": "other", "dependencies": { "@prisma/client": "6.0.0" } }\n');
    write(join(dir, 'packages/other/lib/q.ts'), "import { PrismaClient } from '@prisma/client';\nconst db = new PrismaClient();\nexport const all = () => db.note.findMany();\n");

    const { code, log } = await sarif('check', dir);
    expect(code).toBe(2); // a file could not be checked
    const [run] = log.runs;
    const uris = run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContainEqual(expect.stringMatching(/^app\/%5BteamId%5D\/in%20voices%20%232\/caf%C3%A9\//));
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(notes.map((n) => n.message.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Skipped \(could not parse\)/),
        expect.stringMatching(/^Not checked \(tenant-guard crashed\): boom/),
        expect.stringMatching(/could not parse Prisma schema/),
      ]),
    );
    expectValid(log);
    expectUrisResolve(log);
  });

  it('the --build scan', async () => {
    const dir = temp();
    const secret = `sk_live_${randomBytes(40).toString('hex')}`;
    write(join(dir, 'package.json'), '{ "name": "app", "dependencies": { "next": "15.0.0" } }\n');
    write(join(dir, '.env.local'), `STRIPE_SECRET_KEY=${secret}\n`);
    write(join(dir, '.next/static/chunks/app/[id]/page-0f1e2d.js'), `(()=>{const k=${JSON.stringify(secret)};console.log(k)})();\n`);
    const { code, log } = await sarif('check', dir, '--build', join(dir, '.next'));
    expect(code).toBe(1);
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(JSON.stringify(log)).not.toContain(secret);
    expectValid(log);
    expectUrisResolve(log);
  });
});
