/**
 * Next.js caching, read for one question: can a cache shared by every visitor (the full-route cache, the Data Cache,
 * a CDN) end up holding one user's data? This module recognises the cache instructions — route segment config
 * (`revalidate`, `dynamic`, `fetchCache`, `generateStaticParams`), `unstable_cache`, `'use cache'`, `fetch` cache
 * options and `Cache-Control` values — and decides whether the code they cover is private.
 *
 * Private means "depends on who is asking": the code (or a function it calls, in the same file or, two imports deep,
 * in the project's own modules) reads the session (the session functions of `session.ts` plus settings), the
 * request's cookies (`cookies()`, `req.cookies`), its identity headers (`Authorization`, API keys, `x-user-id`…,
 * through `headers()` or `req.headers`), or runs inside an authenticating wrapper (`withAuth(…)`). Cookies and headers
 * that name no one (`theme`, `NEXT_LOCALE`, `host`, `user-agent`, `stripe-signature`) do not make code private.
 *
 * Queries on tenant-owned models count where the cache key is the question (`unstable_cache`): a value that filters
 * a tenant-owned query, or that comes from the session, must be part of the key. They do not, on their own, make a
 * page private: a page that loads tenant rows by an id in its URL is cached per URL, and whether it should be public
 * at all is `require-tenant-scope`'s question, not a caching one.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, findVariable, importedName, isFunction, memberName, propertyKeyName, resolveValue, unwrap, walk, type FunctionNode, type Node } from './ast.js';
import { DISCOVERY_RECHECK_MS } from './file-cache.js';
import { parseModule, resolveImport } from './modules.js';
import { looksLikePrismaCall, matchPrismaQuery } from './prisma-client.js';
import { valueOrigin } from './request-input.js';
import { isSessionCall, isUserLevelField } from './session.js';
import { toSnakeCase, type TenantGuardSettings } from './settings.js';
import { isTenantOwned, type TenantModel } from './tenant-model.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

// Cache-Control ------------------------------------------------------------------------------------------------------

/** Headers that instruct caches; the CDN-specific ones speak only to shared caches. */
const CACHE_HEADERS = /^(cache-control|cdn-cache-control|vercel-cdn-cache-control|cloudflare-cdn-cache-control|surrogate-control)$/i;
/** Stands for a `${…}` part of a template: a number or text we cannot see. */
export const UNKNOWN_PART = '\u0000';

export function isCacheHeaderName(name: string): boolean {
  return CACHE_HEADERS.test(name);
}

function directives(value: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const part of value.split(',')) {
    const [rawName, ...rest] = part.trim().split('=');
    const name = rawName.trim().toLowerCase();
    if (name) out.set(name, rest.length > 0 ? rest.join('=').trim().replace(/^"|"$/g, '') : null);
  }
  return out;
}

/** `0` is zero; `${ttl}` or garbage is "some age" (not zero). */
function isZero(age: string | null | undefined): boolean {
  return age !== null && age !== undefined && /^0+$/.test(age);
}

/**
 * The directive that lets a shared cache (CDN, proxy) store this response and hand it to other users — `public`,
 * `s-maxage=60`, `immutable` — or null when the value keeps it out of shared caches (`private`, `no-store`,
 * `no-cache`, or nothing that allows sharing). `header` is the header's name: `CDN-Cache-Control` and friends speak
 * only to shared caches, so any lifetime there is shared.
 */
export function sharedCacheDirective(value: string, header = 'cache-control'): string | null {
  const d = directives(value);
  if (d.has('private') || d.has('no-store')) return null;
  if (!/^cache-control$/i.test(header)) {
    for (const name of ['s-maxage', 'max-age']) {
      if (d.has(name) && !isZero(d.get(name))) return `${name}=${d.get(name) === UNKNOWN_PART ? '…' : d.get(name)}`;
    }
    return d.has('public') ? 'public' : null;
  }
  if (d.has('no-cache')) return null; // every reuse is revalidated with the server first
  if (d.has('s-maxage') && !isZero(d.get('s-maxage'))) return `s-maxage=${d.get('s-maxage') === UNKNOWN_PART ? '…' : d.get('s-maxage')}`;
  if (d.has('immutable')) return 'immutable';
  if (d.has('public')) {
    if (isZero(d.get('max-age')) && !d.has('stale-while-revalidate') && !d.has('stale-if-error')) return null;
    return 'public';
  }
  return null;
}

/** The text a string-valued expression certainly has: literals, templates (`${…}` as UNKNOWN_PART), `+`, consts. */
export function staticString(node: Node, sourceCode: SourceCode | null, depth = 0): string | null {
  if (depth > 4) return null;
  const value = sourceCode ? resolveValue(sourceCode, node) : unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) return typeof value.value === 'string' || typeof value.value === 'number' ? String(value.value) : null;
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    let text = '';
    value.quasis.forEach((quasi, i) => {
      text += quasi.value.cooked ?? quasi.value.raw;
      const expression = value.expressions[i];
      if (expression) text += staticString(expression, sourceCode, depth + 1) ?? UNKNOWN_PART;
    });
    return text;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    const left = staticString(value.left, sourceCode, depth + 1);
    const right = staticString(value.right, sourceCode, depth + 1);
    if (left === null && right === null) return null;
    return (left ?? UNKNOWN_PART) + (right ?? UNKNOWN_PART);
  }
  return null;
}

/** `'public, s-maxage=60'` as the message shows it (templates keep a `…` where their parts go). */
export function displayValue(text: string): string {
  return text.split(UNKNOWN_PART).join('…');
}

// Route files and segment config -------------------------------------------------------------------------------------

export type RouteKind = 'page' | 'layout' | 'route' | 'api' | 'pages' | 'middleware' | 'next-config' | null;

/** What Next.js makes of this file: an App Router page/layout/handler, a pages-router page or API route, … */
export function routeKindOf(filename: string): RouteKind {
  const path = filename.split('\\').join('/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/^next\.config\.[cm]?[jt]s$/.test(base)) return 'next-config';
  if (/^(middleware|proxy)\.[cm]?[jt]s$/.test(base)) return 'middleware';
  if (/\/pages\/api\//.test(path)) return 'api';
  if (/^(page|default)\.[cm]?[jt]sx?$/.test(base) && /\/app\//.test(path)) return 'page';
  if (/^(layout|template)\.[cm]?[jt]sx?$/.test(base) && /\/app\//.test(path)) return 'layout';
  if (/^route\.[cm]?[jt]sx?$/.test(base) && /\/app\//.test(path)) return 'route';
  if (/\/pages\//.test(path) && !/\/pages\/_(app|document)\./.test(path)) return 'pages';
  return null;
}

/** Does the App Router path of this file have a dynamic segment (`[id]`, `[...slug]`)? */
export function hasDynamicSegment(filename: string): boolean {
  const path = filename.split('\\').join('/');
  const app = path.lastIndexOf('/app/');
  return /\/\[[^/]+\](?=\/)/.test(app >= 0 ? path.slice(app) : path);
}

export interface SegmentExport {
  name: string;
  declarator: TSESTree.VariableDeclarator;
  statement: TSESTree.ExportNamedDeclaration;
  /** The value when it is a literal (numbers folded: `60 * 60`), else undefined. */
  value: string | number | boolean | undefined;
}

function constantValue(node: Node): string | number | boolean | undefined {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Literal) {
    return typeof value.value === 'string' || typeof value.value === 'number' || typeof value.value === 'boolean' ? value.value : undefined;
  }
  if (value.type === AST_NODE_TYPES.UnaryExpression && value.operator === '-') {
    const inner = constantValue(value.argument);
    return typeof inner === 'number' ? -inner : undefined;
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.left.type !== AST_NODE_TYPES.PrivateIdentifier) {
    const left = constantValue(value.left);
    const right = constantValue(value.right);
    if (typeof left !== 'number' || typeof right !== 'number') return undefined;
    switch (value.operator) {
      case '*':
        return left * right;
      case '+':
        return left + right;
      case '-':
        return left - right;
      case '/':
        return right === 0 ? undefined : left / right;
      default:
        return undefined;
    }
  }
  if (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0) return value.quasis[0].value.cooked ?? undefined;
  return undefined;
}

/** `export const revalidate = 3600`, `export const dynamic = 'force-static'`, … — the module's segment config. */
export function segmentExports(program: TSESTree.Program): Map<string, SegmentExport> {
  const out = new Map<string, SegmentExport>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
    for (const declarator of statement.declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const name = declarator.id.name;
      if (!/^(revalidate|dynamic|fetchCache|dynamicParams)$/.test(name)) continue;
      out.set(name, { name, declarator, statement, value: constantValue(declarator.init) });
    }
  }
  return out;
}

/** `export async function generateStaticParams()` / `export const generateStaticParams = …`: the node to report. */
export function generateStaticParamsExport(program: TSESTree.Program): Node | null {
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === 'generateStaticParams') return declaration.id;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of declaration.declarations) {
        if (d.id.type === AST_NODE_TYPES.Identifier && d.id.name === 'generateStaticParams') return d.id;
      }
    }
  }
  return null;
}

