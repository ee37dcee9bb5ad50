import { relative } from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { findVariable, resolveValue, unwrap } from '../src/core/ast.js';
import { moduleDirective, onlyClientImporter, serverModuleEvidence, type ServerModuleReason } from '../src/core/client-graph.js';
import { envDestructuredReads, envMemberRead, envReadsIn, programDirective, type EnvRead } from '../src/core/env-reads.js';
import { resolveImport } from '../src/core/modules.js';
import { classifyEnvName, clientEnvPrefix, type EnvNameClass, type EnvNameOptions } from '../src/core/secrets.js';
import { readSettings } from '../src/core/settings.js';

type Options = [
  {
    checkImportedModules?: boolean;
    serverPackages?: string[];
  },
];

type MessageIds = 'secretEnv' | 'serviceRoleClient' | 'serverSdk' | 'serverModule' | 'secretProp' | 'addServerOnly';

const DEFAULT_SERVER_PACKAGES = ['stripe'];

const WHY: Record<EnvNameClass['reason'], string> = {
  'secret-word': 'a secret',
  token: 'an access token',
  'database-url': 'a database connection string',
  'api-key': 'the API key of a server-side API',
  'privileged-key': 'a privileged key',
  password: 'a password',
  'webhook-url': 'a webhook URL (its own credential)',
  settings: "a secret per settings['tenant-guard'].secretEnvNames",
  'public-by-design': '',
  setting: '',
  'no-evidence': '',
};

const SERVER_MODULE: Record<ServerModuleReason, string> = {
  'server-only': "starts with `import 'server-only'`",
  'database-client': 'constructs a database client',
  'stripe-sdk': 'creates the Stripe server SDK client with the secret key',
  'service-role-client': 'creates a Supabase client with the service-role (secret) key',
};

const SUPABASE_FACTORIES = new Set(['createClient', 'createBrowserClient', 'createServerClient']);

interface Candidate {
  node: TSESTree.Node;
  messageId: Exclude<MessageIds, 'addServerOnly' | 'secretProp'>;
  data: Record<string, string>;
}

