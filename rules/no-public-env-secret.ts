import { basename } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { propertyKeyName, resolveValue } from '../src/core/ast.js';
import { envDestructuredReads, envMemberRead, envObjectOf, envReadsIn, type EnvRead } from '../src/core/env-reads.js';
import {
  classifyEnvName,
  clientEnvPrefix,
  isPlaceholderValue,
  isPublicByDesignName,
  publicValueKind,
  secretValueKind,
  serverEnvName,
  type EnvNameClass,
  type EnvNameOptions,
  type SecretValueMatch,
} from '../src/core/secrets.js';
import { readSettings } from '../src/core/settings.js';
import { isDotenvSourceCode, type DotenvEntry } from '../src/dotenv.js';

type MessageIds =
  | 'publicSecret'
  | 'publicSecretInEnvFile'
  | 'secretValueInPublicEnv'
  | 'nextConfigEnv'
  | 'publicRuntimeConfig'
  | 'nextConfigEnvSpread'
  | 't3ClientSecret'
  | 'renameToServer'
  | 'removeFromEnv';

const NEXT_CONFIG = /^next\.config\.(?:js|mjs|cjs|ts|mts|cts)$/;
const T3_ENV = /^@t3-oss\/env-(?:nextjs|core|nuxt)$/;

const WHY: Record<EnvNameClass['reason'], string> = {
  'secret-word': 'a secret by name',
  token: 'an access token by name',
  'database-url': 'a database connection string, password included',
  'api-key': 'the API key of a server-side API',
  'privileged-key': 'a privileged key by name',
  password: 'a password by name',
  'webhook-url': 'a webhook URL, which is its own credential',
  settings: "a secret per settings['tenant-guard'].secretEnvNames",
  'public-by-design': '',
  setting: '',
  'no-evidence': '',
};

