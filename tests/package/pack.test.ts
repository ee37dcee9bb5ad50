import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantedLeaks } from '../helpers/planted.js';

// `npm pack` produces a package that installs into a fresh project and lints it.
//
// The tarball is made by `npm pack --ignore-scripts` (the `prepare` build is skipped: `npm test` has just built
// dist/; set TENANT_GUARD_DIST to pack a private build instead, staged with package.json, README and docs). It is
// installed the way npm lays out an install, without the network: extracted to node_modules/eslint-plugin-tenant-guard,
// its bin linked into node_modules/.bin, and what npm would install beside it — its dependencies, its peer
// dependencies, and the peers those dependencies declare (npm 7+ installs peers) — linked from this repository's
// node_modules. Nothing else is there, so an import of a package the tarball does not declare fails as it would for a
// user. Then a fresh `eslint` process lints a copy of the leaky example with an `eslint.config.mjs` that imports the
// package by name, and the `tenant-guard` bin checks it.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const leaky = join(repoRoot, 'examples/leaky-saas');
const privateDist = process.env.TENANT_GUARD_DIST ? resolve(process.env.TENANT_GUARD_DIST) : null;
const NAME = 'eslint-plugin-tenant-guard';

const temps: string[] = [];
function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  if (result.error) throw result.error;
  return result;
}

/** The directory to pack: the repository itself, or a staged copy with a private build as dist/. */
function packSource(): string {
  if (!privateDist) return repoRoot;
  const stage = temp('tenant-guard-stage-');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  writeFileSync(join(stage, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const entry of pkg.files as string[]) {
    const from = entry === 'dist' ? privateDist : join(repoRoot, entry);
    if (existsSync(from)) cpSync(from, join(stage, entry), { recursive: true, filter: (p) => !p.endsWith('.tsbuildinfo') });
  }
  return stage;
}

interface PackedFile { path: string }
let tarball: string;
let packedFiles: string[];
let project: string;
let installedPkg: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string>; bin?: Record<string, string> };
const linked: string[] = [];

function linkFromRepo(modules: string, name: string): boolean {
  const target = join(repoRoot, 'node_modules', name);
  const link = join(modules, name);
  if (existsSync(link) || !existsSync(target)) return existsSync(link);
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(target, link, 'dir');
  linked.push(name);
  return true;
}