export default createRule<Options, MessageIds>({
  name: 'no-secret-in-client',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow secrets, server SDKs and server-only modules in `'use client'` code, and secret props passed to client components",
      recommended: true,
      strictOptions: [{ checkImportedModules: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          checkImportedModules: {
            type: 'boolean',
            description:
              "Also check modules without `'use client'` that only client modules import (found from the project's import graph); on in `strict`.",
          },
          serverPackages: stringListOption('Packages that must not be imported by client code, in addition to `stripe` (the Stripe server SDK).'),
        },
      },
    ],
    defaultOptions: [{ checkImportedModules: false, serverPackages: [] }],
    messages: {
      secretEnv:
        '`{{name}}` is {{why}}, and {{where}}. In the browser Next.js replaces it with `undefined`, or with the secret itself when next.config `env` inlines it. ' +
        'Use it in a Server Component, Route Handler or Server Action, and pass only the result to the browser.',
      serviceRoleClient:
        'This Supabase client is created with `{{name}}`, and {{where}}: the service-role key bypasses Row Level Security for every tenant. ' +
        'Create privileged clients only in server code; in the browser use the anon (publishable) key.',
      serverSdk:
        '`{{source}}` is a server SDK that needs a secret key, and {{where}}, which puts it in the browser bundle. ' +
        'Call it from a Server Action or Route Handler{{alternative}}.',
      serverModule:
        '`{{source}}` {{reason}}, and {{where}} imports it, which puts it in the browser bundle. ' +
        "Import it only from server code (a Server Component, Route Handler or `'use server'` action){{hint}}.",
      secretProp:
        '`{{prop}}` passes {{what}} to `<{{component}}>`, a client component (`{{file}}`): client component props are serialized into the page sent to the browser. ' +
        'Do the privileged work on the server and pass only its result.',
      addServerOnly: "Add `import 'server-only'` so that importing this module from client code fails the build",
    },
  },
  defaultOptions: [{ checkImportedModules: false, serverPackages: [] }],
  create(context, [options]) {
    const settings = readSettings(context.settings);
    const names: EnvNameOptions = { secretNames: settings.secretEnvNames, publicNames: settings.publicEnvNames };
    const sourceCode = context.sourceCode;
    if (!sourceCode.ast || sourceCode.ast.type !== AST_NODE_TYPES.Program) return {};
    const directive = programDirective(sourceCode.ast);
    if (directive === 'use server') return {};
    const isClient = directive === 'use client';
    const checkImported = options.checkImportedModules === true && !isClient;
    const serverPackages = [...DEFAULT_SERVER_PACKAGES, ...(options.serverPackages ?? [])];
    const candidates: Candidate[] = [];
    const handled = new Set<TSESTree.Node>();
    const collecting = isClient || checkImported;

    function secretName(name: string): (EnvNameClass & { secret: true }) | null {
      if (clientEnvPrefix(name)) return null; // NEXT_PUBLIC_… secrets are no-public-env-secret's
      const result = classifyEnvName(name, names);
      return result.secret ? result : null;
    }

    function onRead(read: EnvRead): void {
      if (handled.has(read.node)) return;
      const secret = secretName(read.name);
      if (!secret) return;
      handled.add(read.node);
      candidates.push({ node: read.nameNode, messageId: 'secretEnv', data: { name: read.name, why: WHY[secret.reason] } });
    }

    function isServerPackage(source: string): boolean {
      return serverPackages.some((p) => source === p || source.startsWith(`${p}/`));
    }

    function onImportSource(node: TSESTree.Node, source: string): void {
      if (isServerPackage(source)) {
        candidates.push({
          node,
          messageId: 'serverSdk',
          data: { source, alternative: source === 'stripe' || source.startsWith('stripe/') ? '; in the browser use `@stripe/stripe-js`' : '' },
        });
        return;
      }
      if (!source.startsWith('.') && !source.startsWith('@/') && !source.startsWith('~/') && !source.startsWith('#') && !source.includes('/')) return;
      const target = resolveImport(source, context.filename);
      if (!target) return;
      const evidence = serverModuleEvidence(target);
      if (!evidence) return;
      const holder = relative(context.cwd, evidence.file).split('\\').join('/');
      const reason = evidence.via.length === 0 ? SERVER_MODULE[evidence.reason] : `imports \`${holder}\`, which ${SERVER_MODULE[evidence.reason]}`;
      const hint =
        evidence.reason === 'server-only' ? '' : `; add \`import 'server-only'\` to ${evidence.via.length === 0 ? 'it' : `\`${holder}\``} so the build catches this`;
      candidates.push({ node, messageId: 'serverModule', data: { source, reason, hint } });
    }

    /**
     * `import { PublishedSurvey } from './surveys'` used only in type positions (or not at all): TypeScript and SWC
     * drop the import from the emitted code, so the module never reaches the bundle. Side-effect imports stay.
     */
    function onlyUsedAsTypes(node: TSESTree.ImportDeclaration): boolean {
      if (node.specifiers.length === 0) return false;
      return node.specifiers.every((specifier) =>
        sourceCode.getDeclaredVariables(specifier).every((variable) => variable.references.every((ref) => !ref.isValueReference || inTypePosition(ref.identifier))),
      );
    }

    function supabaseFactory(callee: TSESTree.Node): boolean {
      const id = unwrap(callee);
      if (id.type !== AST_NODE_TYPES.Identifier || !SUPABASE_FACTORIES.has(id.name)) return false;
      const def = findVariable(sourceCode, id)?.defs[0];
      return def?.type === 'ImportBinding' && (def.parent as TSESTree.ImportDeclaration).source.value.startsWith('@supabase/');
    }

    /** Secret env reads a JSX attribute value carries: directly, through a `const`, or in an object literal. */
    function propSecrets(expression: TSESTree.Node): EnvRead[] {
      const value = resolveValue(sourceCode, expression);
      const reads = envReadsIn(value);
      if (value.type === AST_NODE_TYPES.ObjectExpression) {
        for (const prop of value.properties) {
          if (prop.type === AST_NODE_TYPES.Property) reads.push(...envReadsIn(resolveValue(sourceCode, prop.value)));
        }
      }
      return reads.filter((read) => secretName(read.name));
    }

    function clientComponentFile(name: TSESTree.JSXTagNameExpression): string | null {
      if (name.type !== AST_NODE_TYPES.JSXIdentifier || !/^[A-Z]/.test(name.name)) return null;
      const variable = findVariable(sourceCode, name as unknown as TSESTree.Identifier);
      const def = variable?.defs[0];
      if (def?.type !== 'ImportBinding') return null;
      const declaration = def.parent as TSESTree.ImportDeclaration;
      if (declaration.importKind === 'type') return null;
      const file = resolveImport(declaration.source.value, context.filename);
      return file && moduleDirective(file) === 'use client' ? file : null;
    }

    const listeners: TSESLint.RuleListener = {
      'Program:exit'(program) {
        if (candidates.length === 0) return;
        let where: (c: Candidate) => string;
        let suggestServerOnly = false;
        if (isClient) {
          where = (c) => (c.messageId === 'serverModule' ? "this `'use client'` module" : c.messageId === 'secretEnv' ? "it is read in a `'use client'` module" : "it is used in a `'use client'` module");
        } else {
          const importer = onlyClientImporter(context.filename);
          if (!importer) return;
          const file = relative(context.cwd, importer).split('\\').join('/');
          const phrase = `this module runs in the browser (only client modules such as \`${file}\` import it)`;
          where = (c) => (c.messageId === 'serverModule' ? `this module, which only client modules such as \`${file}\` import,` : phrase);
          suggestServerOnly = true;
        }
        for (const candidate of candidates) {
          context.report({
            node: candidate.node,
            messageId: candidate.messageId,
            data: { ...candidate.data, where: where(candidate) },
            suggest:
              suggestServerOnly && candidate.messageId !== 'serverModule'
                ? [{ messageId: 'addServerOnly', fix: (fixer) => fixer.insertTextBefore(program.body[0], "import 'server-only';\n") }]
                : [],
          });
        }
      },
    };
    if (collecting) {
      Object.assign(listeners, {
        MemberExpression(node: TSESTree.MemberExpression) {
          const read = envMemberRead(node);
          if (read) onRead(read);
        },
        VariableDeclarator(node: TSESTree.VariableDeclarator) {
          if (node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) envDestructuredReads(node.id, node.init).forEach(onRead);
        },
        ImportDeclaration(node: TSESTree.ImportDeclaration) {
          if (isTypeOnly(node) || onlyUsedAsTypes(node)) return;
          onImportSource(node.source, node.source.value);
        },
        ImportExpression(node: TSESTree.ImportExpression) {
          const source = unwrap(node.source);
          if (source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') onImportSource(source, source.value);
        },
        CallExpression(node: TSESTree.CallExpression) {
          const arg = node.arguments[0];
          if (node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'require' && arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') {
            onImportSource(arg, arg.value);
            return;
          }
          if (!supabaseFactory(node.callee)) return;
          for (const argument of node.arguments.slice(1, 2)) {
            if (argument.type === AST_NODE_TYPES.SpreadElement) continue;
            const direct = envReadsIn(argument);
            const reads = direct.length > 0 ? direct : envReadsIn(resolveValue(sourceCode, argument));
            const secret = reads.find((read) => secretName(read.name));
            if (!secret) continue;
            for (const read of direct) handled.add(read.node);
            candidates.push({ node: argument, messageId: 'serviceRoleClient', data: { name: secret.name } });
          }
        },
      });
    }
    if (!isClient) {
      listeners.JSXOpeningElement = (node: TSESTree.JSXOpeningElement) => {
        const withSecrets = node.attributes.filter(
          (a): a is TSESTree.JSXAttribute & { value: TSESTree.JSXExpressionContainer } =>
            a.type === AST_NODE_TYPES.JSXAttribute &&
            a.value?.type === AST_NODE_TYPES.JSXExpressionContainer &&
            a.value.expression.type !== AST_NODE_TYPES.JSXEmptyExpression,
        );
        if (withSecrets.length === 0) return;
        let file: string | null | undefined;
        for (const attribute of withSecrets) {
          const reads = propSecrets(attribute.value.expression as TSESTree.Expression);
          if (reads.length === 0) continue;
          file ??= clientComponentFile(node.name);
          if (!file) return;
          const secret = reads[0];
          context.report({
            node: attribute,
            messageId: 'secretProp',
            data: {
              prop: propName(attribute),
              what: `\`${secret.name}\` (${WHY[secretName(secret.name)!.reason]})`,
              component: sourceCode.getText(node.name),
              file: relative(context.cwd, file).split('\\').join('/'),
            },
          });
        }
      };
    }
    return listeners;
  },
});

