import { ESLintUtils } from '@typescript-eslint/utils';

/** Extra docs metadata every tenant-guard rule declares; configs are derived from it. */
export interface TenantGuardRuleDocs {
  /** In `recommended` (and therefore in `strict`) when true; in `strict` only when false. */
  recommended: boolean;
  /** Rules that need `parserOptions.projectService` to do anything useful. None do today. */
  requiresTypeChecking?: boolean;
  /** Options the `strict` config runs the rule with (`recommended` uses the defaults). */
  strictOptions?: unknown[];
}

export const DOCS_BASE_URL = 'https://github.com/tenant-guard/tenant-guard/blob/main/docs/rules';

export const createRule = ESLintUtils.RuleCreator<TenantGuardRuleDocs>(
  (name) => `${DOCS_BASE_URL}/${name}.md`,
);