// Cache constructs ---------------------------------------------------------------------------------------------------

/** The `'use cache'` directive of a function body or module (`'use cache'`, `'use cache: remote'`, …), or null. */
export function cacheDirective(body: readonly Node[]): TSESTree.ExpressionStatement | null {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') return null;
    if (/^use cache(\s*:|$)/.test(statement.directive)) return statement;
  }
  return null;
}

/** `'use cache: private'` is per user (its entries never leave the user's request): not a shared cache. */
export function isSharedCacheDirective(statement: TSESTree.ExpressionStatement): boolean {
  return !/^use cache\s*:\s*private$/.test(statement.directive ?? '');
}

function importedFrom(id: TSESTree.Identifier, sourceCode: SourceCode): { source: string; imported: string } | null {
  const def = findVariable(sourceCode, id)?.defs[0];
  if (def?.type !== 'ImportBinding') return null;
  const declaration = def.parent as TSESTree.ImportDeclaration;
  const node = def.node;
  return { source: declaration.source.value, imported: importedName(node) };
}

/** `unstable_cache(…)` from `next/cache`, under any local name (`import { unstable_cache as cache }`). */
export function isUnstableCache(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const from = importedFrom(callee, sourceCode);
    if (from) return from.source === 'next/cache' && from.imported === 'unstable_cache';
    return callee.name === 'unstable_cache' && !findVariable(sourceCode, callee);
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier && memberName(callee) === 'unstable_cache') {
    const from = importedFrom(callee.object, sourceCode);
    return from !== null && from.source === 'next/cache';
  }
  return false;
}

/** The global `fetch` (not a local or imported function of that name). */
export function isGlobalFetch(call: TSESTree.CallExpression, sourceCode: SourceCode): boolean {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'fetch' && !findVariable(sourceCode, callee)?.defs.length;
}

export function objectProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  return object.properties.find((p): p is TSESTree.Property => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === name);
}

/**
 * The fetch-cache option that stores the response in the shared Data Cache: `cache: 'force-cache'`, or
 * `next: { revalidate: N > 0 | false }` (without `cache: 'no-store'`). The node to report, and how the message names it.
 */
export function fetchCacheOption(init: TSESTree.ObjectExpression): { node: Node; text: string } | null {
  const cache = objectProperty(init, 'cache');
  const cacheValue = cache ? constantValue(cache.value) : undefined;
  if (cacheValue === 'force-cache' || cacheValue === 'only-if-cached') return { node: cache!, text: `cache: '${cacheValue}'` };
  if (cacheValue === 'no-store' || cacheValue === 'no-cache' || cacheValue === 'reload') return null;
  const next = objectProperty(init, 'next');
  const nextValue = next ? unwrap(next.value) : null;
  if (nextValue?.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const revalidate = objectProperty(nextValue, 'revalidate');
  if (!revalidate) return null;
  const value = constantValue(revalidate.value);
  if (value === false || (typeof value === 'number' && value > 0)) return { node: revalidate, text: `next: { revalidate: ${String(value)} }` };
  return null;
}

// Who is asking: identity reads ----------------------------------------------------------------------------------------

/**
 * What makes code private, for the message: `reads the session via \`auth()\``. `via` names the functions the read was
 * found through (`getBillingData()`, `getTeam() from @/lib/team`).
 */
export interface PrivacyReason {
  kind: 'session' | 'cookies' | 'headers' | 'authorization' | 'request-cookies' | 'wrapper';
  /** `auth()`, `session-token`, `x-team-id`, `withAuth` */
  detail: string | null;
  via: string[];
}

export function describeReason(reason: PrivacyReason): string {
  const d = reason.detail;
  let text: string;
  switch (reason.kind) {
    case 'session':
      text = `reads the session via \`${d}\``;
      break;
    case 'cookies':
      text = d ? `reads the \`${d}\` cookie via \`cookies()\`` : 'reads the request cookies via `cookies()`';
      break;
    case 'request-cookies':
      text = d ? `reads the \`${d}\` cookie of the request` : 'reads the request cookies';
      break;
    case 'headers':
      text = d ? `reads the \`${d}\` request header via \`headers()\`` : 'reads the request headers via `headers()`';
      break;
    case 'authorization':
      text = d ? `reads the \`${d}\` request header` : 'reads the request headers';
      break;
    case 'wrapper':
      text = `runs inside \`${d}(…)\``;
      break;
  }
  return reason.via.length > 0 ? `${text} (in ${reason.via.join(' → ')})` : text;
}

/** Session functions that are only sometimes in the shared list: ways apps and auth libraries read who is asking. */
const EXTRA_IDENTITY_CALLS = new Set(['getToken', 'getSession', 'getIronSession', 'getKindeServerSession', 'getUserSession', 'getLoggedInUser', 'getAuthUser']);
/** Request headers that identify the caller (credentials, or identity set by a proxy or middleware). */
const IDENTITY_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-session\b.*|x-(user|tenant|team|org|organization|workspace|account|customer|member)\b.*)$/i;
/** Cookies that hold preferences, consent or analytics — nothing that says who is asking. */
const NEUTRAL_COOKIE =
  /^(theme|color-?scheme|mode|dark-?mode|locale|lang|language|next_locale|i18n.*|currency|timezone|tz|country|region|.*sidebar.*|.*consent.*|cookie-?banner.*|ui[-_].*|.*[-_]theme|layout|density|_ga.*|_gid|ph_.*|utm_.*|referrer|ref)$/i;

/** Modules whose exports are analysed when imported (not packages). Two hops: page → helper → helper. */
const MAX_MODULE_DEPTH = 2;

export interface ImportRef {
  source: string;
  imported: string;
}

/** A module read by names (no scope analysis needed): what it imports, its top-level functions, its exports. */
export interface ModuleView {
  file: string;
  program: TSESTree.Program;
  imports: Map<string, ImportRef>;
  functions: Map<string, FunctionNode>;
  /** `const getX = withAuth(async () => …)`: the wrapper's name, by binding. */
  wrappers: Map<string, string>;
  /** `export const GET = withAuth(handler)`, `export default withAuth(handler)`: binding → wrapped function's name. */
  aliases: Map<string, { target: string; wrapper: string | null }>;
  /** Exported name → local name; `default` for the default export. */
  exports: Map<string, string>;
  /** `export { x } from './y'`, `export * from './y'`. */
  reexports: Array<{ source: string; imported: string | '*'; exported: string | '*' }>;
  defaultFunction: FunctionNode | null;
  isClient: boolean;
}

