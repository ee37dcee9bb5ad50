import type { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { rules } from '../rules/index.js';
import { version } from './version.js';

const PLUGIN_NAME = 'tenant-guard';

/** The files a Next.js app is written in; the configs parse all of them with the TypeScript parser. */
const SOURCE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

type RuleName = keyof typeof rules;

/** Rule entries derived from each rule's `meta.docs` (`recommended`, `strictOptions`), never from a hand-kept list. */
function ruleEntries(include: (name: RuleName) => boolean, strict: boolean): Linter.RulesRecord {
  const entries: Linter.RulesRecord = {};
  for (const name of Object.keys(rules) as RuleName[]) {
    if (!include(name)) continue;
    const strictOptions = rules[name].meta.docs?.strictOptions;
    entries[`${PLUGIN_NAME}/${name}`] = strict && strictOptions ? ['error', ...strictOptions] : 'error';
  }
  return entries;
}

const plugin = {
  meta: { name: 'eslint-plugin-tenant-guard', version },
  rules: rules as unknown as NonNullable<ESLint.Plugin['rules']>,
  configs: {} as Record<'recommended' | 'strict', Linter.Config>,
};

function config(name: string, include: (rule: RuleName) => boolean, strict: boolean): Linter.Config {
  return {
    name: `${PLUGIN_NAME}/${name}`,
    files: SOURCE_FILES,
    plugins: { [PLUGIN_NAME]: plugin as unknown as ESLint.Plugin },
    languageOptions: {
      parser: tsParser as unknown as Linter.Parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: ruleEntries(include, strict),
  };
}

plugin.configs.recommended = config('recommended', (name) => rules[name].meta.docs?.recommended === true, false);
plugin.configs.strict = config('strict', () => true, true);

// Only a default export: tools that `require()` the package (eslint-doc-generator, through Node's require(esm))
// then see the plugin object itself rather than a namespace around it.
export default plugin;
