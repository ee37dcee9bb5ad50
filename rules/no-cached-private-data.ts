import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { createRule } from '../src/create-rule.js';
import { stringListOption } from '../src/rule-options.js';
import { isFunction, memberName, resolveValue, unwrap, type FunctionNode, type Node } from '../src/core/ast.js';
import {
  cacheDirective,
  capturedTenantValues,
  describeReason,
  displayValue,
  fetchCacheOption,
  generateStaticParamsExport,
  hasDynamicSegment,
  inSignedOutBranch,
  isCacheHeaderName,
  isGlobalFetch,
  isIdentityValue,
  isSharedCacheDirective,
  isUnstableCache,
  keyCovers,
  nextConfigHeaderRules,
  objectProperty,
  Privacy,
  privateSource,
  routeKindOf,
  segmentExports,
  sharedCacheDirective,
  staticString,
  staticTags,
  type CapturedTenantValue,
  type PrivacyReason,
  type RouteKind,
  type SegmentExport,
} from '../src/core/next-cache.js';
import { matchesAnyGlob } from '../src/core/paths.js';
import { readSettings } from '../src/core/settings.js';
import { getTenantModel, type TenantModel } from '../src/core/tenant-model.js';

/** URL prefixes whose pages and handlers answer signed-in users (for `next.config` `headers()`). */
export const DEFAULT_PRIVATE_PATH_PREFIXES = [
  '/api',
  '/dashboard',
  '/app',
  '/account',
  '/accounts',
  '/settings',
  '/billing',
  '/admin',
  '/team',
  '/teams',
  '/org',
  '/orgs',
  '/organization',
  '/organizations',
  '/workspace',
  '/workspaces',
  '/inbox',
  '/profile',
  '/me',
  '/user',
  '/users',
  '/portal',
];

export const DEFAULT_ALLOW_PATHS = ['**/*.{test,spec}.*', '**/__tests__/**'];

type Options = [
  {
    allowPaths?: string[];
    privatePathPrefixes?: string[];
    authWrappers?: string[];
    reportTagsWithoutTenant?: boolean;
  },
];

type MessageIds =
  | 'revalidate'
  | 'forceStatic'
  | 'fetchCache'
  | 'staticParams'
  | 'cacheReadsIdentity'
  | 'keyWithoutTenant'
  | 'tagsWithoutTenant'
  | 'credentialedFetch'
  | 'sharedCacheControl'
  | 'sharedCacheControlConfig'
  | 'removeConfig'
  | 'useForceDynamic'
  | 'usePrivateNoStore'
  | 'addToKey'
  | 'useCachePrivate'
  | 'useNoStore';

const DEFAULT_OPTIONS = {
  allowPaths: DEFAULT_ALLOW_PATHS,
  privatePathPrefixes: DEFAULT_PRIVATE_PATH_PREFIXES,
  authWrappers: [],
  reportTagsWithoutTenant: false,
};

/** Files worth a look: anything that can cache. Everything else costs one regular expression. */
const MAY_CACHE = /revalidate|force-static|fetchCache|generateStaticParams|unstable_cache|use cache|cache-control|surrogate-control|force-cache/i;

const ROUTE_WORD: Partial<Record<Exclude<RouteKind, null>, string>> = { page: 'page', layout: 'layout', route: 'route handler' };