/** The function a binding's initialiser stands for: the function itself, or the one a wrapper (`cache(fn)`) is given. */
function functionOfInit(init: Node): { fn: FunctionNode; wrapper: string | null } | null {
  const value = unwrap(init);
  if (isFunction(value)) return { fn: value, wrapper: null };
  if (value.type === AST_NODE_TYPES.CallExpression) {
    const fn = value.arguments.map((a) => unwrap(a)).find((a): a is FunctionNode => isFunction(a));
    if (fn) return { fn, wrapper: calleeName(value) };
    // `withAuth({ handler: async () => … })`
    const object = value.arguments.map((a) => unwrap(a)).find((a): a is TSESTree.ObjectExpression => a.type === AST_NODE_TYPES.ObjectExpression);
    const handler = object?.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? unwrap(p.value) : null)).find((v): v is FunctionNode => v !== null && isFunction(v));
    if (handler) return { fn: handler, wrapper: calleeName(value) };
  }
  return null;
}

/** `withAuth(handler)`, `withAuth(withLogging(handler))`: the function name a wrapper call is given. */
function aliasOfInit(init: Node): { target: string; wrapper: string | null } | null {
  const value = unwrap(init);
  if (value.type === AST_NODE_TYPES.Identifier) return { target: value.name, wrapper: null };
  if (value.type !== AST_NODE_TYPES.CallExpression) return null;
  for (const arg of value.arguments) {
    const inner = unwrap(arg);
    if (inner.type === AST_NODE_TYPES.Identifier) return { target: inner.name, wrapper: calleeName(value) };
    if (inner.type === AST_NODE_TYPES.CallExpression) {
      const nested = aliasOfInit(inner);
      if (nested) return { target: nested.target, wrapper: calleeName(value) };
    }
  }
  return null;
}

/** The function a module binding stands for (through `withAuth(handler)` aliases), and the wrapper around it. */
export function bindingFunction(view: ModuleView, name: string, depth = 0): { fn: FunctionNode; wrapper: string | null } | null {
  const fn = view.functions.get(name);
  if (fn) return { fn, wrapper: view.wrappers.get(name) ?? null };
  const alias = view.aliases.get(name);
  if (!alias || depth > 3 || alias.target === name) return null;
  const inner = bindingFunction(view, alias.target, depth + 1);
  return inner ? { fn: inner.fn, wrapper: alias.wrapper ?? inner.wrapper } : null;
}

const views = new WeakMap<TSESTree.Program, ModuleView>();
/**
 * Parents of the nodes of modules read with `parseModule` (which sets none). Kept aside rather than written into the
 * shared, cached trees, so other readers of those trees see them exactly as parsed.
 */
const foreignParents = new WeakMap<Node, Node>();

function parentOf(node: Node): Node | undefined {
  return node.parent ?? foreignParents.get(node);
}

function recordParents(node: Node): void {
  for (const key of Object.keys(node) as Array<keyof typeof node>) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const value = node[key] as unknown;
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (!isNode(child)) continue;
      foreignParents.set(child, node);
      recordParents(child);
    }
  }
}

function moduleView(program: TSESTree.Program, file: string): ModuleView {
  const known = views.get(program);
  if (known) return known;
  if (program.body.length > 0 && !program.body[0].parent) recordParents(program);
  const view: ModuleView = {
    file,
    program,
    imports: new Map(),
    functions: new Map(),
    wrappers: new Map(),
    aliases: new Map(),
    exports: new Map(),
    reexports: [],
    defaultFunction: null,
    isClient: program.body.some((s) => s.type === AST_NODE_TYPES.ExpressionStatement && s.directive === 'use client'),
  };
  const declare = (statement: Node): void => {
    if (statement.type === AST_NODE_TYPES.FunctionDeclaration && statement.id) view.functions.set(statement.id.name, statement);
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const d of statement.declarations) {
        if (d.id.type !== AST_NODE_TYPES.Identifier || !d.init) continue;
        const found = functionOfInit(d.init);
        const alias = found ? null : aliasOfInit(d.init);
        if (alias) view.aliases.set(d.id.name, alias);
        if (!found) continue;
        view.functions.set(d.id.name, found.fn);
        if (found.wrapper) view.wrappers.set(d.id.name, found.wrapper);
      }
    }
  };
  for (const statement of program.body) {
    switch (statement.type) {
      case AST_NODE_TYPES.ImportDeclaration:
        if (statement.importKind === 'type') break;
        for (const spec of statement.specifiers) {
          view.imports.set(spec.local.name, { source: statement.source.value, imported: importedName(spec) });
        }
        break;
      case AST_NODE_TYPES.ExportNamedDeclaration:
        if (statement.declaration) {
          declare(statement.declaration);
          const d = statement.declaration;
          if (d.type === AST_NODE_TYPES.FunctionDeclaration && d.id) view.exports.set(d.id.name, d.id.name);
          if (d.type === AST_NODE_TYPES.VariableDeclaration) {
            for (const v of d.declarations) if (v.id.type === AST_NODE_TYPES.Identifier) view.exports.set(v.id.name, v.id.name);
          }
        }
        for (const spec of statement.specifiers) {
          const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
          const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
          if (statement.source) view.reexports.push({ source: statement.source.value, imported: local, exported });
          else view.exports.set(exported, local);
        }
        break;
      case AST_NODE_TYPES.ExportAllDeclaration:
        if (!statement.exported) view.reexports.push({ source: statement.source.value, imported: '*', exported: '*' });
        break;
      case AST_NODE_TYPES.ExportDefaultDeclaration: {
        const d = statement.declaration;
        if (d.type === AST_NODE_TYPES.FunctionDeclaration || d.type === AST_NODE_TYPES.ArrowFunctionExpression || d.type === AST_NODE_TYPES.FunctionExpression) {
          view.defaultFunction = d as FunctionNode;
          if (d.type === AST_NODE_TYPES.FunctionDeclaration && d.id) view.functions.set(d.id.name, d);
        } else if (d.type === AST_NODE_TYPES.Identifier) {
          view.exports.set('default', d.name);
        } else {
          const found = functionOfInit(d);
          if (found) {
            view.defaultFunction = found.fn;
            if (found.wrapper) view.wrappers.set('default', found.wrapper);
          }
          const alias = found ? null : aliasOfInit(d);
          if (alias) view.aliases.set('default', alias);
        }
        break;
      }
      default:
        declare(statement);
    }
  }
  views.set(program, view);
  return view;
}

/** Calls that read a session by an id are lookups (`getUser(userId)`), not the signed-in user. */
function looksLikeLookup(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const value = unwrap(first);
  if (value.type === AST_NODE_TYPES.Literal) return true;
  const name = value.type === AST_NODE_TYPES.Identifier ? value.name : value.type === AST_NODE_TYPES.MemberExpression ? memberName(value) : null;
  return name !== null && /(^id|Id|_id|ID|email|Email)$/.test(name);
}

function isIdentityCall(call: TSESTree.CallExpression, settings: TenantGuardSettings): boolean {
  const name = calleeName(call);
  if (!name) return false;
  if (!isSessionCall(call, settings.sessionFunctions) && !EXTRA_IDENTITY_CALLS.has(name)) return false;
  return !looksLikeLookup(call);
}