export default createRule<[], MessageIds>({
  name: 'no-public-env-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secrets in public environment variables (`NEXT_PUBLIC_*`, next.config `env`, `.env` files)',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [],
    messages: {
      publicSecret:
        '`{{name}}` is {{why}}, but the `{{prefix}}` prefix makes the bundler inline its value into the JavaScript every visitor downloads. ' +
        'Read it only on the server as `{{serverName}}`, and rotate the key: it has already shipped to browsers.',
      publicSecretInEnvFile:
        '`{{name}}` is {{why}}, but `{{prefix}}` variables are inlined into the client bundle. ' +
        'Rename it to `{{serverName}}` here and where the code reads it, and rotate the key if a build has shipped.',
      secretValueInPublicEnv:
        '`{{name}}` holds {{what}}, and {{exposure}}. ' +
        'Put the {{publicKind}} here, keep the secret in a server-only variable, and rotate it if a build has shipped.',
      nextConfigEnv:
        '`env.{{key}}` in next.config inlines {{what}} into the client bundle: Next.js replaces `process.env.{{key}}` in browser code with the value. ' +
        'Server code reads `process.env` without `env`; remove the entry and rotate the key, it has already shipped.',
      publicRuntimeConfig:
        '`publicRuntimeConfig.{{key}}` in next.config sends {{what}} to every browser. ' +
        'Move it to `serverRuntimeConfig` (or read `process.env` on the server), and rotate the key: it has already shipped.',
      nextConfigEnvSpread:
        '`{{spread}}` in next.config `{{section}}` sends every environment variable, secrets included, to the browser. ' +
        'List only the public variables (or use the `NEXT_PUBLIC_` prefix for them), and rotate the secrets that shipped.',
      t3ClientSecret:
        '`{{name}}` is {{why}}, but it is declared in the `client` schema of `createEnv`, which exposes it to the browser. ' +
        'Declare it under `server` as `{{serverName}}` and rotate the key.',
      renameToServer: 'Rename to `{{serverName}}` (then set `{{serverName}}` wherever the app is deployed)',
      removeFromEnv: 'Remove `{{key}}` from next.config `{{section}}`',
    },
  },
  defaultOptions: [],
  create(context) {
    const settings = readSettings(context.settings);
    const names: EnvNameOptions = { secretNames: settings.secretEnvNames, publicNames: settings.publicEnvNames };
    const sourceCode: unknown = context.sourceCode;

    if (isDotenvSourceCode(sourceCode)) {
      const values = new Map<string, string>();
      for (const entry of sourceCode.ast.body) values.set(entry.key.name, entry.value?.value ?? '');
      return {
        DotenvEntry(node: DotenvEntry) {
          checkDotenvEntry(node, values);
        },
      } as TSESLint.RuleListener;
    }

    const isNextConfig = NEXT_CONFIG.test(basename(context.filename));
    const reported = new Set<TSESTree.Node>();

    function secretClass(name: string): (EnvNameClass & { secret: true }) | null {
      const result = classifyEnvName(name, names);
      return result.secret ? result : null;
    }

    function renameFix(read: EnvRead, serverName: string): TSESLint.ReportFixFunction {
      return (fixer) => {
        const node = read.nameNode;
        if (read.style === 'dot') return fixer.replaceText(node, serverName);
        if (read.style === 'shorthand') return fixer.insertTextBefore(node, `${serverName}: `);
        if (node.type === AST_NODE_TYPES.Literal) return fixer.replaceText(node, `${node.raw[0]}${serverName}${node.raw[0]}`);
        if (node.type === AST_NODE_TYPES.Identifier) return fixer.replaceText(node, serverName);
        return fixer.replaceText(node, `'${serverName}'`);
      };
    }

    function checkRead(read: EnvRead): void {
      const prefix = clientEnvPrefix(read.name);
      if (!prefix || reported.has(read.node)) return;
      const secret = secretClass(read.name);
      if (!secret) return;
      reported.add(read.node);
      const serverName = serverEnvName(read.name);
      context.report({
        node: read.nameNode,
        messageId: 'publicSecret',
        data: { name: read.name, why: WHY[secret.reason], prefix, serverName },
        suggest: [{ messageId: 'renameToServer', data: { serverName }, fix: renameFix(read, serverName) }],
      });
    }

    /** What a next.config `env` value exposes, in words, or null when it is not a secret. */
    function exposedSecret(key: string, value: TSESTree.Node): string | null {
      const secretKey = secretClass(key);
      const resolved = resolveValue(context.sourceCode, value);
      for (const read of envReadsIn(resolved)) {
        // `NEXT_PUBLIC_X: process.env.NEXT_PUBLIC_X` is reported at the read already.
        if (clientEnvPrefix(read.name) && secretClass(read.name)) return null;
        const secretRead = secretClass(read.name);
        if (secretRead) return `\`process.env.${read.name}\` (${WHY[secretRead.reason]})`;
      }
      if (resolved.type === AST_NODE_TYPES.Literal && typeof resolved.value === 'string') {
        if (publicValueKind(resolved.value)) return null;
        const kind = secretValueKind(resolved.value);
        if (kind && !isLocalDevKey(kind)) return `a ${kind.label}`;
      }
      if (secretKey) return `\`${key}\`, ${WHY[secretKey.reason]}`;
      return null;
    }

    function checkConfigSection(section: 'env' | 'publicRuntimeConfig', object: TSESTree.ObjectExpression): void {
      for (const prop of object.properties) {
        if (prop.type === AST_NODE_TYPES.SpreadElement) {
          if (envObjectOf(prop.argument)) {
            context.report({
              node: prop,
              messageId: 'nextConfigEnvSpread',
              data: { spread: context.sourceCode.getText(prop), section },
            });
          }
          continue;
        }
        const key = propertyKeyName(prop);
        if (!key) continue;
        const what = exposedSecret(key, prop.value);
        if (!what) continue;
        context.report({
          node: prop.key,
          messageId: section === 'env' ? 'nextConfigEnv' : 'publicRuntimeConfig',
          data: { key, what },
          suggest: [{ messageId: 'removeFromEnv', data: { key, section }, fix: (fixer) => removeProperty(fixer, context.sourceCode, prop) }],
        });
      }
    }

    return {
      MemberExpression(node) {
        const read = envMemberRead(node);
        if (read) checkRead(read);
      },
      VariableDeclarator(node) {
        if (node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) {
          for (const read of envDestructuredReads(node.id, node.init)) checkRead(read);
        }
      },
      AssignmentExpression(node) {
        if (node.left.type === AST_NODE_TYPES.ObjectPattern) {
          for (const read of envDestructuredReads(node.left, node.right)) checkRead(read);
        }
      },
      CallExpression(node) {
        if (node.callee.type !== AST_NODE_TYPES.Identifier || !isT3CreateEnv(context.sourceCode, node.callee)) return;
        const options = node.arguments[0] ? resolveValue(context.sourceCode, node.arguments[0]) : null;
        if (options?.type !== AST_NODE_TYPES.ObjectExpression) return;
        for (const prop of options.properties) {
          if (prop.type !== AST_NODE_TYPES.Property || propertyKeyName(prop) !== 'client') continue;
          const client = resolveValue(context.sourceCode, prop.value);
          if (client.type !== AST_NODE_TYPES.ObjectExpression) continue;
          for (const entry of client.properties) {
            if (entry.type !== AST_NODE_TYPES.Property) continue;
            const name = propertyKeyName(entry);
            const secret = name ? secretClass(name) : null;
            if (!name || !secret) continue;
            context.report({
              node: entry.key,
              messageId: 't3ClientSecret',
              data: { name, why: WHY[secret.reason], serverName: serverEnvName(name) },
            });
          }
        }
      },
      Property(node) {
        if (!isNextConfig) return;
        const key = propertyKeyName(node);
        if (key !== 'env' && key !== 'publicRuntimeConfig') return;
        if (!isConfigRoot(node.parent)) return;
        const value = resolveValue(context.sourceCode, node.value);
        if (value.type === AST_NODE_TYPES.ObjectExpression) checkConfigSection(key, value);
        else if (envObjectOf(value)) {
          context.report({ node: node.value, messageId: 'nextConfigEnvSpread', data: { spread: context.sourceCode.getText(node.value), section: key } });
        }
      },
    };

    function checkDotenvEntry(node: DotenvEntry, values: ReadonlyMap<string, string>): void {
      const name = node.key.name;
      const value = node.value?.value ?? '';
      const prefix = clientEnvPrefix(name);
      const publicName = prefix !== null || isPublicByDesignName(name, names);
      const referenced = expansionOf(value);
      if (referenced !== null && publicName && !clientEnvPrefix(referenced)) {
        // `NEXT_PUBLIC_KEY=$STRIPE_SECRET_KEY`: dotenv-expand copies the secret into the public variable.
        const target = secretClass(referenced);
        if (target) {
          context.report({
            loc: node.value!.loc,
            messageId: 'secretValueInPublicEnv',
            data: { name, what: `the value of \`${referenced}\` (${WHY[target.reason]})`, exposure: exposure(prefix), publicKind: 'public value' },
          });
          return;
        }
      }
      const effective = referenced !== null ? (values.get(referenced) ?? '') : value;
      const secret = prefix ? secretClass(name) : null;
      if (secret) {
        // Placeholders (`.env.example`'s `sk_test_...`, `your-key-here`) document a variable; they leak nothing.
        if (isPlaceholderValue(effective) || publicValueKind(effective)) return;
        const serverName = serverEnvName(name);
        context.report({
          loc: node.key.loc,
          messageId: 'publicSecretInEnvFile',
          data: { name, why: WHY[secret.reason], prefix: prefix!, serverName },
          suggest: [{ messageId: 'renameToServer', data: { serverName }, fix: (fixer) => fixer.replaceTextRange(node.key.range, serverName) }],
        });
        return;
      }
      if (!publicName || !node.value) return;
      const kind = secretValueKind(effective);
      if (!kind || isLocalDevKey(kind)) return;
      context.report({
        loc: node.value.loc,
        messageId: 'secretValueInPublicEnv',
        data: { name, what: `a ${kind.label}`, exposure: exposure(prefix), publicKind: publicKindFor(kind.kind) },
      });
    }

    function exposure(prefix: string | null): string {
      return prefix
        ? `\`${prefix}\` variables are inlined into the JavaScript every visitor downloads`
        : 'its name says the key is public by design, so code passes it to the browser';
    }
  },
});

