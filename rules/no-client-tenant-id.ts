import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { isFunction, walk, type Node } from '../src/core/ast.js';
import { checkedAfter, clientSourceOf, guardBefore, isServerToServerRequest, isSessionValue, rawClientObject, SOURCE_LABELS, type ClientSource, type FlowContext } from '../src/core/client-input.js';
import type { LayerContext } from '../src/core/data-layers.js';
import { isInAdminContext } from '../src/core/guards.js';
import { createLayerContext } from '../src/core/layer-context.js';
import { DEFAULT_ALLOW_PATHS, DEFAULT_AUTH_PATHS, matchesAnyGlob } from '../src/core/paths.js';
import { isSessionCall, sessionValueFor } from '../src/core/session.js';
import { sessionFieldOf, tenantPositions, type SpreadPosition, type TenantPosition } from '../src/core/tenant-positions.js';

type Options = [
  {
    allowPaths?: string[];
    authPaths?: string[];
    accessCheckFunctions?: string[];
    verifierFunctions?: string[];
    checkSpreads?: boolean;
    requireFilterWithRls?: boolean;
  },
];

type MessageIds =
  | 'clientTenantFilter'
  | 'clientTenantWrite'
  | 'clientStripe'
  | 'spreadOverrides'
  | 'spreadTenant'
  | 'unverifiedSession'
  | 'unawaitedGuard'
  | 'useSessionValue'
  | 'awaitGuard';

const DEFAULT_OPTIONS = {
  allowPaths: DEFAULT_ALLOW_PATHS,
  authPaths: DEFAULT_AUTH_PATHS,
  accessCheckFunctions: [],
  verifierFunctions: [],
  checkSpreads: true,
  requireFilterWithRls: false,
};