/** `supabase.auth.getUser` as written (names only). */
function calleeText(call: TSESTree.CallExpression): string {
  const parts: string[] = [];
  let current: Node = unwrap(call.callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    parts.unshift(memberName(current) ?? '…');
    current = unwrap(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) parts.unshift(current.name);
  else if (current.type === AST_NODE_TYPES.ThisExpression) parts.unshift('this');
  return `${parts.join('.')}()`;
}

/** Names of authenticating wrappers: `withAuth`, `withSession`, `withTeam`, `authenticated`, `protectedRoute`. */
const AUTH_WRAPPER = /^with\w*(auth|session|user|account|team|org|workspace|tenant|member|apikey|token)|auth(enticat|oriz)|^protect|^requireAuth/i;

export function isAuthWrapperName(name: string, extra: readonly string[]): boolean {
  return extra.includes(name) || AUTH_WRAPPER.test(name);
}

/** The outermost expression a call's value flows through before it is used: `await`, `as`, parentheses. */
function usedValue(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = parentOf(current);
    if (!parent) return current;
    if (
      parent.type === AST_NODE_TYPES.AwaitExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      parent.type === AST_NODE_TYPES.ChainExpression
    ) {
      current = parent;
      continue;
    }
    return current;
  }
}

/** Words in the names of helpers that take the whole headers object for something other than identity. */
const NEUTRAL_CONSUMER_WORDS = new Set(['ip', 'ips', 'locale', 'language', 'lang', 'country', 'geo', 'region', 'agent', 'device', 'host', 'origin', 'url', 'pathname', 'log', 'logger', 'trace', 'tracing', 'track', 'analytics', 'telemetry', 'nonce', 'csp', 'rate', 'limit', 'ratelimit']);

/** `getClientIp(headers)`, `rateLimit(headers)`: the headers go to a helper whose name says it is not about who asks. */
function isNeutralConsumer(call: Node | undefined, arg: Node): boolean {
  if (call?.type !== AST_NODE_TYPES.CallExpression || !(call.arguments as Node[]).includes(arg)) return false;
  const name = calleeName(call);
  if (!name) return false;
  return name.split(/(?=[A-Z])|[_-]/).some((word) => NEUTRAL_CONSUMER_WORDS.has(word.toLowerCase()));
}

const READ_METHODS = new Set(['get', 'has', 'getAll', 'entries', 'keys', 'values', 'forEach', 'toString']);

/**
 * How a headers/cookies object is used from `node` on: the names read with `.get('name')`, or `null` when it is read
 * wholesale (passed on, iterated, a computed name) — which counts as reading everything.
 */
function namesRead(node: Node, enclosing: Node | null): { names: string[]; whole: boolean } {
  const value = usedValue(node);
  const parent = parentOf(value);
  const out = { names: [] as string[], whole: false };
  const method = (member: TSESTree.MemberExpression): void => {
    const name = memberName(member);
    const call = parentOf(member);
    if (!name || call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) {
      // `req.headers.authorization` / `req.cookies.token`
      if (name && !member.computed) out.names.push(name);
      else if (member.computed && member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') out.names.push(member.property.value);
      else out.whole = true;
      return;
    }
    if (!READ_METHODS.has(name)) return; // set / delete / append: writes, not reads
    const arg = call.arguments[0] ? unwrap(call.arguments[0]) : null;
    if ((name === 'get' || name === 'has' || name === 'getAll') && arg?.type === AST_NODE_TYPES.Literal && typeof arg.value === 'string') out.names.push(arg.value);
    else out.whole = true;
  };
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === value) {
    method(parent);
    return out;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    // `const { authorization, host } = req.headers`
    for (const prop of parent.id.properties) {
      const key = prop.type === AST_NODE_TYPES.Property ? propertyKeyName(prop) : null;
      if (key) out.names.push(key);
      else out.whole = true;
    }
    return out;
  }
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === value && parent.id.type === AST_NODE_TYPES.Identifier && enclosing) {
    const binding = parent.id.name;
    walk(enclosing, (n) => {
      if (n.type !== AST_NODE_TYPES.Identifier || n.name !== binding || n === parent.id) return;
      const p = parentOf(n);
      if (p?.type === AST_NODE_TYPES.MemberExpression && p.object === n) method(p);
      else if (p?.type === AST_NODE_TYPES.Property && p.key === n && !p.shorthand) return;
      else if (p?.type === AST_NODE_TYPES.MemberExpression && p.property === n && !p.computed) return;
      else if (isNeutralConsumer(p, n)) return;
      else out.whole = true;
    });
    return out;
  }
  if (parent?.type === AST_NODE_TYPES.ExpressionStatement) return out; // called for its effect
  if (isNeutralConsumer(parent, value)) return out;
  out.whole = true;
  return out;
}

function enclosingFunction(node: Node): Node | null {
  for (let n = parentOf(node); n; n = parentOf(n)) if (isFunction(n)) return n;
  return null;
}

/** `req.headers` / `request.cookies` / `ctx.req.headers`: the request's headers or cookies, by the names it goes by. */
function requestPart(node: TSESTree.MemberExpression): 'headers' | 'cookies' | null {
  const name = memberName(node);
  if (name !== 'headers' && name !== 'cookies') return null;
  const object = unwrap(node.object);
  if (object.type === AST_NODE_TYPES.Identifier && /^(req|request)$/.test(object.name)) return name;
  if (object.type === AST_NODE_TYPES.MemberExpression && /^(req|request)$/.test(memberName(object) ?? '')) return name;
  return null;
}

function identityHeader(names: string[], whole: boolean): { identity: boolean; name: string | null } {
  const named = names.find((n) => IDENTITY_HEADER.test(n));
  if (named) return { identity: true, name: /^authorization$/i.test(named) ? 'Authorization' : named };
  return { identity: whole, name: null };
}

function identityCookie(names: string[], whole: boolean): { identity: boolean; name: string | null } {
  const named = names.find((n) => !NEUTRAL_COOKIE.test(n));
  if (named) return { identity: true, name: named };
  return { identity: whole, name: null };
}

export interface PrivacyOptions {
  settings: TenantGuardSettings;
  /** Your own authenticating wrappers, besides the `withAuth`-like names. */
  authWrappers: readonly string[];
}

/** Memo of exported functions' reasons, per settings and module version (parsed programs are replaced on change). */
const exportMemo = new WeakMap<object, WeakMap<TSESTree.Program, Map<string, { at: number; reason: PrivacyReason | null }>>>();

/**
 * Answers "does this function depend on who is asking?" for one linted file, following calls into the same file's
 * functions and components and, two modules deep, into the project's own imports. Results are memoised.
 */
export class Privacy {
  private readonly memo = new WeakMap<Node, PrivacyReason | null>();
  readonly view: ModuleView;

  constructor(
    readonly sourceCode: SourceCode,
    readonly filename: string,
    private readonly options: PrivacyOptions,
  ) {
    this.view = moduleView(sourceCode.ast, filename);
  }

  /** The first identity read in `fn` or what it calls, or null. */
  functionReason(fn: FunctionNode): PrivacyReason | null {
    return this.reasonIn(this.view, fn, 0);
  }

