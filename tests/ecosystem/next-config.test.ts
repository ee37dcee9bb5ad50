import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ESLint as ESLintClass } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedLeaks } from '../helpers/planted.js';

// tenant-guard installed in a Next.js app next to the configs such an app already has: a real `eslint.config.mjs`
// that combines `@next/eslint-plugin-next` (core-web-vitals flat config), `typescript-eslint` (recommended) and
// `eslint-plugin-tenant-guard` (recommended + dotenv), loaded by the ESLint class from the project's directory, on
// ESLint 10 and ESLint 9. Then ESLint's cache and multithreaded linting (`concurrency`) on the same project.
//
// The project is a copy of examples/leaky-saas with a node_modules of symlinks to this repository's installed
// packages, and an `eslint-plugin-tenant-guard` package that re-exports the built plugin (ESLint imports config files
// natively, so they cannot load the TypeScript sources): dist/, which `npm test` builds before the tests, or the build
// named by TENANT_GUARD_DIST (a private `tsc --outDir` build while developing). tests/package/pack.test.ts installs
// the real packed tarball instead.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const leaky = join(repoRoot, 'examples/leaky-saas');
const builtPlugin = join(process.env.TENANT_GUARD_DIST ? resolve(process.env.TENANT_GUARD_DIST) : join(repoRoot, 'dist'), 'src/index.js');

/** The plugin's configs may be one object or a list: `defineConfig` flattens either, as it does for typescript-eslint's. */
const CONFIG = `// A Next.js app's flat config, as a user would write it.
import { defineConfig } from 'eslint/config';
import nextPlugin from '@next/eslint-plugin-next';
import tseslint from 'typescript-eslint';
import tenantGuard from 'eslint-plugin-tenant-guard';
import probe from './probe-plugin.mjs';

export default defineConfig([
  { ignores: ['.next/**', 'node_modules/**'] },
  nextPlugin.configs['core-web-vitals'],
  tseslint.configs.recommended,
  tenantGuard.configs.recommended,
  tenantGuard.configs.dotenv,
  probe.configs.all,
]);
`;

/** The same project linted with tenant-guard alone, to compare its findings with. */
const TENANT_ONLY = `import { defineConfig } from 'eslint/config';
import tenantGuard from 'eslint-plugin-tenant-guard';

export default defineConfig([
  { ignores: ['.next/**', 'node_modules/**'] },
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  tenantGuard.configs.recommended,
  tenantGuard.configs.dotenv,
]);
`;

/**
 * A rule that reports nothing and appends the file it runs on to probe.log: which files ESLint really linted (and not
 * served from its cache), from any thread.
 */
const PROBE = `import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const log = fileURLToPath(new URL('./probe.log', import.meta.url));
const plugin = {
  meta: { name: 'probe', version: '1.0.0' },
  rules: {
    seen: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        appendFileSync(log, context.filename + '\\n');
        return {};
      },
    },
  },
};
plugin.configs = { all: { files: ['**/*.{js,jsx,mjs,ts,tsx}'], plugins: { probe: plugin }, rules: { 'probe/seen': 'error' } } };
export default plugin;
`;

const LINKED = ['eslint', '@next/eslint-plugin-next', 'typescript-eslint', '@typescript-eslint', '@eslint', '@eslint-community'];

let project: string;
const temps: string[] = [];

function makeProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tenant-guard-next-'));
  temps.push(dir);
  cpSync(leaky, dir, { recursive: true, filter: (src) => !src.includes(`${sep}node_modules`) && !src.endsWith('.tsbuildinfo') });
  // Code the other two plugins have something to say about.
  writeFileSync(join(dir, 'app/avatar.tsx'), 'export function Avatar() {\n  return <img src="/avatar.png" alt="" />;\n}\n');
  writeFileSync(join(dir, 'lib/loose.ts'), 'export const loose: any = JSON.parse("{}");\n');
  writeFileSync(join(dir, 'eslint.config.mjs'), CONFIG);
  writeFileSync(join(dir, 'eslint.tenant-only.mjs'), TENANT_ONLY);
  writeFileSync(join(dir, 'probe-plugin.mjs'), PROBE);
  const modules = join(dir, 'node_modules');
  for (const name of LINKED) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(repoRoot, 'node_modules', name), join(modules, name), 'dir');
  }
  const pkg = join(modules, 'eslint-plugin-tenant-guard');
  mkdirSync(pkg);
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'eslint-plugin-tenant-guard', type: 'module', exports: './index.js' }));
  writeFileSync(join(pkg, 'index.js'), `export { default } from ${JSON.stringify(pathToFileURL(builtPlugin).href)};\n`);
  return dir;
}

beforeAll(() => {
  if (!existsSync(builtPlugin)) throw new Error(`${builtPlugin} is missing: run \`npm run build\` first (npm test does)`);
  project = makeProject();
});
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

interface Message {
  file: string;
  line: number;
  column: number;
  ruleId: string | null;
  message: string;
  fatal?: boolean;
}