export default createRule<Options, MessageIds>({
  name: 'no-client-tenant-id',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow tenant scope taken from the browser instead of the server session',
      recommended: true,
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPaths: stringListOption('Globs (relative to the ESLint cwd) of files that may act for any tenant (admin areas, scripts). Replaces the default list.'),
          authPaths: stringListOption('Globs of sign-in, SSO and invitation flows, which run before a session exists and take ids from the request by design.'),
          accessCheckFunctions: stringListOption('Names of your own helpers that check the user may act for a tenant id, in addition to the built-in pattern (`assertTeamAccess`, `checkMembership`, …).'),
          verifierFunctions: stringListOption('Functions whose result is verified even though their input is a cookie or header (a token decoder that checks the signature).'),
          checkSpreads: {
            type: 'boolean',
            description: 'Report request objects spread into tenant-owned writes and filters (`data: { ...body }`), which can carry the tenant field.',
          },
          requireFilterWithRls: {
            type: 'boolean',
            description: 'Also check Supabase clients that run under Row Level Security, where the database already refuses other tenants\' rows.',
          },
        },
      },
    ],
    defaultOptions: [DEFAULT_OPTIONS],
    messages: {
      clientTenantFilter:
        '`{{field}}` in `{{call}}` comes {{source}} (`{{expr}}`), so any signed-in user can put another tenant\'s id there and reach its {{table}} rows. ' +
        'Derive it from the server session ({{fix}}), or check the user\'s membership of that tenant before the query.',
      clientTenantWrite:
        '`{{field}}` in `{{call}}` comes {{source}} (`{{expr}}`), so any signed-in user can write {{table}} rows into another tenant. ' +
        'Derive it from the server session ({{fix}}), or check the user\'s membership of that tenant before the write.',
      clientStripe:
        'The Stripe {{field}} in `{{call}}` comes {{source}} (`{{expr}}`), so any signed-in user can {{action}}. ' +
        'Use the ids stored on the account you load through the session (`account.stripeCustomerId`).',
      spreadOverrides:
        '`{{spread}}` comes {{source}} and is spread after `{{field}}` in `{{call}}`, so the request can replace the tenant the server set. ' +
        'Spread it first and set `{{field}}` after it, or pick the fields you accept.',
      spreadTenant:
        '`{{spread}}` comes {{source}} and goes into `{{call}}` as it is, so the request chooses `{{field}}` of {{table}}. ' +
        'Pick the fields you accept, and set `{{field}}` from the server session.',
      unverifiedSession:
        '`{{field}}` in `{{call}}` comes from `supabase.auth.getSession()`, which reads the session from the cookie without verifying it: a forged cookie chooses the tenant. ' +
        'Use `supabase.auth.getUser()` (or `getClaims()`), which is verified, on the server.',
      unawaitedGuard:
        '`{{guard}}` returns a promise that is not awaited, so a failed check does not stop the request and `{{value}}` reaches `{{call}}` unchecked. Write `await {{guard}}`.',
      useSessionValue: 'Use `{{value}}` from the session.',
      awaitGuard: 'Await the check.',
    },
  },
  defaultOptions: [DEFAULT_OPTIONS],
  create(context, [options]) {
    const { filename, cwd, sourceCode } = context;
    if (matchesAnyGlob(filename, cwd, options.allowPaths ?? DEFAULT_ALLOW_PATHS)) return {};
    if (matchesAnyGlob(filename, cwd, options.authPaths ?? DEFAULT_AUTH_PATHS)) return {};
    // Cheap exit for the many files that read no request input and have no server actions.
    if (!mayReadClientInput(sourceCode.text)) return {};
    const accessCheckFunctions = options.accessCheckFunctions ?? [];
    let layers: LayerContext | undefined;
    const layerContext = () =>
      (layers ??= createLayerContext(context, {
        accessCheckFunctions,
        inAuthFlow: false,
        reportHelperLookups: false,
        requireFilterWithRls: options.requireFilterWithRls ?? false,
        reportUnparsableSql: false,
      }));
    let flow: FlowContext | undefined;
    const flowContext = (): FlowContext =>
      (flow ??= {
        sourceCode,
        filename,
        sessionFunctions: layerContext().settings.sessionFunctions,
        verifierFunctions: options.verifierFunctions ?? [],
        checkedAt: (value, site) => guardBefore(value, site, flowContext(), accessCheckFunctions).checked || isServerToServerRequest(site),
      });
    const reported = new Set<Node>();

    function fromSession(node: Node): boolean {
      const ctx = flowContext();
      return walk(node, (n) => {
        if (n.type === AST_NODE_TYPES.CallExpression && isSessionCall(n, ctx.sessionFunctions)) return true;
        if (n.type !== AST_NODE_TYPES.Identifier && n.type !== AST_NODE_TYPES.MemberExpression) return false;
        if (n.parent?.type === AST_NODE_TYPES.MemberExpression && n.parent.object === n) return false; // judge the whole chain
        return isSessionValue(n, ctx);
      });
    }

    /** Is this browser value made safe before it is used: a check with the session, a vouching lookup, an admin gate? */
    function isSanitised(position: { value?: Node; siblings?: Node[]; at: TSESTree.CallExpression }, value: Node): boolean {
      if (position.siblings?.some((s) => fromSession(s))) return true;
      const verdict = guardBefore(value, position.at, flowContext(), accessCheckFunctions);
      if (verdict.unawaited && !reported.has(verdict.unawaited)) {
        reported.add(verdict.unawaited);
        reportUnawaited(verdict.unawaited, value, position.at);
      }
      if (verdict.checked) return true;
      if (!verdict.unawaited && layerContext().vouchedFor(value, position.at)) return true;
      if (checkedAfter(position.at, flowContext(), accessCheckFunctions)) return true;
      return isServerToServerRequest(position.at) || isInAdminContext(position.at, sourceCode);
    }

    function reportUnawaited(guard: TSESTree.CallExpression, value: Node, at: TSESTree.CallExpression): void {
      const inAsync = enclosingFunction(guard)?.async === true;
      context.report({
        node: guard,
        messageId: 'unawaitedGuard',
        data: { guard: shorten(sourceCode.getText(guard)), value: shorten(sourceCode.getText(value as TSESTree.Node)), call: shorten(callText(at)) },
        suggest: inAsync ? [{ messageId: 'awaitGuard', fix: (fixer) => fixer.insertTextBefore(guard, 'await ') }] : [],
      });
    }

    function callText(at: TSESTree.CallExpression): string {
      return sourceCode.getText(at.callee).replace(/\s+/g, '') + '()';
    }

    function reportValue(position: TenantPosition): void {
      if (reported.has(position.value)) return;
      const source = clientSourceOf(position.value, flowContext());
      if (!source) return;
      reported.add(position.value);
      if (source.kind !== 'unverified-session' && isSanitised(position, position.value)) return;
      const expr = shorten(sourceCode.getText(position.value as TSESTree.Node));
      if (source.kind === 'unverified-session') {
        context.report({ node: position.value as TSESTree.Node, messageId: 'unverifiedSession', data: { field: position.field, call: position.call } });
        return;
      }
      if (position.layer === 'stripe') {
        context.report({
          node: position.value as TSESTree.Node,
          messageId: 'clientStripe',
          data: { field: position.field, call: position.call, source: label(source), expr, action: position.table },
        });
        return;
      }
      const sessionField = sessionFieldOf(position);
      const session = sessionValueFor(position.at, sessionField, flowContext().sessionFunctions);
      const fix = session ? `\`${fixText(position, session)}\`` : `e.g. \`const { ${camel(sessionField)} } = await requireAuth()\``;
      context.report({
        node: position.value as TSESTree.Node,
        messageId: position.role === 'write' ? 'clientTenantWrite' : 'clientTenantFilter',
        data: { field: position.field, call: position.call, source: label(source), expr, table: position.table, fix },
        suggest: session ? [{ messageId: 'useSessionValue', data: { value: session }, fix: (fixer) => replaceValue(fixer, position, session) }] : [],
      });
    }

    function reportSpread(position: SpreadPosition): void {
      const node = position.spread.type === AST_NODE_TYPES.SpreadElement ? position.spread.argument : position.spread;
      if (reported.has(node)) return;
      const source = rawClientObject(node, flowContext());
      if (!source) return;
      reported.add(node);
      if (isSanitised({ at: position.at }, node)) return;
      const data = { spread: shorten(sourceCode.getText(position.spread as TSESTree.Node)), source: label(source), field: position.field, call: position.call, table: position.table };
      context.report({ node: position.spread as TSESTree.Node, messageId: position.overrides ? 'spreadOverrides' : 'spreadTenant', data });
    }

    function replaceValue(fixer: TSESLint.RuleFixer, position: TenantPosition, session: string): TSESLint.RuleFix {
      const prop = position.property;
      if (prop?.shorthand) return fixer.replaceText(prop, `${sourceCode.getText(prop.key)}: ${session}`);
      return fixer.replaceText(position.value as TSESTree.Node, session);
    }

    return {
      CallExpression(node) {
        const positions = tenantPositions(node, layerContext());
        for (const position of positions.values) reportValue(position);
        if (options.checkSpreads ?? true) for (const position of positions.spreads) reportSpread(position);
      },
    };
  },
});

/** Files without any of these words read nothing from the browser that this rule can follow. */
function mayReadClientInput(text: string): boolean {
  return /\b(req|request|params|searchParams|formData|cookies|headers|body|query|input|parsedInput|getSession)\b|use server/.test(text);
}

function label(source: ClientSource): string {
  return SOURCE_LABELS[source.kind];
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}

function camel(field: string): string {
  return field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

const CONNECT = '.connect.id';

/** The fix as the code would read: `accountId: session.accountId`, `account: { connect: { id: session.accountId } }`. */
function fixText(position: TenantPosition, session: string): string {
  if (position.field.endsWith(CONNECT)) return `${position.field.slice(0, -CONNECT.length)}: { connect: { id: ${session} } }`;
  if (position.layer === 'drizzle') return `eq(${position.call.slice(3, position.call.indexOf(','))}, ${session})`;
  if (position.layer === 'supabase') return position.role === 'write' ? `${position.field}: ${session}` : `.eq('${position.field}', ${session})`;
  return position.field === session ? position.field : `${position.field}: ${session}`;
}

function enclosingFunction(node: Node): (Node & { async?: boolean }) | null {
  for (let current = node.parent; current; current = current.parent) if (isFunction(current)) return current;
  return null;
}
