import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codemods } from '../../codemods/index.js';

const root = join(import.meta.dirname, '..', '..');

// Conventions every transform must meet, checked as soon as it is registered.
describe('codemod registry', () => {
  it('loads', () => {
    expect(typeof codemods).toBe('object');
  });

  for (const [name, entry] of Object.entries(codemods)) {
    it(`${name} has its module, a docs page and input/output fixtures`, async () => {
      const module = (await import(join(root, 'codemods', entry.module.replace(/\.js$/, '.ts')))) as { default?: unknown };
      expect(typeof module.default).toBe('function');
      expect((await entry.load()).default).toBe(module.default);
      expect(existsSync(join(root, 'docs', 'codemods', `${name}.md`))).toBe(true);

      // tests/codemods/__fixtures__/<name>/<case>.input.tsx with its <case>.output.tsx: at least 12 cases.
      const fixtures = join(root, 'tests', 'codemods', '__fixtures__', name);
      expect(existsSync(fixtures)).toBe(true);
      const inputs = readdirSync(fixtures).filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f));
      expect(inputs.length).toBeGreaterThanOrEqual(12);
      for (const input of inputs) expect(existsSync(join(fixtures, input.replace('.input.', '.output.')))).toBe(true);
    });
  }
});