/** Type positions, where a use of an import does not keep it in the emitted code (`typeof db`, `x: Stripe`). */
const TYPE_CONTAINERS = new Set<string>([
  AST_NODE_TYPES.TSTypeAnnotation,
  AST_NODE_TYPES.TSTypeQuery,
  AST_NODE_TYPES.TSTypeReference,
  AST_NODE_TYPES.TSTypeAliasDeclaration,
  AST_NODE_TYPES.TSInterfaceDeclaration,
  AST_NODE_TYPES.TSTypeParameterInstantiation,
  AST_NODE_TYPES.TSTypeParameterDeclaration,
  AST_NODE_TYPES.TSImportType,
]);

function inTypePosition(node: TSESTree.Node): boolean {
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (TYPE_CONTAINERS.has(current.type)) return true;
    if (current.type.endsWith('Statement') || current.type.endsWith('Declaration') || current.type === AST_NODE_TYPES.Program) return false;
  }
  return false;
}

function isTypeOnly(node: TSESTree.ImportDeclaration): boolean {
  if (node.importKind === 'type') return true;
  return node.specifiers.length > 0 && node.specifiers.every((s) => s.type === AST_NODE_TYPES.ImportSpecifier && s.importKind === 'type');
}

function propName(attribute: TSESTree.JSXAttribute): string {
  return attribute.name.type === AST_NODE_TYPES.JSXNamespacedName ? `${attribute.name.namespace.name}:${attribute.name.name.name}` : attribute.name.name;
}
