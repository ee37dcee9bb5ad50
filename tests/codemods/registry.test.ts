import { existsSync } from 'node:fs';
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
      expect(existsSync(join(root, 'docs', 'codemods', `${name}.md`))).toBe(true);
      expect(existsSync(join(root, 'tests', 'codemods', name, '__testfixtures__'))).toBe(true);
    });
  }
});
