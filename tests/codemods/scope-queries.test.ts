import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { applyTransform as ApplyTransform } from 'jscodeshift/src/testUtils.js';
import { parse } from '@typescript-eslint/typescript-estree';
import jscodeshift from 'jscodeshift';
import transform from '../../codemods/scope-queries.js';
import { runCodemod } from '../../codemods/lib/codemod.js';
import { readCodemodOptions } from '../../codemods/lib/options.js';
import { tenantScopeTargets } from '../../src/codemod-targets.js';
import { setDiagnosticSink } from '../../src/core/diagnostics.js';

/**
 * Every `<case>.input.tsx` (or `.ts`) in the fixture app is run through the transform and compared with
 * `<case>.output.tsx`. A `<case>.json` may give the file's path in the app (`"path": "app/admin/page.tsx"`), a
 * sub-project to run in (`"root": "prisma4"`) and the codemod options (`"options": { "session": …, "scope": … }`).
 * For every case: running the transform on its output changes nothing (idempotent), the output parses, and
 * `require-tenant-scope` reports in the output exactly the places the codemod left for review.
 */
// jscodeshift's own test helper (its `defineTest` cannot load a .ts transform under vitest).
const { applyTransform } = createRequire(import.meta.url)('jscodeshift/dist/testUtils') as { applyTransform: typeof ApplyTransform };

const app = join(import.meta.dirname, '__fixtures__', 'scope-queries');

interface CaseMeta {
  path?: string;
  root?: string;
  options?: Record<string, unknown>;
}

const cases = readdirSync(app)
  .filter((f) => /\.input\.tsx?$/.test(f))
  .map((f) => {
    const name = f.replace(/\.input\.tsx?$/, '');
    const ext = f.endsWith('.tsx') ? 'tsx' : 'ts';
    const metaFile = join(app, `${name}.json`);
    const meta = (existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {}) as CaseMeta;
    return { name, ext, meta };
  });

let restore: () => void;
beforeAll(() => {
  restore = setDiagnosticSink(() => {});
});
afterAll(() => restore());

describe('scope-queries fixtures', () => {
  it('has at least 12 cases, some of which must stay unchanged', () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
    const unchanged = cases.filter(({ name, ext }) => read(`${name}.input.${ext}`) === read(`${name}.output.${ext}`));
    expect(unchanged.length).toBeGreaterThanOrEqual(4);
  });

  for (const { name, ext, meta } of cases) {
    it(name, () => {
      const root = meta.root ? join(app, meta.root) : app;
      const path = join(root, meta.path ?? `app/${name}/route.${ext}`);
      const options = { ...meta.options, cwd: root };
      const parser = ext === 'ts' ? 'ts' : 'tsx';
      const input = read(`${name}.input.${ext}`);
      const expected = read(`${name}.output.${ext}`);

      const output = applyTransform(transform, options, { path, source: input }, { parser });
      expect(output).toBe(expected.trim());

      // Idempotent: a second run finds nothing left to rewrite and adds no second review comment.
      expect(applyTransform(transform, options, { path, source: expected }, { parser })).toBe(expected.trim());

      // The output parses, with the parser the rules use and with jscodeshift's.
      expect(() => parse(expected, { jsx: ext === 'tsx', range: true })).not.toThrow();
      expect(() => jscodeshift.withParser(parser)(expected)).not.toThrow();

      // What the rule still reports in the output is exactly what the codemod left for review.
      const result = runCodemod(transform.codemod, { source: input, filename: path, cwd: root, options: readCodemodOptions(options) });
      const left = result.reviews.map((r) => `${r.line}:${r.column}`).sort();
      const remaining = tenantScopeTargets(expected, { filename: path, cwd: root, settings: meta.options?.settings as Record<string, unknown> | undefined })
        .targets.map((t) => `${t.report.node.loc.start.line}:${t.report.node.loc.start.column + 1}`)
        .sort();
      expect(remaining).toEqual(left);
      // ...and each of them is marked in the file.
      expect(expected.includes('tenant-guard: review')).toBe(result.reviews.length > 0);
    });
  }
});

function read(file: string): string {
  return readFileSync(join(app, file), 'utf8');
}