beforeAll(() => {
  const source = packSource();
  if (!existsSync(join(source, 'dist', 'src', 'index.js'))) throw new Error(`no build in ${join(source, 'dist')}: run \`npm run build\` first (npm test does)`);
  const out = temp('tenant-guard-pack-');
  const packed = run('npm', ['pack', source, '--ignore-scripts', '--json', '--pack-destination', out], out);
  expect(packed.status, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: PackedFile[] }>;
  tarball = join(out, info.filename);
  packedFiles = info.files.map((f) => f.path);

  // The fresh project: a copy of the leaky example, its own package.json, and the package installed in node_modules.
  project = temp('tenant-guard-fresh-');
  cpSync(leaky, project, { recursive: true, filter: (p) => !p.includes(`${sep}node_modules`) && !p.endsWith('.tsbuildinfo') });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh-app', private: true, type: 'module', devDependencies: { [NAME]: `file:${tarball}`, eslint: '^10.0.0' } }, null, 2));
  const modules = join(project, 'node_modules');
  const pkgDir = join(modules, NAME);
  mkdirSync(pkgDir, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1'], project);
  expect(untar.status, untar.stderr).toBe(0);
  installedPkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

  // What npm installs beside it: dependencies, peer dependencies (eslint), and the peers of the dependencies.
  const direct = [...Object.keys(installedPkg.dependencies ?? {}), ...Object.keys(installedPkg.peerDependencies ?? {})];
  for (const name of direct) if (!linkFromRepo(modules, name)) throw new Error(`${name} is not installed in this repository's node_modules`);
  for (const name of direct) {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8'));
    for (const peer of Object.keys(pkg.peerDependencies ?? {})) if (!pkg.peerDependenciesMeta?.[peer]?.optional) linkFromRepo(modules, peer);
  }
  // Bins, as npm links them (executable, run through their shebang).
  mkdirSync(join(modules, '.bin'));
  for (const [bin, path] of Object.entries(installedPkg.bin ?? {})) {
    chmodSync(join(pkgDir, path), 0o755);
    symlinkSync(join('..', NAME, path), join(modules, '.bin', bin));
  }
  symlinkSync(join('..', 'eslint', 'bin', 'eslint.js'), join(modules, '.bin', 'eslint'));

  writeFileSync(
    join(project, 'eslint.config.mjs'),
    ["import tenantGuard from 'eslint-plugin-tenant-guard';", '', 'export default [tenantGuard.configs.recommended, tenantGuard.configs.dotenv].flat();', ''].join('\n'),
  );
}, 180_000);

describe('npm pack', { timeout: 180_000 }, () => {
  it('packs the build, the docs and the README, and no sources, tests or examples', () => {
    expect(packedFiles).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/src/index.js', 'dist/src/cli.js', 'dist/src/index.d.ts']));
    expect(packedFiles.filter((f) => /^(tests|examples|src|rules|scripts|node_modules)\//.test(f) || f.endsWith('.test.js'))).toEqual([]);
    // A docs page for every rule the package exports (the docs.url of each rule points at one).
    expect(rules().length).toBeGreaterThan(0);
    for (const rule of rules()) expect(packedFiles).toContain(`docs/rules/${rule.replace(/\.js$/, '.md')}`);
    expect(existsSync(tarball)).toBe(true);
  });

  it('installs with only what npm would put beside it', () => {
    expect(installedPkg.peerDependencies).toHaveProperty('eslint');
    expect(linked).toEqual(expect.arrayContaining(['eslint', ...Object.keys(installedPkg.dependencies ?? {})]));
    // Loaded by name from the fresh project, as ESM and through require() (CommonJS configs, Node's require(esm)).
    const probe = `const p = (await import('${NAME}')).default; console.log(JSON.stringify({ rules: Object.keys(p.rules).length, configs: Object.keys(p.configs), name: p.meta.name }));`;
    const esm = run(process.execPath, ['--input-type=module', '-e', probe], project);
    expect(esm.status, esm.stderr).toBe(0);
    const loaded = JSON.parse(esm.stdout);
    expect(loaded).toMatchObject({ name: NAME, configs: expect.arrayContaining(['recommended', 'strict']) });
    expect(loaded.rules).toBe(rules().length);
    // require() of an ES module gives its namespace unless it exports a 'module.exports' binding, so an
    // eslint.config.cjs needs `.default` today: `require('eslint-plugin-tenant-guard').default`.
    const cjs = run(process.execPath, ['-e', `const m = require('${NAME}'); const p = m.rules ? m : m.default; console.log(Object.keys(p.rules).length)`], project);
    expect(cjs.status, cjs.stderr).toBe(0);
    expect(Number(cjs.stdout.trim())).toBe(loaded.rules);
  });

  it("the project's eslint lints the app with the installed package and finds the planted leaks", () => {
    const result = run(join(project, 'node_modules', '.bin', 'eslint'), ['--format', 'json', '.'], project);
    expect([0, 1], result.stderr).toContain(result.status);
    const results = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; fatal?: boolean; message: string }> }>;
    const messages = results.flatMap((r) => r.messages.map((m) => ({ ...m, file: r.filePath.slice(project.length + 1).split(sep).join('/') })));
    expect(messages.filter((m) => m.fatal || !m.ruleId)).toEqual([]);
    const found = messages.filter((m) => m.ruleId?.startsWith('tenant-guard/')).map((m) => `${m.file}:${m.line} ${m.ruleId}`);
    const planted = plantedLeaks(project).map((l) => `${l.file}:${l.line} ${l.ruleId}`);
    expect(planted.length).toBeGreaterThan(0);
    expect(found).toEqual(expect.arrayContaining(planted));
  });

  it('the tenant-guard bin checks the app', () => {
    const result = run(join(project, 'node_modules', '.bin', 'tenant-guard'), ['check', '.', '--format', 'json'], project);
    expect(result.status, result.stderr).toBe(1); // findings
    const report = JSON.parse(result.stdout) as { findings: Array<{ file: string; line: number; ruleId: string }>; failed?: unknown[] };
    expect(report.failed ?? []).toEqual([]);
    const found = report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`);
    expect(found).toEqual(expect.arrayContaining(plantedLeaks(project).map((l) => `${l.file}:${l.line} ${l.ruleId}`)));
  });
});

/** The rule modules in the installed build. */
function rules(): string[] {
  return readdirSync(join(project, 'node_modules', NAME, 'dist', 'rules')).filter((f) => f.endsWith('.js') && f !== 'index.js');
}
