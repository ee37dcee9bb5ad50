import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { applyTransform as ApplyTransform } from 'jscodeshift/src/testUtils.js';
import { parse } from '@typescript-eslint/typescript-estree';
import jscodeshift from 'jscodeshift';
import { runCodemod, type CodemodTransform } from '../../codemods/lib/codemod.js';
import { readCodemodOptions } from '../../codemods/lib/options.js';
import { setDiagnosticSink } from '../../src/core/diagnostics.js';

/**
 * The fixture conventions of tests/codemods/scope-queries.test.ts, for any transform: every `<case>.input.<ext>` in
 * `__fixtures__/<name>/` is run through the transform and compared with `<case>.output.<ext>`; a `<case>.json` may
 * give the file's path in the fixture app (`"path"`), a sub-project (`"root"`) and the options (`"options"`). For every
 * case: a second run changes nothing, the output parses, and what the rule still reports in the output is exactly
 * what the codemod left for review (review kinds in `notes` are notes on code it did rewrite, not findings left).
 * `.env` cases (`<case>.input.env`) are compared the same way, without the parsers.
 */
// jscodeshift's own test helper (its `defineTest` cannot load a .ts transform under vitest).
const { applyTransform } = createRequire(import.meta.url)('jscodeshift/dist/testUtils') as { applyTransform: typeof ApplyTransform };

export interface CaseMeta {
  path?: string;
  root?: string;
  options?: Record<string, unknown>;
}

export interface FixtureSuite {
  name: string;
  transform: CodemodTransform;
  /** `line:column` of each finding the rule still reports in `source`. */
  remaining(source: string, filename: string, cwd: string, settings: Record<string, unknown> | undefined): string[];
  /** Review kinds that annotate a rewrite rather than a finding left in place. */
  notes?: readonly string[];
  /** The file a case is at when its .json does not say. */
  defaultPath(name: string, ext: string): string;
  minUnchanged?: number;
}

export function fixtureSuite(suite: FixtureSuite): void {
  const app = join(import.meta.dirname, '__fixtures__', suite.name);
  const read = (file: string) => readFileSync(join(app, file), 'utf8');
  const cases = readdirSync(app)
    .filter((f) => /\.input\.(tsx?|env)$/.test(f))
    .map((f) => {
      const name = f.replace(/\.input\.(tsx?|env)$/, '');
      const ext = /\.(tsx?|env)$/.exec(f)![1];
      const metaFile = join(app, `${name}.json`);
      const meta = (existsSync(metaFile) ? JSON.parse(readFileSync(metaFile, 'utf8')) : {}) as CaseMeta;
      return { name, ext, meta };
    });

  let restore: () => void;
  beforeAll(() => {
    restore = setDiagnosticSink(() => {});
  });
  afterAll(() => restore());

  describe(`${suite.name} fixtures`, () => {
    it('has at least 12 source cases, some of which must stay unchanged', () => {
      expect(cases.filter((c) => c.ext !== 'env').length).toBeGreaterThanOrEqual(12);
      const unchanged = cases.filter(({ name, ext }) => read(`${name}.input.${ext}`) === read(`${name}.output.${ext}`));
      expect(unchanged.length).toBeGreaterThanOrEqual(suite.minUnchanged ?? 3);
    });

    for (const { name, ext, meta } of cases) {
      it(name, () => {
        const root = meta.root ? join(app, meta.root) : app;
        const path = join(root, meta.path ?? suite.defaultPath(name, ext));
        const options = { ...meta.options, cwd: root };
        const parser = ext === 'tsx' ? 'tsx' : 'ts';
        const input = read(`${name}.input.${ext}`);
        const expected = read(`${name}.output.${ext}`);

        const output = applyTransform(suite.transform, options, { path, source: input }, { parser });
        expect(output).toBe(expected.trim());

        // Idempotent: a second run finds nothing left to rewrite and adds no second review comment.
        expect(applyTransform(suite.transform, options, { path, source: expected }, { parser })).toBe(expected.trim());

        if (ext !== 'env') {
          // The output parses, with the parser the rules use and with jscodeshift's.
          expect(() => parse(expected, { jsx: ext === 'tsx', range: true })).not.toThrow();
          expect(() => jscodeshift.withParser(parser)(expected)).not.toThrow();
        }

        // What the rule still reports in the output is exactly what the codemod left for review.
        const result = runCodemod(suite.transform.codemod, { source: input, filename: path, cwd: root, options: readCodemodOptions(options) });
        const notes = new Set(suite.notes ?? []);
        const left = result.reviews.filter((r) => !notes.has(r.kind)).map((r) => `${r.line}:${r.column}`).sort();
        const remaining = suite.remaining(expected, path, root, meta.options?.settings as Record<string, unknown> | undefined).sort();
        expect(remaining).toEqual(left);
        // ...and each of them is marked in the file.
        expect(expected.includes('tenant-guard: review')).toBe(result.reviews.length > 0);
      });
    }
  });
}