/** `supabase start`'s published demo keys: a wrong key to put there, but not a secret of anyone's. */
function isLocalDevKey(kind: SecretValueMatch): boolean {
  return kind.testMode && kind.kind.startsWith('supabase');
}

function publicKindFor(kind: string): string {
  if (kind.startsWith('stripe')) return 'publishable key (`pk_…`)';
  return 'publishable or anon key';
}

/** `$NAME` or `${NAME}` (the whole value): the variable dotenv-expand substitutes. */
function expansionOf(value: string): string | null {
  const m = /^\$\{?([A-Za-z_]\w*)(?::-[^}]*)?\}?$/.exec(value.trim());
  return m ? m[1] : null;
}

function isT3CreateEnv(sourceCode: Readonly<TSESLint.SourceCode>, callee: TSESTree.Identifier): boolean {
  if (callee.name !== 'createEnv') return false;
  const scope = sourceCode.getScope(callee);
  let variable: TSESLint.Scope.Variable | undefined;
  for (let s: TSESLint.Scope.Scope | null = scope; s && !variable; s = s.upper) variable = s.set.get(callee.name);
  const def = variable?.defs[0];
  if (def?.type !== 'ImportBinding') return false;
  return T3_ENV.test((def.parent as TSESTree.ImportDeclaration).source.value);
}

/**
 * The object holding `env` is the Next.js config itself: not the value of another property (`webpack: { env }`),
 * but exported, assigned, returned or passed to a wrapper (`withSentryConfig({ env })`).
 */
function isConfigRoot(object: TSESTree.Node): boolean {
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  // Inside another option (`webpack: (config) => ({ ...config, env })`, `sentry: { env }`) it is not the Next.js `env`.
  for (let parent: TSESTree.Node | undefined = object.parent; parent; parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ArrayExpression) return false;
  }
  return true;
}

/** Removes a property with its trailing comma, or the preceding comma when it is the last one. */
function removeProperty(fixer: TSESLint.RuleFixer, sourceCode: Readonly<TSESLint.SourceCode>, prop: TSESTree.Property): TSESLint.RuleFix {
  const after = sourceCode.getTokenAfter(prop);
  if (after && after.value === ',') return fixer.removeRange([prop.range[0], after.range[1]]);
  const before = sourceCode.getTokenBefore(prop);
  if (before && before.value === ',') return fixer.removeRange([before.range[0], prop.range[1]]);
  return fixer.remove(prop);
}