  /** The functions Next.js runs for a request to this route file, by the name the message shows. */
  entries(kind: RouteKind, methods: 'read' | 'all' = 'all'): Array<{ name: string; fn: FunctionNode; wrapper: string | null }> {
    const view = this.view;
    const out: Array<{ name: string; fn: FunctionNode; wrapper: string | null }> = [];
    const add = (exported: string, label: string): void => {
      if (exported === 'default' && view.defaultFunction) {
        out.push({ name: label, fn: view.defaultFunction, wrapper: view.wrappers.get('default') ?? null });
        return;
      }
      const local = exported === 'default' && view.aliases.has('default') ? 'default' : view.exports.get(exported);
      const found = local ? bindingFunction(view, local) : null;
      if (found) out.push({ name: label, fn: found.fn, wrapper: found.wrapper });
    };
    switch (kind) {
      case 'page':
      case 'layout':
        add('default', 'the default export');
        add('generateMetadata', '`generateMetadata`');
        break;
      case 'route':
        for (const method of methods === 'read' ? ['GET', 'HEAD'] : ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) add(method, `\`${method}\``);
        break;
      case 'api':
      case 'pages':
        add('default', 'the default export');
        add('getServerSideProps', '`getServerSideProps`');
        break;
      default:
        break;
    }
    return out;
  }

  /** Why the function `fn` (an entry, or a wrapped handler) is private, counting its wrapper. */
  entryReason(entry: { fn: FunctionNode; wrapper: string | null }): PrivacyReason | null {
    if (entry.wrapper && isAuthWrapperName(entry.wrapper, this.options.authWrappers)) return { kind: 'wrapper', detail: entry.wrapper, via: [] };
    return this.functionReason(entry.fn);
  }

  /**
   * Why the code at `node` runs for a known user: its outermost function reads who is asking, is wrapped by an
   * authenticating wrapper, or is called by a same-file function that does. Null when none of these holds.
   */
  contextReason(node: Node): { reason: PrivacyReason; where: string | null } | null {
    let outer: FunctionNode | null = null;
    for (let n: Node | undefined = node; n; n = n.parent) if (isFunction(n)) outer = n;
    if (!outer) return null;
    const wrapper = wrapperOf(outer);
    if (wrapper && isAuthWrapperName(wrapper, this.options.authWrappers)) return { reason: { kind: 'wrapper', detail: wrapper, via: [] }, where: null };
    const own = this.functionReason(outer);
    if (own) return { reason: own, where: null };
    // A helper that builds the response for private callers: `function cached(data) { return NextResponse.json(…) }`.
    const name = bindingName(outer);
    if (!name) return null;
    // `export default withAuth(handler)`
    for (const [binding, alias] of this.view.aliases) {
      if (alias.wrapper && isAuthWrapperName(alias.wrapper, this.options.authWrappers) && bindingFunction(this.view, binding)?.fn === outer) {
        return { reason: { kind: 'wrapper', detail: alias.wrapper, via: [] }, where: null };
      }
    }
    for (const [caller, fn] of this.view.functions) {
      if (fn === outer || !callsName(fn, name)) continue;
      const wrapperName = this.view.wrappers.get(caller);
      if (wrapperName && isAuthWrapperName(wrapperName, this.options.authWrappers)) return { reason: { kind: 'wrapper', detail: wrapperName, via: [] }, where: caller };
      const reason = this.functionReason(fn);
      if (reason) return { reason, where: caller };
    }
    return null;
  }

  private reasonIn(view: ModuleView, fn: FunctionNode, depth: number): PrivacyReason | null {
    if (view.isClient) return null; // runs in the browser, where no server cache is
    if (this.memo.has(fn)) return this.memo.get(fn)!;
    this.memo.set(fn, null); // cycles end here
    let found: PrivacyReason | null = null;
    visit(fn.body, (n) => {
      // An inline server action runs when the form is posted, not when this function runs.
      if (isFunction(n) && n.body.type === AST_NODE_TYPES.BlockStatement && hasDirective(n.body.body, 'use server')) return 'skip';
      found = this.nodeReason(view, n, fn, depth);
      return found !== null ? 'stop' : undefined;
    });
    this.memo.set(fn, found);
    return found;
  }

  /** Why calling the function this expression names (`getInvoices`, an import) is private: for `unstable_cache(getInvoices)`. */
  referenceReason(node: Node): PrivacyReason | null {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) return this.named(this.view, value.name, 0, `\`${value.name}()\``);
    return null;
  }

  private nodeReason(view: ModuleView, n: Node, fn: FunctionNode, depth: number): PrivacyReason | null {
    if (n.type === AST_NODE_TYPES.CallExpression) return this.callReason(view, n, fn, depth);
    if (n.type === AST_NODE_TYPES.MemberExpression) {
      const part = requestPart(n);
      if (!part) return null;
      // `.get(…)` calls are read through namesRead too; this covers `req.headers.authorization` and whole uses.
      const read = namesRead(n, enclosingFunction(n));
      const verdict = part === 'headers' ? identityHeader(read.names, read.whole) : identityCookie(read.names, read.whole);
      if (!verdict.identity) return null;
      return { kind: part === 'headers' ? 'authorization' : 'request-cookies', detail: verdict.name, via: [] };
    }
    if (n.type === AST_NODE_TYPES.JSXOpeningElement && n.name.type === AST_NODE_TYPES.JSXIdentifier && /^[A-Z]/.test(n.name.name)) {
      return this.named(view, n.name.name, depth, `\`<${n.name.name}>\``);
    }
    return null;
  }

  private callReason(view: ModuleView, call: TSESTree.CallExpression, fn: FunctionNode, depth: number): PrivacyReason | null {
    if (isIdentityCall(call, this.options.settings)) return { kind: 'session', detail: calleeText(call), via: [] };
    const callee = unwrap(call.callee);
    const nextHeaders = this.nextHeadersFunction(view, callee);
    if (nextHeaders) {
      const read = namesRead(call, enclosingFunction(call) ?? fn);
      const verdict = nextHeaders === 'headers' ? identityHeader(read.names, read.whole) : identityCookie(read.names, read.whole);
      return verdict.identity ? { kind: nextHeaders, detail: verdict.name, via: [] } : null;
    }
    if (callee.type === AST_NODE_TYPES.Identifier) return this.named(view, callee.name, depth, `\`${callee.name}()\``);
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
      // `import * as data from './data'; data.getInvoices()`
      const ref = view.imports.get(callee.object.name);
      const method = memberName(callee);
      if (ref?.imported === '*' && method) return this.imported(view, { source: ref.source, imported: method }, depth, `\`${callee.object.name}.${method}()\``);
    }
    return null;
  }

  private nextHeadersFunction(view: ModuleView, callee: Node): 'cookies' | 'headers' | null {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const ref = view.imports.get(callee.name);
      if (ref?.source === 'next/headers' && (ref.imported === 'cookies' || ref.imported === 'headers')) return ref.imported;
      return null;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
      const ref = view.imports.get(callee.object.name);
      const name = memberName(callee);
      if (ref?.source === 'next/headers' && ref.imported === '*' && (name === 'cookies' || name === 'headers')) return name;
    }
    return null;
  }

  /** A function or component called by name: same module, or imported from the project. */
  private named(view: ModuleView, name: string, depth: number, label: string): PrivacyReason | null {
    const bound = bindingFunction(view, name);
    const local = bound?.fn;
    if (local) {
      const wrapper = bound.wrapper;
      if (wrapper && isAuthWrapperName(wrapper, this.options.authWrappers)) return { kind: 'wrapper', detail: wrapper, via: [label] };
      const reason = this.reasonIn(view, local, depth);
      return reason ? { ...reason, via: [label, ...reason.via] } : null;
    }
    const ref = view.imports.get(name);
    return ref ? this.imported(view, ref, depth, label) : null;
  }

  private imported(view: ModuleView, ref: ImportRef, depth: number, label: string): PrivacyReason | null {
    if (depth >= MAX_MODULE_DEPTH || ref.imported === '*' || ref.source.startsWith('next/') || ref.source === 'react') return null;
    const file = resolveImport(ref.source, view.file);
    if (!file) return null;
    const reason = this.exportReason(file, ref.imported, depth + 1, 0);
    return reason ? { ...reason, via: [`${label} from \`${ref.source}\``, ...reason.via.slice(1)] } : null;
  }

  private exportReason(file: string, exported: string, depth: number, hops: number): PrivacyReason | null {
    const program = parseModule(file);
    if (!program || hops > 3) return null;
    const view = moduleView(program, file);
    if (view.isClient) return null;
    let byProgram = exportMemo.get(this.options.settings);
    if (!byProgram) exportMemo.set(this.options.settings, (byProgram = new WeakMap()));
    let memo = byProgram.get(program);
    if (!memo) byProgram.set(program, (memo = new Map()));
    // A module's answer also depends on the modules it imports, which may change without it: trusted for a few seconds.
    const key = `${depth}\0${exported}\0${this.options.authWrappers.join(',')}`;
    const now = Date.now();
    const known = memo.get(key);
    if (known && now - known.at < DISCOVERY_RECHECK_MS) return known.reason;
    memo.set(key, { at: now, reason: null });
    let reason: PrivacyReason | null = null;
    const local = exported === 'default' && (view.defaultFunction || view.aliases.has('default')) ? 'default' : view.exports.get(exported);
    const bound = exported === 'default' && view.defaultFunction ? { fn: view.defaultFunction, wrapper: view.wrappers.get('default') ?? null } : local ? bindingFunction(view, local) : null;
    const fn = bound?.fn;
    if (fn) {
      const wrapper = bound.wrapper;
      reason = wrapper && isAuthWrapperName(wrapper, this.options.authWrappers) ? { kind: 'wrapper', detail: wrapper, via: [] } : this.reasonIn(view, fn, depth);
      if (reason) reason = { ...reason, via: ['', ...reason.via] };
    } else if (!view.exports.has(exported)) {
      for (const re of view.reexports) {
        if (re.exported !== exported && re.exported !== '*') continue;
        const target = resolveImport(re.source, file);
        if (!target) continue;
        reason = this.exportReason(target, re.imported === '*' ? exported : re.imported, depth, hops + 1);
        if (reason) break;
      }
    }
    memo.set(key, { at: now, reason });
    return reason;
  }
}

