import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { warnOnce } from '../src/core/diagnostics.js';
import { DEFAULT_ALLOW_PATHS, DEFAULT_AUTH_PATHS, matchesAnyGlob } from '../src/core/paths.js';
import { checkPrismaQuery, type PrismaFinding } from '../src/core/prisma-findings.js';
import { isPrismaClient, looksLikePrismaCall, matchPrismaQuery, WRITE_OPERATIONS, type PrismaQuery } from '../src/core/prisma-client.js';
import type { ScopeContext } from '../src/core/prisma-scope.js';
import { isUserLevelField, sessionValueFor } from '../src/core/session.js';
import { getTenantModel, type ModelInfo, type TenantModel } from '../src/core/tenant-model.js';
import { DATA_LAYERS, type LayerContext, type LayerFinding } from '../src/core/data-layers.js';
import { createLayerContext } from '../src/core/layer-context.js';
import { readSettings } from '../src/core/settings.js';
import { createTypeHelper } from '../src/core/types.js';
import { addToWhere, addFirstProperty } from '../src/fixes.js';

export { DEFAULT_ALLOW_PATHS, DEFAULT_AUTH_PATHS };

type Options = [
  {
    allowPaths?: string[];
    authPaths?: string[];
    accessCheckFunctions?: string[];
    checkIncludes?: boolean;
    reportHelperLookups?: boolean;
    requireFilterWithRls?: boolean;
    reportUnparsableSql?: boolean;
  },
];

const PRISMA_DROPS_UNDEFINED = 'Prisma drops undefined filters';

const DEFAULT_OPTIONS = {
  allowPaths: DEFAULT_ALLOW_PATHS,
  authPaths: DEFAULT_AUTH_PATHS,
  accessCheckFunctions: [],
  checkIncludes: true,
  reportHelperLookups: false,
  requireFilterWithRls: false,
  reportUnparsableSql: false,
};

type MessageIds =
  | 'unscoped'
  | 'unscopedUnique'
  | 'unscopedRoot'
  | 'maybeUndefined'
  | 'widened'
  | 'unscopedInclude'
  | 'addTenantScope'
  | 'unparsableSql';

