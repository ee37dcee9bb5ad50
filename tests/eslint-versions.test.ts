import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';

const leaky = join(import.meta.dirname, '..', 'examples', 'leaky-saas');
const fixed = join(import.meta.dirname, '..', 'examples', 'fixed-saas');

// The plugin's flat configs, used the way README's eslint.config.js uses them, on both supported ESLint majors.
// `eslint-v9` is ESLint 9 installed under an alias, beside ESLint 10.
const versions = [
  ['ESLint 10', () => import('eslint')],
  ['ESLint 9', () => import('eslint-v9')],
] as const;

describe.each(versions)('%s', (_label, load) => {
  async function lint(cwd: string, config: 'recommended' | 'strict') {
    const { ESLint } = (await load()) as typeof import('eslint');
    const eslint = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [plugin.configs[config]] });
    const results = await eslint.lintFiles(['app/**/*.{ts,tsx}', 'lib/**/*.ts']);
    return results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(cwd.length + 1), ruleId: m.ruleId, fatal: m.fatal })));
  }

  it('runs the recommended config on the leaky example and finds its six leaks', async () => {
    const { ESLint } = (await load()) as typeof import('eslint');
    expect(Number(ESLint.version.split('.')[0])).toBeGreaterThanOrEqual(9);
    const messages = await lint(leaky, 'recommended');
    expect(messages.filter((m) => m.fatal)).toEqual([]);
    expect(messages.filter((m) => m.ruleId === 'tenant-guard/require-tenant-scope')).toHaveLength(6);
  });

  it('finds nothing in the fixed example, with recommended or strict', async () => {
    expect(await lint(fixed, 'recommended')).toEqual([]);
    expect(await lint(fixed, 'strict')).toEqual([]);
  });
});