function flatten(results: ESLintClass.LintResult[], root: string): Message[] {
  return results
    .flatMap((r) => r.messages.map((m) => ({ file: relative(root, r.filePath).split(sep).join('/'), line: m.line, column: m.column, ruleId: m.ruleId, message: m.message, ...(m.fatal && { fatal: true }) })))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || String(a.ruleId).localeCompare(String(b.ruleId))));
}

const PATTERNS = ['.'];
const probeLog = () => (existsSync(join(project, 'probe.log')) ? readFileSync(join(project, 'probe.log'), 'utf8').split('\n').filter(Boolean) : []);
const resetProbe = () => rmSync(join(project, 'probe.log'), { force: true });
const tenantGuard = (ms: Message[]) => ms.filter((m) => m.ruleId?.startsWith('tenant-guard/'));

const versions = [
  ['ESLint 10', () => import('eslint')],
  ['ESLint 9', () => import('eslint-v9')],
] as const;

describe('in a Next.js app with @next/eslint-plugin-next and typescript-eslint', { timeout: 180_000 }, () => {
  let tenantOnly: Message[];

  beforeAll(async () => {
    const { ESLint } = await import('eslint');
    const eslint = new ESLint({ cwd: project, overrideConfigFile: join(project, 'eslint.tenant-only.mjs') });
    tenantOnly = flatten(await eslint.lintFiles(PATTERNS), project);
  }, 120_000);

  it('tenant-guard alone finds the planted leaks', () => {
    const planted = plantedLeaks(project).map((l) => `${l.file}:${l.line} ${l.ruleId}`);
    expect(planted.length).toBeGreaterThan(0);
    expect(tenantOnly.filter((m) => m.fatal)).toEqual([]);
    expect(tenantOnly.map((m) => `${m.file}:${m.line} ${m.ruleId}`)).toEqual(expect.arrayContaining(planted));
  });

  it.each(versions)('%s: the combined eslint.config.mjs loads, all three plugins report, nothing crashes', async (_label, load) => {
    const { ESLint } = (await load()) as typeof import('eslint');
    const eslint = new ESLint({ cwd: project });
    // The project's own config file, found from its directory.
    expect(await eslint.calculateConfigForFile(join(project, 'app/avatar.tsx'))).toMatchObject({ rules: expect.objectContaining({ '@next/next/no-img-element': expect.anything() }) });
    const messages = flatten(await eslint.lintFiles(PATTERNS), project);
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages).toContainEqual(expect.objectContaining({ file: 'app/avatar.tsx', ruleId: '@next/next/no-img-element' }));
    expect(messages).toContainEqual(expect.objectContaining({ file: 'lib/loose.ts', ruleId: '@typescript-eslint/no-explicit-any' }));
    // tenant-guard's findings are the same with or without the other plugins.
    expect(tenantGuard(messages)).toEqual(tenantGuard(tenantOnly));
  });

  it("ESLint's cache: the second run is served from the cache, with the same findings", async () => {
    const { ESLint } = await import('eslint');
    const cacheLocation = join(project, '.eslintcache');
    rmSync(cacheLocation, { force: true });
    resetProbe();
    const first = flatten(await new ESLint({ cwd: project, cache: true, cacheLocation }).lintFiles(PATTERNS), project);
    const linted = probeLog().length;
    expect(linted).toBeGreaterThan(10);
    expect(existsSync(cacheLocation)).toBe(true);

    resetProbe();
    const second = flatten(await new ESLint({ cwd: project, cache: true, cacheLocation }).lintFiles(PATTERNS), project);
    expect(probeLog()).toEqual([]); // no file was linted again
    expect(second).toEqual(first);
    expect(tenantGuard(second)).toEqual(tenantGuard(tenantOnly));

    // A changed file is linted again, and only that one.
    const route = join(project, 'app/api/notes/route.ts');
    writeFileSync(route, `${readFileSync(route, 'utf8')}\n// touched\n`);
    resetProbe();
    const third = flatten(await new ESLint({ cwd: project, cache: true, cacheLocation }).lintFiles(PATTERNS), project);
    expect(probeLog()).toEqual([route]);
    expect(tenantGuard(third)).toEqual(tenantGuard(first));
  });

  it('multithreaded linting (`concurrency: 2`) gives the same findings as one thread', async () => {
    const { ESLint } = await import('eslint');
    resetProbe();
    const single = flatten(await new ESLint({ cwd: project }).lintFiles(PATTERNS), project);
    const singleFiles = probeLog().sort();
    resetProbe();
    const threaded = flatten(await new ESLint({ cwd: project, concurrency: 2 }).lintFiles(PATTERNS), project);
    expect(threaded).toEqual(single);
    expect(probeLog().sort()).toEqual(singleFiles); // every file linted once, across the workers
    expect(tenantGuard(threaded).length).toBeGreaterThan(0);
  });
});