export default createRule<Options, MessageIds>({
  name: 'require-tenant-scope',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require queries on tenant-owned models to filter by the tenant',
      recommended: true,
      strictOptions: [{ reportHelperLookups: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPaths: stringListOption('Globs (relative to the ESLint cwd) of files that may read across tenants. Replaces the default list.'),
          authPaths: stringListOption('Globs of sign-in and verification code, where single-row lookups identify the user.'),
          accessCheckFunctions: stringListOption('Names of your own helpers that check access to a row, in addition to the built-in pattern.'),
          checkIncludes: {
            type: 'boolean',
            description: 'Report nested include/select of tenant-owned relations reached through a model that spans tenants.',
          },
          reportHelperLookups: {
            type: 'boolean',
            description: 'Also report lookups by an id that is a parameter of an internal helper function (on in `strict`).',
          },
          requireFilterWithRls: {
            type: 'boolean',
            description: 'Also require the tenant filter on Supabase clients that run under Row Level Security (user-bound clients).',
          },
          reportUnparsableSql: {
            type: 'boolean',
            description: 'Report raw SQL queries the SQL parser cannot read (they are skipped otherwise).',
          },
        },
      },
    ],
    defaultOptions: [DEFAULT_OPTIONS],
    messages: {
      unscoped:
        '`{{call}}` {{verb}} {{model}} rows of every tenant: it does not filter by `{{field}}`. ' +
        'Take the tenant from the server session and add it: `{{fix}}`.',
      unscopedUnique:
        '`{{call}}` finds {{model}} by {{keys}} alone, so any signed-in user who knows an id can {{verb}} another tenant\'s row (IDOR). ' +
        'Add the tenant to the filter (`{{fix}}`), or check `row.{{field}}` against the session before using the row.',
      unscopedRoot:
        '`{{call}}` returns many {{model}} rows, and {{model}} is the tenant itself: this lists every tenant. ' +
        'Restrict it to the session\'s tenant (`where: { id: {{value}} }`){{membership}}.',
      maybeUndefined:
        '`{{field}}` is set to `{{value}}`, which may be undefined, and {{layer}}: `{{call}}` then matches {{model}} rows of every tenant. ' +
        'Require the session first (`if (!session) redirect(\'/login\')`) so the tenant is always defined.',
      widened:
        '`{{key}}` replaces the tenant condition that `{{spread}}` brought into this filter, so `{{call}}` no longer filters {{model}} by `{{field}}`. ' +
        'Keep both: `AND: [where, { ... }]` instead of overriding `{{key}}`.',
      unscopedInclude:
        '`{{relation}}` loads {{child}} rows through {{parent}}, which can belong to several tenants, so it returns {{child}} rows of all of them. ' +
        'Filter the nested read: `{{relation}}: { where: { {{field}}: {{value}} } }`.',
      addTenantScope: 'Filter by `{{field}}: {{value}}` from the session.',
      unparsableSql:
        '`{{call}}` runs SQL that tenant-guard cannot parse (at {{reason}}), so it is not checked for a tenant filter. ' +
        'Check by hand that every tenant-owned table in it is filtered by the tenant.',
    },
  },
  defaultOptions: [DEFAULT_OPTIONS],
  create(context, [options]) {
    const filename = context.filename;
    const cwd = context.cwd;
    const allowPaths = options.allowPaths ?? DEFAULT_ALLOW_PATHS;
    if (matchesAnyGlob(filename, cwd, allowPaths)) return {};
    const sourceCode = context.sourceCode;
    const accessCheckFunctions = options.accessCheckFunctions ?? [];
    const checkOptions = {
      accessCheckFunctions,
      inAuthFlow: matchesAnyGlob(filename, cwd, options.authPaths ?? DEFAULT_AUTH_PATHS),
      checkIncludes: options.checkIncludes ?? true,
      reportHelperLookups: options.reportHelperLookups ?? false,
      filename,
    };
    let tenant: TenantModel | null = null;
    let types: ReturnType<typeof createTypeHelper> | undefined;

    function report(query: PrismaQuery, finding: PrismaFinding, tenantModel: TenantModel): void {
      const sessionFunctions = tenantModel.settings.sessionFunctions;
      const call = `${sourceCode.getText(query.delegate)}.${query.operation}()`;
      const model = query.model.name;
      const verb = WRITE_OPERATIONS.has(query.operation) ? 'changes' : 'reads';
      switch (finding.kind) {
        case 'unscoped':
        case 'unscoped-unique': {
          const session = sessionValueFor(query.call, finding.field, sessionFunctions);
          const value = session ?? `<${finding.field} from the session>`;
          const keys = finding.kind === 'unscoped-unique' ? finding.keys.filter((k) => k !== '...') : [];
          context.report({
            node: finding.node as TSESTree.Node,
            messageId: finding.kind === 'unscoped' ? 'unscoped' : 'unscopedUnique',
            data: {
              call,
              model,
              field: finding.field,
              verb: finding.kind === 'unscoped' ? verb : verb === 'reads' ? 'read' : 'change',
              keys: keys.length > 0 ? keys.map((k) => `\`${k}\``).join(' and ') : 'a non-tenant key',
              fix:
                finding.kind === 'unscoped'
                  ? `where: { ${entry(finding.field, value)}, ... }`
                  : `where: { ${keys.filter((k) => !k.includes('.')).join(', ') || 'id'}, ${entry(finding.field, value)} }`,
            },
            suggest: session
              ? [
                  {
                    messageId: 'addTenantScope',
                    data: { field: finding.field, value: session },
                    fix: (fixer) => addToWhere(fixer, sourceCode, query.call, finding.field, session),
                  },
                ]
              : [],
          });
          return;
        }
        case 'unscoped-root': {
          const field = rootFieldName(tenantModel, query.model);
          const session = field ? sessionValueFor(query.call, field, sessionFunctions) : null;
          context.report({
            node: finding.node as TSESTree.Node,
            messageId: 'unscopedRoot',
            data: {
              call,
              model,
              value: session ?? `<${field ?? 'tenant id'} from the session>`,
              membership: membershipHint(tenantModel, query.model),
            },
            suggest: session
              ? [
                  {
                    messageId: 'addTenantScope',
                    data: { field: 'id', value: session },
                    fix: (fixer) => addToWhere(fixer, sourceCode, query.call, 'id', session),
                  },
                ]
              : [],
          });
          return;
        }
        case 'maybe-undefined':
          context.report({
            node: finding.node as TSESTree.Node,
            messageId: 'maybeUndefined',
            data: { call, model, field: finding.field, value: sourceCode.getText(finding.value as TSESTree.Node), layer: PRISMA_DROPS_UNDEFINED },
          });
          return;
        case 'widened':
          context.report({
            node: finding.node as TSESTree.Node,
            messageId: 'widened',
            data: { call, model, field: finding.field, key: finding.key, spread: sourceCode.getText(finding.spread as TSESTree.Node) },
          });
          return;
        case 'unscoped-include': {
          const session = sessionValueFor(query.call, finding.field, sessionFunctions);
          const property = (finding.node as TSESTree.Node).parent as TSESTree.Property;
          context.report({
            node: finding.node as TSESTree.Node,
            messageId: 'unscopedInclude',
            data: {
              relation: finding.relation,
              child: finding.child.name,
              parent: finding.parent.name,
              field: finding.field,
              value: session ?? `<${finding.field} from the session>`,
            },
            suggest: session
              ? [
                  {
                    messageId: 'addTenantScope',
                    data: { field: finding.field, value: session },
                    fix: (fixer) => {
                      const entry = `where: { ${finding.field === session ? session : `${finding.field}: ${session}`} }`;
                      if (property.value.type === AST_NODE_TYPES.ObjectExpression) {
                        return addFirstProperty(fixer, sourceCode, property.value, entry);
                      }
                      return fixer.replaceText(property.value, `{ ${entry} }`);
                    },
                  },
                ]
              : [],
          });
        }
      }
    }

    let layerContext: LayerContext | undefined;
    const layers = (): LayerContext =>
      (layerContext ??= createLayerContext(context, {
        accessCheckFunctions,
        inAuthFlow: checkOptions.inAuthFlow,
        reportHelperLookups: checkOptions.reportHelperLookups,
        requireFilterWithRls: options.requireFilterWithRls ?? false,
        reportUnparsableSql: options.reportUnparsableSql ?? false,
      }));

    function reportLayer(finding: LayerFinding): void {
      if (finding.kind === 'unparsable-sql') {
        context.report({ node: finding.node as TSESTree.Node, messageId: 'unparsableSql', data: { call: finding.call, reason: finding.reason ?? 'an unknown place' } });
        return;
      }
      const fn = finding.kind === 'maybe-undefined' ? null : sessionValueFor(finding.node, finding.field, readSettings(context.settings).sessionFunctions);
      const value = fn ?? `<${finding.field} from the session>`;
      const fix = finding.fix.replaceAll('{value}', value);
      const keys = finding.keys ?? [];
      const insert = finding.insert;
      context.report({
        node: finding.node as TSESTree.Node,
        messageId: finding.kind === 'unscoped' ? 'unscoped' : finding.kind === 'unscoped-unique' ? 'unscopedUnique' : 'maybeUndefined',
        data: {
          call: finding.call,
          model: finding.table,
          field: finding.field,
          verb: finding.kind === 'unscoped' ? finding.verb : finding.verb === 'reads' ? 'read' : 'change',
          keys: keys.length > 0 ? keys.map((k) => `\`${k}\``).join(' and ') : 'a non-tenant key',
          fix,
          value: finding.value ? sourceCode.getText(finding.value as TSESTree.Node) : value,
          layer: 'a missing filter matches every row',
        },
        suggest:
          fn && insert
            ? [
                {
                  messageId: 'addTenantScope',
                  data: { field: finding.field, value: fn },
                  fix: (fixer) => fixer.insertTextAfterRange([insert.at, insert.at], insert.text.replaceAll('{value}', fn)),
                },
              ]
            : [],
      });
    }

    const callLayers = DATA_LAYERS.filter((l) => l.CallExpression);
    const templateLayers = DATA_LAYERS.filter((l) => l.TaggedTemplateExpression);

    return {
      TaggedTemplateExpression(node) {
        for (const layer of templateLayers) for (const finding of layer.TaggedTemplateExpression!(node, layers())) reportLayer(finding);
      },
      CallExpression(node) {
        for (const layer of callLayers) for (const finding of layer.CallExpression!(node, layers())) reportLayer(finding);
        if (!looksLikePrismaCall(node)) return;
        tenant ??= getTenantModel(filename, cwd, context.settings);
        types ??= createTypeHelper(context);
        const clientContext = { sourceCode, filename, extraClientNames: tenant.settings.prismaClientNames, types };
        if (tenant.models.size === 0) {
          if (tenant.schemaFiles.length > 0) return; // found but unparsable: prisma-schema.ts already said so
          const delegate = (node.callee as TSESTree.MemberExpression).object as TSESTree.MemberExpression;
          if (isPrismaClient(delegate.object, clientContext)) {
            warnOnce(
              `no-schema:${cwd}`,
              `found Prisma queries (e.g. in ${filename}) but no schema.prisma: looked beside the file's package.json, in the ESLint cwd ` +
                `(${cwd}), in package.json#prisma.schema and in workspace packages. require-tenant-scope cannot tell which models are ` +
                `tenant-owned without it: set settings['tenant-guard'].schema to its path, or list models in settings['tenant-guard'].models.`,
            );
          }
          return;
        }
        const query = matchPrismaQuery(node, tenant, clientContext);
        if (!query) return;
        types ??= createTypeHelper(context);
        const scopeContext: ScopeContext = {
          sourceCode,
          tenant,
          at: node,
          mayBeUndefined: types.mayBeUndefined,
        };
        for (const finding of checkPrismaQuery(query, scopeContext, checkOptions, clientContext)) report(query, finding, tenant);
      },
    };
  },
});

/** `accountId` when the value is the variable of that name, else `accountId: value`. */
function entry(field: string, value: string): string {
  return field === value ? field : `${field}: ${value}`;
}

/** ` or to the user's memberships (`where: { memberships: { some: { userId } } }`)`, with the schema's names. */
function membershipHint(tenant: TenantModel, root: ModelInfo): string {
  for (const field of root.fields.values()) {
    if (!field.isList) continue;
    const child = tenant.models.get(field.type);
    const userField = child?.tenantFields.find((f) => isUserLevelField(f));
    const isMembership = child && userField && child.uniqueKeys.some((k) => k.includes(userField) && k.length > 1);
    if (isMembership) return ` or to the user's memberships (\`where: { ${field.name}: { some: { ${userField}: <the session user's id> } } }\`)`;
  }
  return '';
}

/** The tenant field that points at a root (`accountId` for Account), to find the session's value for it. */
function rootFieldName(tenant: TenantModel, root: ModelInfo): string | null {
  for (const model of tenant.models.values()) {
    for (const field of model.fields.values()) {
      if (field.type === root.name && field.relationFields) {
        const fk = field.relationFields.find((f) => model.tenantFields.includes(f));
        if (fk) return fk;
      }
    }
  }
  return null;
}