function hasDirective(body: readonly Node[], directive: string): boolean {
  for (const statement of body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || typeof statement.directive !== 'string') return false;
    if (statement.directive === directive) return true;
  }
  return false;
}

/** Depth-first walk where the visitor can skip a subtree or stop the walk. */
function visit(node: Node, fn: (node: Node) => 'skip' | 'stop' | undefined): boolean {
  const verdict = fn(node);
  if (verdict === 'stop') return true;
  if (verdict === 'skip') return false;
  for (const key of Object.keys(node) as Array<keyof typeof node>) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const value = node[key] as unknown;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child) && visit(child, fn)) return true;
    } else if (isNode(value) && visit(value, fn)) {
      return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** `withAuth` for the handler in `export const GET = withAuth(async (req) => …)`. */
function wrapperOf(fn: FunctionNode): string | null {
  let node: Node = fn;
  for (let parent = fn.parent; parent; node = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.CallExpression && (parent.arguments as Node[]).includes(node)) return calleeName(parent);
    if (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.ObjectExpression) continue;
    return null;
  }
  return null;
}

function bindingName(fn: FunctionNode): string | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return fn.id?.name ?? null;
  const parent = fn.parent;
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : null;
}

function callsName(fn: FunctionNode, name: string): boolean {
  return walk(fn.body, (n) => n.type === AST_NODE_TYPES.CallExpression && unwrap(n.callee).type === AST_NODE_TYPES.Identifier && (unwrap(n.callee) as TSESTree.Identifier).name === name);
}

// Values that identify the user (fetch credentials) --------------------------------------------------------------------

/**
 * Is this expression built from who is asking — the session, `cookies()`/`headers()`, the request's credentials —
 * following `const` bindings in the file? Used for the headers a `fetch` forwards.
 */
export function isIdentityValue(node: Node, privacy: Privacy, settings: TenantGuardSettings, depth = 0): boolean {
  if (depth > 4) return false;
  const sourceCode = privacy.sourceCode;
  return walk(node, (n) => {
    if (n.type === AST_NODE_TYPES.CallExpression) {
      if (isIdentityCall(n, settings)) return true;
      const callee = unwrap(n.callee);
      if (callee.type === AST_NODE_TYPES.Identifier) {
        const ref = privacy.view.imports.get(callee.name);
        if (ref?.source === 'next/headers' && (ref.imported === 'cookies' || ref.imported === 'headers')) return true;
      }
    }
    if (n.type === AST_NODE_TYPES.MemberExpression && requestPart(n)) return true;
    if (n.type === AST_NODE_TYPES.Identifier && !(n.parent?.type === AST_NODE_TYPES.MemberExpression && n.parent.property === n && !n.parent.computed)) {
      if (n.parent?.type === AST_NODE_TYPES.Property && n.parent.key === n && !n.parent.shorthand) return false;
      const variable = findVariable(sourceCode, n);
      const def = variable?.defs[0];
      if (!def) return false;
      if (def.type === 'Variable') {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        return init ? isIdentityValue(init, privacy, settings, depth + 1) : false;
      }
      if (def.type === 'Parameter') return valueOrigin(n, privacy.filename, sourceCode, settings.sessionFunctions) === 'session';
    }
    return false;
  });
}

/**
 * Is `node` only reached when nobody is signed in — inside `if (!session) { … }` (or the `else` of `if (session)`),
 * where `session` is bound to an identity read? A public response there is the signed-out page: caching it leaks
 * nothing of anyone.
 */
export function inSignedOutBranch(node: Node, privacy: Privacy, settings: TenantGuardSettings): boolean {
  const sourceCode = privacy.sourceCode;
  const isIdentityBinding = (expression: Node): boolean => {
    let value = unwrap(expression);
    if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
    while (value.type === AST_NODE_TYPES.MemberExpression) value = unwrap(value.object);
    if (value.type !== AST_NODE_TYPES.Identifier) return false;
    const def = findVariable(sourceCode, value)?.defs[0];
    if (def?.type !== 'Variable') return false;
    const init = (def.node as TSESTree.VariableDeclarator).init;
    return init !== null && isIdentityValue(init, privacy, settings);
  };
  let child: Node = node;
  for (let parent = node.parent; parent && !isFunction(child); child = parent, parent = parent.parent) {
    if (parent.type !== AST_NODE_TYPES.IfStatement && parent.type !== AST_NODE_TYPES.ConditionalExpression) continue;
    if (child === parent.test) continue;
    const test = unwrap(parent.test);
    const negated = test.type === AST_NODE_TYPES.UnaryExpression && test.operator === '!';
    const subject = negated ? (test as TSESTree.UnaryExpression).argument : test;
    if (!isIdentityBinding(subject)) continue;
    if ((negated && child === parent.consequent) || (!negated && child === parent.alternate)) return true;
  }
  return false;
}

// unstable_cache keys ------------------------------------------------------------------------------------------------

export interface CapturedTenantValue {
  variable: TSESLint.Scope.Variable;
  /** The value as the cached function reads it: `accountId`, `session.user.teamId`, `params.teamId`. */
  text: string;
  /** Why it decides whose data the function returns. */
  why: 'session' | 'tenant-field' | 'tenant-filter';
  /** The tenant-owned model it filters, when a Prisma query shows it. */
  model: string | null;
  sessionDerived: boolean;
}

function tenantFieldNames(settings: TenantGuardSettings): Set<string> {
  const out = new Set<string>();
  for (const field of settings.tenantFields) {
    out.add(field);
    out.add(toSnakeCase(field));
  }
  for (const fields of Object.values(settings.models)) if (fields) for (const f of fields) out.add(f);
  return out;
}