export default createRule<Options, MessageIds>({
  name: 'no-cached-private-data',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow caching responses and data that depend on the signed-in user or tenant in caches shared by every visitor',
      recommended: true,
      strictOptions: [{ reportTagsWithoutTenant: true }],
    },
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          allowPaths: stringListOption('Globs (relative to the ESLint cwd) of files not to check. Replaces the default list (tests).'),
          privatePathPrefixes: {
            type: 'array',
            items: { type: 'string', pattern: '^/' },
            description: 'URL prefixes that serve signed-in users, for `next.config` `headers()` rules. Replaces the default list.',
          },
          authWrappers: stringListOption('Names of your own wrappers that authenticate a handler (`export const GET = withTenant(…)`), besides `withAuth`-like names.'),
          reportTagsWithoutTenant: {
            type: 'boolean',
            description: 'Also report `unstable_cache` tags without the tenant on per-tenant data (on in `strict`).',
          },
        },
      },
    ],
    defaultOptions: [DEFAULT_OPTIONS],
    messages: {
      revalidate:
        '`{{config}}` asks Next.js to cache this {{route}} and serve the cached copy to every visitor, but the {{route}} is private: {{entry}} {{reason}}. ' +
        "A cached copy would show one user's data to the next (and where Next.js renders it per request anyway, the setting only misleads). " +
        "Render it per request: remove `revalidate`, or use `export const dynamic = 'force-dynamic'`.",
      forceStatic:
        '`{{config}}` renders this {{route}} once and serves that copy to every visitor (with `cookies()` and `headers()` empty), but the {{route}} is private: ' +
        "{{entry}} {{reason}}. Use `export const dynamic = 'force-dynamic'`.",
      fetchCache:
        '`{{config}}` stores every `fetch` of this {{route}} in the shared Data Cache, the ones made for the signed-in user included, but the {{route}} is private: ' +
        "{{entry}} {{reason}}. Remove it (Next.js then leaves credentialed fetches uncached), or use `'default-no-store'`.",
      staticParams:
        '`generateStaticParams` prerenders this {{route}} at build time and serves each prerendered path to every visitor, but the {{route}} is private: ' +
        "{{entry}} {{reason}}. Remove `generateStaticParams` and render it per request (`export const dynamic = 'force-dynamic'`).",
      cacheReadsIdentity:
        "`{{cache}}` shares its result with every user, but the cached function {{reason}}: the first caller's data would be served to everyone " +
        '(Next.js also rejects `cookies()` and `headers()` inside a cache). Read it before the cache and pass the tenant id in as an argument{{alternative}}.',
      keyWithoutTenant:
        '`unstable_cache` keys this entry by {{key}} and the arguments, not by `{{value}}`, which the cached function reads from the enclosing scope{{why}}: ' +
        "every tenant gets the first tenant's cached result. Pass `{{value}}` as an argument, or add it to the key parts (`[…, {{value}}]`).",
      tagsWithoutTenant:
        '`tags: {{tags}}` are the same for every tenant, but this cache holds per-tenant data (`{{value}}`): `revalidateTag` then drops every tenant\'s entry at once ' +
        'and cannot target one. Put the tenant in the tag (`{{example}}`).',
      credentialedFetch:
        "`fetch` forwards the signed-in user's credentials ({{credential}}) with `{{option}}`, which stores the user's private response in the shared Data Cache " +
        "(Next.js leaves credentialed fetches uncached unless told to). Use `cache: 'no-store'`.",
      sharedCacheControl:
        '`{{header}}: {{value}}` lets shared caches (a CDN, a proxy) keep this response and serve it to other users (`{{directive}}`), but the response is private: ' +
        '{{context}} {{reason}}. Send `Cache-Control: private, no-store` (or `private, max-age=…` to cache it in the user\'s own browser only).',
      sharedCacheControlConfig:
        '`next.config` sends `{{header}}: {{value}}` for `{{source}}`, which covers {{covers}}: shared caches (a CDN, a proxy) may keep one signed-in user\'s ' +
        'responses and serve them to others (`{{directive}}`). Limit the rule to static files, or send `private, no-store` for these paths.',
      removeConfig: 'Remove `{{config}}`.',
      useForceDynamic: "Use `export const dynamic = 'force-dynamic'`.",
      usePrivateNoStore: 'Send `private, no-store`.',
      addToKey: 'Add `{{value}}` to the key parts.',
      useCachePrivate: "Use `'use cache: private'` (a per-user cache).",
      useNoStore: "Use `cache: 'no-store'`.",
    },
  },
  defaultOptions: [DEFAULT_OPTIONS],
  create(context, [options]) {
    const sourceCode = context.sourceCode;
    const filename = context.filename;
    if (!MAY_CACHE.test(sourceCode.text)) return {};
    if (matchesAnyGlob(filename, context.cwd, options.allowPaths ?? DEFAULT_ALLOW_PATHS)) return {};
    const settings = readSettings(context.settings);
    const kind = routeKindOf(filename);
    const privacy = new Privacy(sourceCode, filename, { settings, authWrappers: options.authWrappers ?? [] });
    // A client module runs in the browser: no server cache, no segment config, no response headers.
    if (privacy.view.isClient) return {};
    let tenant: TenantModel | undefined;
    const lookup = { prisma: () => (tenant ??= getTenantModel(filename, context.cwd, context.settings)), prismaClientNames: settings.prismaClientNames };
    const reported = new Set<string>();

    function once(node: Node, messageId: MessageIds): boolean {
      const key = `${node.range[0]}:${node.range[1]}:${messageId}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    }

    // Route segment config ------------------------------------------------------------------------------------------

    function privateEntry(methods: 'read' | 'all'): { reason: PrivacyReason; entry: string } | null {
      for (const entry of privacy.entries(kind, methods)) {
        const reason = privacy.entryReason(entry);
        if (reason) return { reason, entry: entry.name };
      }
      return null;
    }

    function configText(config: SegmentExport): string {
      return `export const ${sourceCode.getText(config.declarator)}`;
    }

    function removeStatement(fixer: TSESLint.RuleFixer, statement: TSESTree.Node): TSESLint.RuleFix {
      const [start, end] = statement.range;
      const after = sourceCode.text.slice(end).match(/^[ \t]*\r?\n/)?.[0].length ?? 0;
      return fixer.removeRange([start, end + after]);
    }

    function checkSegmentConfig(): void {
      if (kind !== 'page' && kind !== 'layout' && kind !== 'route') return;
      const route = ROUTE_WORD[kind]!;
      const config = segmentExports(sourceCode.ast);
      const dynamic = config.get('dynamic');
      const forceDynamic = dynamic?.value === 'force-dynamic';
      let readPrivate: ReturnType<typeof privateEntry> | undefined;
      const reads = () => (readPrivate === undefined ? (readPrivate = privateEntry('read')) : readPrivate);
      const data = (found: { reason: PrivacyReason; entry: string }, extra: Record<string, string> = {}) => ({
        route,
        entry: found.entry,
        reason: describeReason(found.reason),
        ...extra,
      });

      const revalidate = config.get('revalidate');
      if (revalidate && !forceDynamic && ((typeof revalidate.value === 'number' && revalidate.value > 0) || (revalidate.value === false && kind === 'route'))) {
        const found = reads();
        if (found) {
          const single = revalidate.statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration && revalidate.statement.declaration.declarations.length === 1;
          const text = configText(revalidate);
          context.report({
            node: revalidate.declarator,
            messageId: 'revalidate',
            data: data(found, { config: text }),
            suggest: single
              ? [
                  { messageId: 'removeConfig', data: { config: text }, fix: (fixer) => removeStatement(fixer, revalidate.statement) },
                  ...(dynamic
                    ? []
                    : [{ messageId: 'useForceDynamic' as const, fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(revalidate.statement, "export const dynamic = 'force-dynamic';") }]),
                ]
              : [],
          });
        }
      }

      if (dynamic?.value === 'force-static') {
        const found = reads();
        const init = dynamic.declarator.init!;
        if (found) {
          context.report({
            node: dynamic.declarator,
            messageId: 'forceStatic',
            data: data(found, { config: configText(dynamic) }),
            suggest:
              init.type === AST_NODE_TYPES.Literal
                ? [{ messageId: 'useForceDynamic', fix: (fixer) => fixer.replaceText(init, `${sourceCode.getText(init)[0]}force-dynamic${sourceCode.getText(init)[0]}`) }]
                : [],
          });
        }
      }

      const fetchCache = config.get('fetchCache');
      if (fetchCache && (fetchCache.value === 'force-cache' || fetchCache.value === 'only-cache')) {
        const found = kind === 'route' ? privateEntry('all') : reads();
        if (found) {
          const single = fetchCache.statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration && fetchCache.statement.declaration.declarations.length === 1;
          const text = configText(fetchCache);
          context.report({
            node: fetchCache.declarator,
            messageId: 'fetchCache',
            data: data(found, { config: text }),
            suggest: single ? [{ messageId: 'removeConfig', data: { config: text }, fix: (fixer) => removeStatement(fixer, fetchCache.statement) }] : [],
          });
        }
      }

      if (kind !== 'route' && !forceDynamic && hasDynamicSegment(filename)) {
        const staticParams = generateStaticParamsExport(sourceCode.ast);
        const found = staticParams ? reads() : null;
        if (staticParams && found) context.report({ node: staticParams, messageId: 'staticParams', data: data(found) });
      }
    }

    // 'use cache' -----------------------------------------------------------------------------------------------------

    function checkUseCache(fn: FunctionNode, directive: TSESTree.ExpressionStatement, reportAt: Node): void {
      if (!isSharedCacheDirective(directive)) return;
      const reason = privacy.functionReason(fn);
      if (!reason || !once(reportAt, 'cacheReadsIdentity')) return;
      const literal = directive.expression;
      context.report({
        node: reportAt,
        messageId: 'cacheReadsIdentity',
        data: { cache: `'${directive.directive}'`, reason: describeReason(reason), alternative: ", or use `'use cache: private'`" },
        suggest:
          literal.type === AST_NODE_TYPES.Literal && reportAt === literal
            ? [{ messageId: 'useCachePrivate', fix: (fixer) => fixer.replaceText(literal, `${sourceCode.getText(literal)[0]}use cache: private${sourceCode.getText(literal)[0]}`) }]
            : [],
      });
    }

    function checkFunction(fn: FunctionNode): void {
      if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return;
      const directive = cacheDirective(fn.body.body);
      if (directive) checkUseCache(fn, directive, directive.expression);
    }

    function checkModuleDirective(): void {
      const directive = cacheDirective(sourceCode.ast.body);
      if (!directive) return;
      const view = privacy.view;
      const seen = new Set<FunctionNode>();
      const exported: Array<[FunctionNode, Node]> = [];
      if (view.defaultFunction) exported.push([view.defaultFunction, nameNode(view.defaultFunction) ?? directive.expression]);
      for (const local of view.exports.values()) {
        const fn = view.functions.get(local);
        if (fn) exported.push([fn, nameNode(fn) ?? directive.expression]);
      }
      for (const [fn, at] of exported) {
        if (seen.has(fn)) continue;
        seen.add(fn);
        checkUseCache(fn, directive, at);
      }
    }

    // unstable_cache --------------------------------------------------------------------------------------------------

    function checkUnstableCache(call: TSESTree.CallExpression): void {
      const [fnArg, keyParts, cacheOptions] = call.arguments;
      if (!fnArg || fnArg.type === AST_NODE_TYPES.SpreadElement) return;
      const resolved = resolveValue(sourceCode, fnArg);
      const fn = isFunction(resolved) ? resolved : null;
      const reason = fn ? privacy.functionReason(fn) : privacy.referenceReason(fnArg);
      if (reason) {
        context.report({
          node: call.callee,
          messageId: 'cacheReadsIdentity',
          data: { cache: 'unstable_cache', reason: describeReason(reason), alternative: '' },
        });
        return;
      }
      if (!fn) return;
      const captured = capturedTenantValues(fn, privacy, settings, lookup);
      const missing = captured.filter((value) => keyCovers(keyParts, value, privacy, settings) === 'missing');
      if (missing.length > 0) {
        const value = missing.find((m) => m.model) ?? missing.find((m) => m.why === 'tenant-filter') ?? missing[0];
        const keyNode = keyParts && keyParts.type !== AST_NODE_TYPES.SpreadElement ? keyParts : null;
        const array = keyNode && unwrap(keyNode).type === AST_NODE_TYPES.ArrayExpression ? (unwrap(keyNode) as TSESTree.ArrayExpression) : null;
        context.report({
          node: keyNode ?? call.callee,
          messageId: 'keyWithoutTenant',
          data: {
            key: keyNode ? `\`${sourceCode.getText(keyNode)}\`` : "the function's source text",
            value: value.text,
            why: whyText(value),
          },
          suggest:
            array || !keyNode
              ? [
                  {
                    messageId: 'addToKey',
                    data: { value: value.text },
                    fix: (fixer) => {
                      if (!array) return fixer.insertTextAfter(fnArg, `, [${value.text}]`);
                      const last = array.elements[array.elements.length - 1];
                      if (!last) return fixer.replaceText(array, `[${value.text}]`);
                      return fixer.insertTextAfter(last, `, ${value.text}`);
                    },
                  },
                ]
              : [],
        });
        return;
      }
      if (options.reportTagsWithoutTenant && captured.length > 0 && cacheOptions && cacheOptions.type !== AST_NODE_TYPES.SpreadElement) {
        const tags = staticTags(cacheOptions, sourceCode);
        if (tags) {
          const value = captured[0];
          context.report({
            node: tags.node,
            messageId: 'tagsWithoutTenant',
            data: { tags: sourceCode.getText(tags.node as TSESTree.Node), value: value.text, example: `\`${tags.tags[0]}-\${${value.text}}\`` },
          });
        }
      }
    }

    function whyText(value: CapturedTenantValue): string {
      if (value.model) return ` to filter tenant-owned ${value.model}`;
      if (value.why === 'tenant-filter') return ' as the tenant filter';
      if (value.why === 'session') return ' (it comes from the session)';
      return ' (a tenant id)';
    }

    // fetch -----------------------------------------------------------------------------------------------------------

    function checkFetch(call: TSESTree.CallExpression): void {
      const initArg = call.arguments[1];
      if (!initArg || initArg.type === AST_NODE_TYPES.SpreadElement) return;
      const init = resolveValue(sourceCode, initArg);
      if (init.type !== AST_NODE_TYPES.ObjectExpression) return;
      const option = fetchCacheOption(init);
      if (!option) return;
      const headers = objectProperty(init, 'headers');
      const credential = headers ? credentialIn(headers.value) : null;
      if (!credential) return;
      const cache = objectProperty(init, 'cache');
      context.report({
        node: option.node,
        messageId: 'credentialedFetch',
        data: { credential, option: option.text },
        suggest:
          cache && option.node === cache
            ? [{ messageId: 'useNoStore', fix: (fixer) => fixer.replaceText(cache, "cache: 'no-store'") }]
            : [],
      });
    }

    function credentialIn(node: Node): string | null {
      let value = resolveValue(sourceCode, node);
      if (value.type === AST_NODE_TYPES.NewExpression && value.arguments[0]) value = resolveValue(sourceCode, value.arguments[0]);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return isIdentityValue(value, privacy, settings) ? 'the request headers' : null;
      for (const prop of value.properties) {
        if (prop.type === AST_NODE_TYPES.SpreadElement) {
          if (isIdentityValue(prop.argument, privacy, settings)) return 'the request headers';
          continue;
        }
        if (!isIdentityValue(prop.value, privacy, settings)) continue;
        const key = prop.key.type === AST_NODE_TYPES.Identifier && !prop.computed ? prop.key.name : staticString(prop.key, sourceCode);
        return key ? `the \`${key}\` header` : 'headers built from the session';
      }
      return null;
    }

    // Cache-Control on responses ----------------------------------------------------------------------------------------

    function checkHeaderValue(header: string, valueNode: Node, site: Node): void {
      const text = staticString(valueNode, sourceCode);
      if (text === null) return;
      const directive = sharedCacheDirective(text, header);
      if (!directive) return;
      if (inSignedOutBranch(site, privacy, settings)) return;
      const found = privacy.contextReason(site);
      if (!found || !once(valueNode, 'sharedCacheControl')) return;
      const value = unwrap(valueNode);
      const literal = value.type === AST_NODE_TYPES.Literal || (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0);
      context.report({
        node: valueNode,
        messageId: 'sharedCacheControl',
        data: {
          header,
          value: displayValue(text),
          directive,
          context: found.where ? `\`${found.where}\`, which sends it,` : 'its handler',
          reason: describeReason(found.reason),
        },
        suggest:
          literal && /^cache-control$/i.test(header)
            ? [{ messageId: 'usePrivateNoStore', fix: (fixer) => fixer.replaceText(value, quoteLike(sourceCode.getText(value), 'private, no-store')) }]
            : [],
      });
    }

    /** `{ 'Cache-Control': v }` entries of a headers object (or `new Headers({...})`). */
    function headersObject(node: Node, site: Node): void {
      let value = resolveValue(sourceCode, node);
      if (value.type === AST_NODE_TYPES.NewExpression && value.arguments[0]) value = resolveValue(sourceCode, value.arguments[0]);
      if (value.type !== AST_NODE_TYPES.ObjectExpression) return;
      for (const prop of value.properties) {
        if (prop.type !== AST_NODE_TYPES.Property) continue;
        const key = prop.key.type === AST_NODE_TYPES.Identifier && !prop.computed ? prop.key.name : staticString(prop.key, sourceCode);
        if (key && isCacheHeaderName(key)) checkHeaderValue(key, prop.value, site);
      }
    }

    /** `NextResponse.json(body, { headers })`, `new Response(body, { headers })`, `NextResponse.next({ headers })`. */
    function checkResponse(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const callee = unwrap(node.callee);
      let init: Node | undefined;
      if (node.type === AST_NODE_TYPES.NewExpression && callee.type === AST_NODE_TYPES.Identifier && /^(Response|NextResponse|ImageResponse)$/.test(callee.name)) {
        init = node.arguments[1];
      } else if (
        node.type === AST_NODE_TYPES.CallExpression &&
        callee.type === AST_NODE_TYPES.MemberExpression &&
        callee.object.type === AST_NODE_TYPES.Identifier &&
        /^(Response|NextResponse)$/.test(callee.object.name)
      ) {
        const method = memberName(callee);
        if (method === 'json' || method === 'redirect' || method === 'rewrite') init = node.arguments[1];
        else if (method === 'next') init = node.arguments[0];
      }
      if (!init || init.type === AST_NODE_TYPES.SpreadElement) return;
      const object = resolveValue(sourceCode, init);
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return;
      const headers = objectProperty(object, 'headers');
      if (headers) headersObject(headers.value, node);
    }

    /** `res.setHeader('Cache-Control', v)`, `response.headers.set('Cache-Control', v)`, `res.writeHead(200, { … })`. */
    function checkHeaderCall(call: TSESTree.CallExpression): void {
      const callee = call.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
      const method = memberName(callee);
      if (method === 'writeHead') {
        const headers = call.arguments.find((a, i) => i > 0 && unwrap(a).type === AST_NODE_TYPES.ObjectExpression);
        if (headers) headersObject(headers, call);
        return;
      }
      const object = unwrap(callee.object);
      const onHeaders =
        (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'headers') || (object.type === AST_NODE_TYPES.Identifier && /headers$/i.test(object.name));
      const isSet = method === 'setHeader' || ((method === 'set' || method === 'append') && onHeaders);
      if (!isSet || call.arguments.length < 2) return;
      const [name, value] = call.arguments;
      const header = staticString(name, sourceCode);
      if (header && isCacheHeaderName(header)) checkHeaderValue(header, value, call);
    }

    // next.config headers() -------------------------------------------------------------------------------------------

    function checkNextConfig(): void {
      const prefixes = options.privatePathPrefixes ?? DEFAULT_PRIVATE_PATH_PREFIXES;
      for (const rule of nextConfigHeaderRules(sourceCode.ast, sourceCode)) {
        if (rule.onlySignedOut) continue;
        const covered = rule.onlySignedIn ? 'requests that carry a session' : privateSource(rule.source, prefixes);
        if (!covered) continue;
        for (const entry of rule.cacheHeaders) {
          const directive = sharedCacheDirective(entry.value, entry.key);
          if (!directive) continue;
          context.report({
            node: entry.valueNode,
            messageId: 'sharedCacheControlConfig',
            data: {
              header: entry.key,
              value: displayValue(entry.value),
              source: rule.source,
              directive,
              covers:
                covered === 'every page'
                  ? 'every page and API route, signed-in ones included'
                  : covered === 'requests that carry a session'
                    ? covered
                    : `\`${covered}\`, which answers signed-in users`,
            },
          });
        }
      }
    }

    return {
      Program() {
        if (kind === 'next-config') {
          checkNextConfig();
          return;
        }
        checkSegmentConfig();
        checkModuleDirective();
      },
      FunctionDeclaration: checkFunction,
      FunctionExpression: checkFunction,
      ArrowFunctionExpression: checkFunction,
      NewExpression: checkResponse,
      CallExpression(node) {
        if (isUnstableCache(node, sourceCode)) checkUnstableCache(node);
        else if (isGlobalFetch(node, sourceCode)) checkFetch(node);
        else {
          checkResponse(node);
          checkHeaderCall(node);
        }
      },
    };
  },
});

function nameNode(fn: FunctionNode): Node | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) return fn.id;
  const parent = fn.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator) return parent.id;
  return null;
}

/** `'private, no-store'` in the quotes the original used. */
function quoteLike(original: string, text: string): string {
  const quote = original[0] === '`' || original[0] === '"' ? original[0] : "'";
  return `${quote}${text}${quote}`;
}
