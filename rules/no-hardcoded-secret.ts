import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { matchesAnyGlob } from '../src/core/paths.js';
import { findSecretValues, type SecretValueKind, type SecretValueMatch } from '../src/core/secrets.js';

type Options = [
  {
    allowTestKeysInTests?: boolean;
    testPaths?: string[];
  },
];

type MessageIds = 'hardcoded' | 'testKeyInTest';

/** Where test code lives: a Stripe test-mode key there is a fixture, not a leak of live data. */
export const DEFAULT_TEST_PATHS = [
  '**/*.{test,spec}.*',
  '**/__tests__/**',
  '**/__mocks__/**',
  '**/test/**',
  '**/tests/**',
  '**/e2e/**',
  '**/cypress/**',
  '**/playwright/**',
  '**/fixtures/**',
];

const ENV_NAME: Record<SecretValueKind, string> = {
  'stripe-secret-key': 'STRIPE_SECRET_KEY',
  'stripe-restricted-key': 'STRIPE_RESTRICTED_KEY',
  'stripe-webhook-secret': 'STRIPE_WEBHOOK_SECRET',
  'supabase-secret-key': 'SUPABASE_SECRET_KEY',
  'supabase-service-role-jwt': 'SUPABASE_SERVICE_ROLE_KEY',
};

function isSupabaseLocalKey(match: SecretValueMatch): boolean {
  return match.testMode && (match.kind === 'supabase-secret-key' || match.kind === 'supabase-service-role-jwt');
}

function impact(match: SecretValueMatch): string {
  switch (match.kind) {
    case 'stripe-secret-key':
    case 'stripe-restricted-key':
      return match.testMode ? 'call your Stripe test account' : "charge, refund and read every customer's billing data";
    case 'stripe-webhook-secret':
      return 'forge Stripe webhook events (a fake `checkout.session.completed` upgrades any account)';
    case 'supabase-secret-key':
    case 'supabase-service-role-jwt':
      return "bypass Row Level Security and read every tenant's rows";
  }
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Stripe secret keys, webhook secrets and Supabase service-role keys written into source code',
      recommended: true,
      strictOptions: [{ allowTestKeysInTests: false }],
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowTestKeysInTests: {
            type: 'boolean',
            description:
              'Allow Stripe test-mode keys (`sk_test_`, `rk_test_`) in test files (on by default, off in `strict`). Live keys are always reported.',
          },
          testPaths: stringListOption('Globs (relative to the ESLint cwd) of test files. Replaces the default list.'),
        },
      },
    ],
    defaultOptions: [{ allowTestKeysInTests: true, testPaths: DEFAULT_TEST_PATHS }],
    messages: {
      hardcoded:
        'This string holds a {{label}}: anyone who can read the source, a client bundle or a build log can use it to {{impact}}. ' +
        'Read it from a server-only environment variable (`process.env.{{envName}}`), and rotate the key: it stays in the git history.',
      testKeyInTest:
        'This test holds a {{label}}. Test-mode keys reach no live data, but this one is a credential of your account in the git history: ' +
        'read it from the environment (`process.env.{{envName}}`) in tests too, and rotate it.',
    },
  },
  defaultOptions: [{ allowTestKeysInTests: true, testPaths: DEFAULT_TEST_PATHS }],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.ast || sourceCode.ast.type !== AST_NODE_TYPES.Program) return {};
    const inTest = matchesAnyGlob(context.filename, context.cwd, options.testPaths ?? DEFAULT_TEST_PATHS);
    const allowTestKeys = options.allowTestKeysInTests !== false;

    function check(node: TSESTree.Node, value: string): void {
      const matches = findSecretValues(value);
      if (matches.length === 0) return;
      const raw = sourceCode.text.slice(node.range[0], node.range[1]);
      for (const match of matches) {
        const key = value.slice(match.index, match.index + match.length);
        // `supabase start`'s keys are published in Supabase's docs: they unlock only local stacks, nobody's data.
        if (isSupabaseLocalKey(match)) continue;
        if (match.testMode && inTest && allowTestKeys) continue;
        // Keys have no characters to escape, so the key is verbatim in the source text: point at it exactly.
        const at = raw.indexOf(key);
        const loc =
          at === -1
            ? node.loc
            : { start: sourceCode.getLocFromIndex(node.range[0] + at), end: sourceCode.getLocFromIndex(node.range[0] + at + key.length) };
        context.report({
          loc,
          messageId: match.testMode && inTest ? 'testKeyInTest' : 'hardcoded',
          data: { label: match.label, impact: impact(match), envName: ENV_NAME[match.kind] },
        });
      }
    }

    return {
      Literal(node) {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateElement(node) {
        check(node, node.value.cooked ?? node.value.raw);
      },
      JSXText(node) {
        check(node, node.value);
      },
    };
  },
});