function isTenantFieldName(name: string, fields: Set<string>): boolean {
  return fields.has(name) || isUserLevelField(name);
}

/** The member chain a reference is read through: `session` → `session.user.teamId`. */
function chainOf(id: TSESTree.Identifier): Node {
  let current: Node = id;
  for (;;) {
    const parent: Node | undefined = current.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && !parent.computed) current = parent;
    else if (parent?.type === AST_NODE_TYPES.ChainExpression) current = parent;
    else if (parent?.type === AST_NODE_TYPES.TSNonNullExpression) current = parent;
    else return current;
  }
}

function lastName(node: Node): string | null {
  let value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ChainExpression) value = value.expression;
  if (value.type === AST_NODE_TYPES.Identifier) return value.name;
  if (value.type === AST_NODE_TYPES.MemberExpression) return memberName(value);
  return null;
}

/** Is `node` in the place of a tenant filter value: `{ accountId: node }`, `eq(t.teamId, node)`, `.eq('team_id', node)`? */
function inTenantPosition(node: Node, fields: Set<string>): boolean {
  let current = node;
  while (current.parent && (current.parent.type === AST_NODE_TYPES.TSAsExpression || current.parent.type === AST_NODE_TYPES.TSNonNullExpression || current.parent.type === AST_NODE_TYPES.AwaitExpression)) {
    current = current.parent;
  }
  const parent = current.parent;
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === current) {
    const key = propertyKeyName(parent);
    return key !== null && isTenantFieldName(key, fields);
  }
  if (parent?.type === AST_NODE_TYPES.CallExpression && (parent.arguments as Node[]).includes(current)) {
    return parent.arguments.some((arg) => {
      if (arg === current) return false;
      const value = unwrap(arg);
      if (value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string') return isTenantFieldName(value.value.split('.').pop()!, fields);
      if (value.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(value);
        return name !== null && isTenantFieldName(name, fields);
      }
      return false;
    });
  }
  if (parent?.type === AST_NODE_TYPES.BinaryExpression && (parent.operator === '===' || parent.operator === '==')) {
    const other = parent.left === current ? parent.right : parent.left;
    const name = lastName(other);
    return name !== null && isTenantFieldName(name, fields);
  }
  return false;
}

/** The variable's scope is inside a function (a value computed per call), not the module. */
function isFunctionLocal(variable: TSESLint.Scope.Variable): boolean {
  for (let scope: TSESLint.Scope.Scope | null = variable.scope; scope; scope = scope.upper) {
    if (scope.type === 'function') return true;
    if (scope.type === 'module' || scope.type === 'global') return false;
  }
  return false;
}

function declaredFromIdentity(variable: TSESLint.Scope.Variable, privacy: Privacy, settings: TenantGuardSettings): boolean {
  const def = variable.defs[0];
  if (def?.type !== 'Variable') return false;
  const init = (def.node as TSESTree.VariableDeclarator).init;
  return init ? isIdentityValue(init, privacy, settings) : false;
}

export interface TenantQueryLookup {
  prisma: () => TenantModel;
  prismaClientNames: readonly string[];
}

/** The tenant-owned Prisma model queried by the call whose arguments hold `node`, if any. */
function queriedModel(node: Node, fn: FunctionNode, sourceCode: SourceCode, filename: string, lookup: TenantQueryLookup): string | null {
  for (let n = node.parent; n && n !== fn; n = n.parent) {
    if (n.type !== AST_NODE_TYPES.CallExpression || !looksLikePrismaCall(n)) continue;
    const tenant = lookup.prisma();
    if (tenant.models.size === 0) return null;
    const query = matchPrismaQuery(n, tenant, { sourceCode, filename, extraClientNames: lookup.prismaClientNames });
    if (query && (isTenantOwned(query.model) || query.model.isRoot)) return query.model.name;
  }
  return null;
}

/**
 * Values the cached function reads from the scope around it (closures) that decide whose data it returns: taken from
 * the session or the request's credentials, named like a tenant field (`accountId`, `params.teamId`), or used as a
 * tenant filter (`{ accountId: x }`, `eq(t.teamId, x)`). `unstable_cache` keys by its key parts and the arguments,
 * never by closures, so each of these must be in the key.
 */
export function capturedTenantValues(
  fn: FunctionNode,
  privacy: Privacy,
  settings: TenantGuardSettings,
  lookup: TenantQueryLookup,
): CapturedTenantValue[] {
  const sourceCode = privacy.sourceCode;
  const scope = sourceCode.scopeManager?.acquire(fn);
  if (!scope) return [];
  const fields = tenantFieldNames(settings);
  const byVariable = new Map<TSESLint.Scope.Variable, TSESTree.Identifier[]>();
  for (const ref of scope.through) {
    const variable = ref.resolved;
    if (!variable || !ref.isValueReference || !isFunctionLocal(variable)) continue;
    const kind = variable.defs[0]?.type;
    if (kind !== 'Variable' && kind !== 'Parameter') continue;
    if (kind === 'Variable') {
      const init = (variable.defs[0].node as TSESTree.VariableDeclarator).init;
      if (init && isFunction(unwrap(init))) continue;
    }
    const list = byVariable.get(variable) ?? [];
    list.push(ref.identifier as TSESTree.Identifier);
    byVariable.set(variable, list);
  }
  const out: CapturedTenantValue[] = [];
  for (const [variable, refs] of byVariable) {
    const sessionDerived =
      declaredFromIdentity(variable, privacy, settings) || valueOrigin(refs[0], privacy.filename, sourceCode, settings.sessionFunctions) === 'session';
    let best: CapturedTenantValue | null = null;
    for (const ref of refs) {
      const chain = chainOf(ref);
      const text = sourceCode.getText(chain as TSESTree.Node);
      const model = queriedModel(chain, fn, sourceCode, privacy.filename, lookup);
      const name = lastName(chain);
      const why: CapturedTenantValue['why'] | null = inTenantPosition(chain, fields) || model
        ? 'tenant-filter'
        : sessionDerived
          ? 'session'
          : (name && isTenantFieldName(name, fields)) || isTenantFieldName(variable.name, fields)
            ? 'tenant-field'
            : null;
      if (!why) continue;
      const candidate = { variable, text, why, model, sessionDerived };
      if (!best || (candidate.model && !best.model) || (candidate.why === 'tenant-filter' && best.why !== 'tenant-filter')) best = candidate;
    }
    if (best) out.push(best);
  }
  return out;
}

/**
 * Does the key part list cover `value`? `covered` when a part mentions it (or, for session values, any session
 * value), `missing` when every part is a known constant or another known value, `unknown` when a part could hold
 * anything (a parameter, a call, a spread) — unknown is never reported.
 */
export function keyCovers(
  keyParts: Node | undefined,
  value: CapturedTenantValue,
  privacy: Privacy,
  settings: TenantGuardSettings,
): 'covered' | 'missing' | 'unknown' {
  if (!keyParts) return 'missing';
  const sourceCode = privacy.sourceCode;
  const parts = resolveValue(sourceCode, keyParts);
  if (parts.type !== AST_NODE_TYPES.ArrayExpression) return 'unknown';
  let unknown = false;
  const mentions = (node: Node, depth: number): boolean =>
    walk(node, (n) => {
      if (n.type === AST_NODE_TYPES.CallExpression && n.arguments.length === 0 && !isStringMethod(n)) {
        unknown = true;
        return false;
      }
      if (n.type !== AST_NODE_TYPES.Identifier) return false;
      const parent = n.parent;
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === n && !parent.computed) return false;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === n) return false;
      const variable = findVariable(sourceCode, n);
      if (!variable) return false; // a global such as String
      if (variable === value.variable) return true;
      if (!isFunctionLocal(variable)) return false; // a module constant
      if (value.sessionDerived && (declaredFromIdentity(variable, privacy, settings) || valueOrigin(n, privacy.filename, sourceCode, settings.sessionFunctions) === 'session')) {
        return true;
      }
      const def = variable.defs[0];
      if (def?.type === 'Variable' && depth < 4) {
        const init = (def.node as TSESTree.VariableDeclarator).init;
        if (init && mentions(init, depth + 1)) return true;
        if (init && isConstantText(init)) return false;
      }
      unknown = true;
      return false;
    });
  for (const element of parts.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) {
      if (mentions(element.argument, 0)) return 'covered';
      unknown = true;
      continue;
    }
    if (mentions(element, 0)) return 'covered';
  }
  return unknown ? 'unknown' : 'missing';
}

