import type { ESLint, Linter } from 'eslint';
import tsParser from '@typescript-eslint/parser';
import { rules } from '../rules/index.js';
import { DOTENV_FILES, DOTENV_IGNORES, dotenvLanguage } from './dotenv.js';
import { version } from './version.js';

const PLUGIN_NAME = 'tenant-guard';

/** The files a Next.js app is written in; the configs parse all of them with the TypeScript parser. */
const SOURCE_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];

type RuleName = keyof typeof rules;

/** Rules that also read dotenv files (through the plugin's `tenant-guard/dotenv` language). */
const DOTENV_RULES: readonly RuleName[] = ['no-public-env-secret'];

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
  languages: { dotenv: dotenvLanguage } as unknown as NonNullable<ESLint.Plugin['languages']>,
  configs: {} as Record<'recommended' | 'strict' | 'dotenv', Linter.Config>,
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
/**
 * Dotenv files (`.env`, `.env.local`, `.env.example`…), read with the plugin's `tenant-guard/dotenv` language by the
 * rules that check them. A separate config object rather than part of `recommended`: a flat config object has one
 * language, and ESLint rejects nested config arrays, so `export default [tenantGuard.configs.recommended]` could not
 * stay valid if `recommended` became a list. Use `[tenantGuard.configs.recommended, tenantGuard.configs.dotenv]`.
 */
plugin.configs.dotenv = {
  name: `${PLUGIN_NAME}/dotenv`,
  files: DOTENV_FILES,
  ignores: DOTENV_IGNORES,
  plugins: { [PLUGIN_NAME]: plugin as unknown as ESLint.Plugin },
  language: `${PLUGIN_NAME}/dotenv`,
  rules: ruleEntries((rule) => DOTENV_RULES.includes(rule), false),
};

export default plugin;
// `require('eslint-plugin-tenant-guard')` (an `eslint.config.cjs`, eslint-doc-generator) goes through Node's
// require(esm), which returns the module namespace — `{ default: plugin }` — unless the module names its CommonJS
// export like this (Node 20.19+ / 22.12+).
export { plugin as 'module.exports' };
