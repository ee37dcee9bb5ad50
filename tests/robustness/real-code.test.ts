import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../../src/index.js';
import { installedPackages, lintProjects, ruleNames, summarize, type Project } from '../../scripts/real-code.mjs';

// The fast part of the robustness suite (`npm run test:real` is the whole of it): real code from the packages
// installed in node_modules — ESLint, typescript-eslint, the Next.js ESLint plugin, jscodeshift and recast, Node's
// and TypeScript's declaration files, Babel's types, chevrotain… — linted with every rule of the plugin on (the strict
// config, plus any rule it leaves out). Zero crashes, and every report, fix and suggestion inside its file.
//
// A deterministic sample: every source file under SIZE_LIMIT bytes of the packages below (each linted as its own
// project, cwd = the package directory), then every n-th of them so that about SAMPLE files remain.

const SAMPLE = 300;
const SIZE_LIMIT = 40_000;
const PACKAGES = [
  '@next/eslint-plugin-next',
  'typescript-eslint',
  '@typescript-eslint/utils',
  '@typescript-eslint/parser',
  '@typescript-eslint/rule-tester',
  'eslint',
  'jscodeshift',
  'recast',
  'ast-types',
  '@types/node',
  '@babel/types',
  'chevrotain',
  'pgsql-ast-parser',
  'minimatch',
  '@mrleebo/prisma-ast',
  'vitest',
];

const repoRoot = join(import.meta.dirname, '..', '..');

function sample(): Project[] {
  const installed = new Map(installedPackages(join(repoRoot, 'node_modules')).map((p) => [p.name, p]));
  const candidates = PACKAGES.map((name) => installed.get(name))
    .filter((p): p is Project => p !== undefined)
    .map((p) => ({ ...p, files: p.files.filter((f) => statSync(f).size <= SIZE_LIMIT) }));
  const total = candidates.reduce((n, p) => n + p.files.length, 0);
  const step = Math.max(1, Math.floor(total / SAMPLE));
  let i = 0;
  return candidates.map((p) => ({ ...p, files: p.files.filter(() => i++ % step === 0) })).filter((p) => p.files.length > 0);
}

describe('real code from node_modules, every rule on', () => {
  it(`lints about ${SAMPLE} files without a crash or broken output`, { timeout: 120_000 }, () => {
    const projects = sample();
    expect(projects.length, 'the sampled packages are installed').toBeGreaterThanOrEqual(8);
    expect(ruleNames(plugin).length).toBeGreaterThan(0);
    const results = lintProjects(plugin, projects);
    const s = summarize(results);
    const where = (file: string) => relative(repoRoot, file);
    expect(s.linted).toBeGreaterThanOrEqual(SAMPLE * 0.8);
    expect(
      s.crashGroups.map((g) => `[${g.ruleId}] ${g.message}\n  ${g.frame}\n  ${g.files.slice(0, 3).map(where).join('\n  ')}`),
      'rules that threw (reproduce with: npm run test:real -- --packages <name>)',
    ).toEqual([]);
    expect(s.problems.map((p) => `${where(p.file)}: ${p.message}`)).toEqual([]);
    // The sample is valid code: if it stops parsing, the test no longer tests the rules.
    expect(s.unparsable).toBeLessThanOrEqual(2);
  });
});