function isStringMethod(call: TSESTree.CallExpression): boolean {
  return call.callee.type === AST_NODE_TYPES.MemberExpression && /^(toString|toLowerCase|toUpperCase|trim)$/.test(memberName(call.callee) ?? '');
}

function isConstantText(node: Node): boolean {
  const value = unwrap(node);
  return (
    (value.type === AST_NODE_TYPES.Literal && value.value !== null && typeof value.value !== 'object') ||
    (value.type === AST_NODE_TYPES.TemplateLiteral && value.expressions.length === 0)
  );
}

/** Tags that are all fixed strings (`['invoices']`): shared by every tenant. Null when not such a list. */
export function staticTags(options: Node | undefined, sourceCode: SourceCode): { node: Node; tags: string[] } | null {
  if (!options) return null;
  const object = resolveValue(sourceCode, options);
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const tags = objectProperty(object, 'tags');
  if (!tags) return null;
  const list = resolveValue(sourceCode, tags.value);
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const out: string[] = [];
  for (const element of list.elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) return null;
    const text = staticString(element, sourceCode);
    if (text === null || text.includes(UNKNOWN_PART)) return null;
    out.push(text);
  }
  return out.length > 0 ? { node: tags.value, tags: out } : null;
}

// next.config headers() ----------------------------------------------------------------------------------------------

export interface ConfigHeaderRule {
  source: string;
  sourceNode: Node;
  /** The Cache-Control (or CDN) header entries of the rule. */
  cacheHeaders: Array<{ key: string; value: string; valueNode: Node }>;
  /** `has` / `missing` conditions: only when signed out (`missing` a cookie or Authorization) is a catch-all safe. */
  onlySignedOut: boolean;
  onlySignedIn: boolean;
}

function arrayElements(node: Node, sourceCode: SourceCode, depth = 0): Node[] {
  if (depth > 3) return [];
  const value = resolveValue(sourceCode, node);
  if (value.type !== AST_NODE_TYPES.ArrayExpression) return [];
  const out: Node[] = [];
  for (const element of value.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) out.push(...arrayElements(element.argument, sourceCode, depth + 1));
    else out.push(element);
  }
  return out;
}

function conditionsMention(node: Node | undefined, sourceCode: SourceCode): boolean {
  if (!node) return false;
  return arrayElements(node, sourceCode).some((c) => {
    const object = resolveValue(sourceCode, c);
    if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
    const type = objectProperty(object, 'type');
    const key = objectProperty(object, 'key');
    const typeText = type ? staticString(type.value, sourceCode) : null;
    const keyText = key ? staticString(key.value, sourceCode) : null;
    return typeText === 'cookie' ? keyText === null || !NEUTRAL_COOKIE.test(keyText) : typeText === 'header' && keyText !== null && IDENTITY_HEADER.test(keyText);
  });
}

/** The rules `headers()` of a `next.config` returns, with their caching headers. */
export function nextConfigHeaderRules(program: TSESTree.Program, sourceCode: SourceCode): ConfigHeaderRule[] {
  const out: ConfigHeaderRule[] = [];
  walk(program, (n) => {
    if (n.type !== AST_NODE_TYPES.Property || propertyKeyName(n) !== 'headers') return;
    const fn = unwrap(n.value);
    if (!isFunction(fn)) return;
    const returned: Node[] = [];
    if (fn.body.type !== AST_NODE_TYPES.BlockStatement) returned.push(fn.body);
    else walk(fn.body, (s) => void (s.type === AST_NODE_TYPES.ReturnStatement && s.argument && returned.push(s.argument)), { skipFunctions: true });
    for (const value of returned) {
      for (const element of arrayElements(value, sourceCode)) {
        const rule = resolveValue(sourceCode, element);
        if (rule.type !== AST_NODE_TYPES.ObjectExpression) continue;
        const source = objectProperty(rule, 'source');
        const headers = objectProperty(rule, 'headers');
        const sourceText = source ? staticString(source.value, sourceCode) : null;
        if (!source || !headers || sourceText === null) continue;
        const cacheHeaders: ConfigHeaderRule['cacheHeaders'] = [];
        for (const entry of arrayElements(headers.value, sourceCode)) {
          const object = resolveValue(sourceCode, entry);
          if (object.type !== AST_NODE_TYPES.ObjectExpression) continue;
          const key = objectProperty(object, 'key');
          const val = objectProperty(object, 'value');
          const keyText = key ? staticString(key.value, sourceCode) : null;
          const valueText = val ? staticString(val.value, sourceCode) : null;
          if (keyText && valueText !== null && isCacheHeaderName(keyText)) cacheHeaders.push({ key: keyText, value: valueText, valueNode: val!.value });
        }
        if (cacheHeaders.length === 0) continue;
        out.push({
          source: sourceText,
          sourceNode: source.value,
          cacheHeaders,
          onlySignedOut: conditionsMention(objectProperty(rule, 'missing')?.value, sourceCode),
          onlySignedIn: conditionsMention(objectProperty(rule, 'has')?.value, sourceCode),
        });
      }
    }
  });
  return out;
}

/** Path segments of files, not pages: `/(.*)\\.svg`, `/:all*(svg|png)`, `/fonts/…`. */
const STATIC_SOURCE = /\.(\w{2,5})\)?\$?$|\((?:[a-z0-9]{2,5}\|)+[a-z0-9]{2,5}\)\)?\$?$|^\/(_next|static|assets|images|img|fonts|icons|favicon|public|media|videos?|js|css)(\/|$|\.)/i;
/** Segments that mark public, cache-friendly API paths: OG images, public APIs, webhooks. */
const PUBLIC_SEGMENT = /\/(og|opengraph|og-image|public|static|assets|images|fonts|favicon|robots|sitemap|manifest|health|status|webhooks?)(\/|$|\.|\()/i;

/**
 * Does a `next.config` header `source` cover private pages? A catch-all (`/:path*`, `/(.*)`, `/((?!api).*)`)
 * covers every page, signed-in ones included; otherwise its first segment is compared with `privatePrefixes`.
 * Static files and public segments (`/og/…`, `/api/public/…`) are not private.
 */
export function privateSource(source: string, privatePrefixes: readonly string[]): 'every page' | string | null {
  if (STATIC_SOURCE.test(source) || PUBLIC_SEGMENT.test(source)) return null;
  if (/^\/(:\w+(\*|\+|\(\.\*\))|\(\.\*\)|\(\(\?!.*\)\.\*\)|\(\.\+\))$/.test(source)) return 'every page';
  for (const prefix of privatePrefixes) {
    const p = prefix.replace(/\/+$/, '');
    if (source === p || source.startsWith(`${p}/`) || source.startsWith(`${p}(`) || source.startsWith(`${p}:`)) return p;
  }
  return null;
}
