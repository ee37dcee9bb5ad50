/**
 * The decision `require-tenant-scope` (and the `scope-queries` codemod) make for one Prisma query: is it unscoped,
 * and in which way? Rules word the finding; this module only decides.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  calleeName,
  findVariable,
  memberName,
  precedingStatements,
  propertyKeyName,
  resolveIdentifier,
  rootIdentifier,
  unwrap,
  walk,
  type Node,
} from './ast.js';
import {
  hasAccessCheckBefore,
  hasOwnershipCheckAfter,
  isAccessCheckName,
  isGuardedAgainstMissing,
  isInAdminContext,
  resultVariable,
} from './guards.js';
import { MANY_ROW_OPERATIONS, matchPrismaQuery, type ClientContext, type PrismaQuery } from './prisma-client.js';
import { evaluateWhere, isIdentifyingKey, resolveObject, type ScopeContext, type ScopeResult } from './prisma-scope.js';
import { ITERATING_METHODS, valueOrigin } from './request-input.js';
import { isTenantOwned, relationTarget, type ModelInfo } from './tenant-model.js';

export type PrismaFinding =
  /** A many-row query on a tenant-owned model with no tenant condition. */
  | { kind: 'unscoped'; node: Node; field: string }
  /** A lookup or write by ids that are not the tenant (IDOR: by its own id, or a parent's), with no ownership check. */
  | { kind: 'unscoped-unique'; node: Node; field: string; keys: string[] }
  /** Many rows of the tenant root itself: a list of every tenant. */
  | { kind: 'unscoped-root'; node: Node }
  | { kind: 'maybe-undefined'; node: Node; field: string; value: Node }
  | { kind: 'widened'; node: Node; field: string; key: string; spread: Node }
  /** A nested include/select of a tenant-owned relation reached through a root that spans tenants. */
  | { kind: 'unscoped-include'; node: Node; relation: string; child: ModelInfo; field: string; parent: ModelInfo };

export interface PrismaCheckOptions {
  /** Extra access-check helper names. */
  accessCheckFunctions: readonly string[];
  /**
   * Report lookups by id whose id is a parameter of an internal helper (`getInvoice(id)` in `lib/`). Off by default:
   * the helper's caller decides where the id comes from, and reporting every data-access helper buries the
   * handlers that pass `params.id` straight in.
   */
  reportHelperLookups: boolean;
  filename: string;
  /** Single-row lookups here are identity lookups (sign-in, verification), not tenant reads. */
  inAuthFlow: boolean;
  checkIncludes: boolean;
}

/** Keys that identify a user or token in sign-in and verification flows, before any session exists. */
const CREDENTIAL_KEY = /(email|token|secret|hash|apikey|api_key|key|code|otp|identifier|provider)/i;

interface QueryArgs {
  where: Node | undefined;
  include: Node | undefined;
  select: Node | undefined;
  /** The arguments could not be followed (`findMany(args)`): nothing is known. */
  opaque: boolean;
}

function readArgs(query: PrismaQuery, ctx: ScopeContext): QueryArgs {
  const none = { where: undefined, include: undefined, select: undefined };
  if (!query.args) return { ...none, opaque: false };
  let args = unwrap(query.args);
  if (args.type === AST_NODE_TYPES.Identifier) {
    // `findMany(args)` where `const args = {...}`: follow it; a parameter stays opaque.
    const init = resolveIdentifier(ctx.sourceCode, args);
    if (!init) return { ...none, opaque: true };
    args = unwrap(init);
  }
  if (args.type !== AST_NODE_TYPES.ObjectExpression) return { ...none, opaque: true };
  const result: QueryArgs = { ...none, opaque: false };
  for (const prop of args.properties) {
    if (prop.type === AST_NODE_TYPES.SpreadElement) {
      result.opaque = true; // `{ ...args, take: 10 }`: the where may be in the spread
      continue;
    }
    const key = propertyKeyName(prop);
    if (key === 'where') result.where = prop.value;
    else if (key === 'include') result.include = prop.value;
    else if (key === 'select') result.select = prop.value;
  }
  return result;
}

/** The keys a where names directly (for messages and credential detection). */
function whereKeys(where: Node | undefined): string[] {
  const value = where ? unwrap(where) : undefined;
  if (!value || value.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return value.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property ? [propertyKeyName(p) ?? '?'] : ['...']));
}

/** Keys that are all credentials (`email`, `token`, `hashedKey`): an identity lookup of sign-in and verification flows. */
export function isCredentialLookup(keys: string[]): boolean {
  return keys.length > 0 && keys.every((k) => k !== '...' && CREDENTIAL_KEY.test(k) && !/^id$/i.test(k));
}

function fromScope(result: ScopeResult, field: string): PrismaFinding | null {
  if (result.kind === 'maybe-undefined') return { kind: 'maybe-undefined', node: result.value, field: result.field, value: result.value };
  if (result.kind === 'widened') return { kind: 'widened', node: result.node, field, key: result.key, spread: result.spread };
  return null;
}

export function checkPrismaQuery(query: PrismaQuery, scope: ScopeContext, options: PrismaCheckOptions, client: ClientContext): PrismaFinding[] {
  const { model, operation } = query;
  if (!isTenantOwned(model) && !model.isRoot) return [];
  const evidence = createEvidence(query, scope, client, options);
  const ctx: ScopeContext = { ...scope, isVerifiedValue: evidence.isVerified };
  const args = readArgs(query, ctx);
  if (args.opaque && !args.where) return [];
  const findings: PrismaFinding[] = [];
  const isMany = MANY_ROW_OPERATIONS.has(operation);
  const field = model.tenantFields[0] ?? 'id';

  if (model.isRoot) {
    if (isMany) {
      const result = evaluateWhere(args.where, model, ctx);
      if (result.kind === 'unscoped') findings.push({ kind: 'unscoped-root', node: query.delegate.property });
      else {
        const finding = fromScope(result, field);
        if (finding) findings.push(finding);
      }
    }
    if (options.checkIncludes) findings.push(...checkIncludes(model, args, ctx));
  } else {
    const result = evaluateWhere(args.where, model, ctx);
    if (result.kind === 'unscoped') {
      const lookup = identifyingEntries(args.where, model, ctx);
      if (lookup) {
        if (!isJustifiedLookup(query, args, lookup, ctx, options, evidence)) {
          findings.push({ kind: 'unscoped-unique', node: query.delegate.property, field, keys: lookup.keys });
        }
      } else if (isMany || !(options.inAuthFlow || isCredentialLookup(whereKeys(args.where)))) {
        findings.push({ kind: 'unscoped', node: query.delegate.property, field });
      }
    } else {
      const finding = fromScope(result, field);
      if (finding) findings.push(finding);
    }
  }
  if (findings.length > 0 && isInAdminContext(query.call, ctx.sourceCode)) return [];
  return findings;
}

interface KeyedLookup {
  /** The identifying keys the where names: `id`, `accountId_number`, `documentId` (a parent's id). */
  keys: string[];
  values: Node[];
}

/**
 * The where's own unique keys and parent foreign keys, with their values: a lookup of known rows, not a scan. Also
 * through relation filters (`triggers: { some: { actionClass: { id } } }` finds surveys by an action class id).
 */
function identifyingEntries(where: Node | undefined, model: ModelInfo, ctx: ScopeContext, depth = 0, prefix = ''): KeyedLookup | null {
  const resolved = where && depth <= 3 ? resolveObject(where, ctx) : null;
  if (!resolved) return null;
  const lookup: KeyedLookup = { keys: [], values: [] };
  for (const prop of resolved.object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(prop);
    if (!key) continue;
    const value = unwrap(prop.value);
    const compound = model.compoundKeyNames.get(key) ?? (key.includes('_') && model.uniqueKeys.some((k) => k.join('_') === key) ? key.split('_') : null);
    if (compound && value.type === AST_NODE_TYPES.ObjectExpression) {
      lookup.keys.push(prefix + key);
      for (const p of value.properties) if (p.type === AST_NODE_TYPES.Property) lookup.values.push(p.value);
    } else if (isIdentifyingKey(key, model, ctx.tenant)) {
      lookup.keys.push(prefix + key);
      const inner =
        value.type === AST_NODE_TYPES.ObjectExpression
          ? value.properties.find((p) => p.type === AST_NODE_TYPES.Property && ['equals', 'in'].includes(propertyKeyName(p) ?? ''))
          : undefined;
      lookup.values.push(inner?.type === AST_NODE_TYPES.Property ? inner.value : prop.value);
    } else {
      const relation = relationTarget(ctx.tenant, model, key);
      if (!relation || value.type !== AST_NODE_TYPES.ObjectExpression) continue;
      const filter = relation.isList ? 'some' : 'is';
      const inner = value.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === filter) as
        | TSESTree.Property
        | undefined;
      const nested = identifyingEntries(inner ? inner.value : relation.isList ? undefined : value, relation.model, ctx, depth + 1, `${prefix}${key}.`);
      if (nested) {
        lookup.keys.push(...nested.keys);
        lookup.values.push(...nested.values);
      }
    }
  }
  return lookup.keys.length > 0 ? lookup : null;
}

/**
 * `select: { workspaceId: true }`, `select: { environment: { select: { workspaceId: true } } }`: the lookup reads
 * only whose row it is — the first step of an access check, not a read of another tenant's data.
 */
function selectsOnlyTenant(select: Node | undefined, model: ModelInfo, ctx: ScopeContext, depth = 0): boolean {
  const object = select ? unwrap(select) : undefined;
  if (!object || object.type !== AST_NODE_TYPES.ObjectExpression || object.properties.length === 0 || depth > 3) return false;
  return object.properties.every((prop) => {
    if (prop.type !== AST_NODE_TYPES.Property) return false;
    const key = propertyKeyName(prop);
    if (!key) return false;
    if (key === 'id' || model.tenantFields.includes(key)) return true;
    const relation = relationTarget(ctx.tenant, model, key);
    if (!relation || relation.isList) return false;
    const nested = unwrap(prop.value);
    if (nested.type !== AST_NODE_TYPES.ObjectExpression) return relation.model.isRoot;
    const inner = nested.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyKeyName(p) === 'select') as TSESTree.Property | undefined;
    return inner !== undefined && selectsOnlyTenant(inner.value, relation.model, ctx, depth + 1);
  });
}

function isJustifiedLookup(
  query: PrismaQuery,
  args: QueryArgs,
  lookup: KeyedLookup,
  ctx: ScopeContext,
  options: PrismaCheckOptions,
  evidence: Evidence,
): boolean {
  if (options.inAuthFlow || isCredentialLookup(lookup.keys)) return true;
  if (selectsOnlyTenant(args.select, query.model, ctx)) return true;
  if (hasOwnershipCheckAfter(query.call, query.model.tenantFields, options.accessCheckFunctions)) return true;
  if (hasAccessCheckBefore(query.call, options.accessCheckFunctions)) return true;
  if (evidence.scopedLookupOfSameModelBefore()) return true;
  if (!options.reportHelperLookups) {
    const origins = lookup.values.map((v) => valueOrigin(v, options.filename, ctx.sourceCode, ctx.tenant.settings.sessionFunctions));
    if (origins.every((o) => o === 'helper-parameter')) return true;
  }
  return false;
}

/**
 * `db.user.findUnique({ where: { id }, include: { documents: true } })`: a user may belong to several teams, so
 * the documents reached through the user are every team's documents. A relation is fine when it runs through the
 * child's own primary tenant field (`team.documents` via `Document.teamId`), or when the child is a membership row
 * (its foreign key and its tenant field form a unique key together: one row per user and team).
 */
function checkIncludes(parent: ModelInfo, args: QueryArgs, ctx: ScopeContext, depth = 0): PrismaFinding[] {
  const findings: PrismaFinding[] = [];
  for (const container of [args.include, args.select]) {
    const object = container ? unwrap(container) : undefined;
    if (!object || object.type !== AST_NODE_TYPES.ObjectExpression) continue;
    for (const prop of object.properties) {
      if (prop.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyKeyName(prop);
      if (!key || key === '_count') continue;
      const relation = relationTarget(ctx.tenant, parent, key);
      if (!relation) continue;
      const child = relation.model;
      const nested = unwrap(prop.value);
      const nestedArgs = readNested(nested);
      if (child.isRoot) {
        if (depth < 3) findings.push(...checkIncludes(child, nestedArgs, ctx, depth + 1));
        continue;
      }
      if (!relation.isList || !isTenantOwned(child)) continue;
      const primary = child.tenantFields[0];
      if (relation.childForeignKeys.includes(primary)) continue;
      const isMembership = child.uniqueKeys.some((k) => k.includes(primary) && relation.childForeignKeys.some((fk) => k.includes(fk)));
      if (isMembership) continue;
      if (nestedArgs.where && evaluateWhere(nestedArgs.where, child, ctx).kind !== 'unscoped') continue;
      if (nested.type === AST_NODE_TYPES.Literal && nested.value === false) continue;
      findings.push({ kind: 'unscoped-include', node: prop.key, relation: key, child, field: primary, parent });
    }
  }
  return findings;
}

function readNested(node: Node): QueryArgs {
  const result: QueryArgs = { where: undefined, include: undefined, select: undefined, opaque: false };
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return result;
  for (const prop of node.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(prop);
    if (key === 'where') result.where = prop.value;
    else if (key === 'include') result.include = prop.value;
    else if (key === 'select') result.select = prop.value;
  }
  return result;
}


/**
 * What the function around a query shows about it. `isVerified` decides whether an id used in a filter was vouched
 * for earlier in the function:
 * - it was read out of a row that a tenant-scoped query returned (`doc.id`, `docs.map((d) => d.id)`, a loop over them);
 * - or it went into an earlier tenant-scoped query whose empty result ends the request
 *   (`const team = await prisma.team.findFirst({ where: { id, users: { some: { userId } } , documents: { some: { id: docId } } } }); if (!team) return`);
 * - or it went, together with the session user, into an access-check helper
 *   (`await getTeamWithUsersAndDocument({ teamId, userId, docId })`, `assertCanAccess(docId, session)`).
 */
interface Evidence {
  isVerified: (node: Node) => boolean;
  /** An earlier scoped query on the same model in this function: the row was checked before this write. */
  scopedLookupOfSameModelBefore: () => boolean;
}

function createEvidence(query: PrismaQuery, scope: ScopeContext, client: ClientContext, options: PrismaCheckOptions): Evidence {
  const { isVerified, scopedQuery } = createVerifier(query.call, scope, client, options);
  return {
    isVerified,
    scopedLookupOfSameModelBefore: () =>
      precedingStatements(query.call).some((statement) =>
        walk(statement, (n) => scopedQuery(n)?.model === query.model, { skipFunctions: true }),
      ),
  };
}

export interface VerifierOptions {
  accessCheckFunctions: readonly string[];
  filename: string;
}

/**
 * Was this id vouched for before `at` by the Prisma code around it? The same evidence the Prisma path uses, offered
 * to the other data layers: a raw `$queryRaw` by `viewerId` after `prisma.viewer.findUnique({ where: { id, teamId } })`
 * and `if (!viewer) return` is as safe as the Prisma lookup would be.
 */
export function isVouchedForByPrisma(value: Node, at: Node, scope: ScopeContext, client: ClientContext, options: VerifierOptions): boolean {
  return createVerifier(at, scope, client, options).isVerified(value);
}

function createVerifier(
  at: Node,
  scope: ScopeContext,
  client: ClientContext,
  options: VerifierOptions,
): { isVerified: (node: Node) => boolean; scopedQuery: (n: Node) => PrismaQuery | null } {
  const verifyScope: ScopeContext = { ...scope, isVerifiedValue: undefined, rootKeysScope: false };
  const sourceCode = scope.sourceCode;
  const scopedQueryCache = new Map<Node, boolean>();

  function scopedQuery(n: Node): PrismaQuery | null {
    if (n.type !== AST_NODE_TYPES.CallExpression) return null;
    const candidate = matchPrismaQuery(n, scope.tenant, client);
    if (!candidate) return null;
    let scoped = scopedQueryCache.get(n);
    if (scoped === undefined) {
      const args = readArgs(candidate, verifyScope);
      scoped = evaluateWhere(args.where, candidate.model, { ...verifyScope, at: n }).kind === 'scoped';
      scopedQueryCache.set(n, scoped);
    }
    return scoped ? candidate : null;
  }

  function mentions(node: Node | undefined, name: string): boolean {
    return node !== undefined && walk(node, (n) => n.type === AST_NODE_TYPES.Identifier && n.name === name);
  }

  const sessionNames = /^(userId|user|session|currentUser|viewer|me)$/;
  function checkedEarlier(name: string): boolean {
    return precedingStatements(at).some((statement) =>
      walk(statement, (n) => {
        if (n.type !== AST_NODE_TYPES.CallExpression) return false;
        const q = scopedQuery(n);
        if (q) {
          if (!mentions(readArgs(q, verifyScope).where, name)) return false;
          const result = resultVariable(n);
          return /OrThrow$/.test(q.operation) || (result !== null && isGuardedAgainstMissing(result.name, at));
        }
        const callee = calleeName(n);
        const plain = unwrap(n.callee).type === AST_NODE_TYPES.Identifier;
        if (!callee || (!plain && !isAccessCheckName(callee, options.accessCheckFunctions))) return false;
        const args = n.arguments;
        return (
          args.some((a) => mentions(a, name)) &&
          args.some((a) => walk(a, (m) => m.type === AST_NODE_TYPES.Identifier && sessionNames.test(m.name) && m.name !== name))
        );
      }),
    );
  }

  function verified(node: Node, depth: number): boolean {
    if (depth > 4) return false;
    if (depth === 0 && valueOrigin(node, options.filename, sourceCode, scope.tenant.settings.sessionFunctions) === 'session') return true;
    const root = rootIdentifier(node);
    if (!root) return false;
    const variable = findVariable(sourceCode, root);
    const def = variable?.defs[0];
    if (!def) return false;
    if (def.type === 'Variable') {
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (declarator.init) {
        if (walk(declarator.init, (n) => scopedQuery(n) !== null)) return true;
        const from = rootIdentifier(declarator.init);
        if (from && from !== root && verified(declarator.init, depth + 1)) return true;
      } else {
        const loop = declarator.parent?.parent;
        if (loop?.type === AST_NODE_TYPES.ForOfStatement && verified(loop.right, depth + 1)) return true;
      }
    } else if (def.type === 'Parameter') {
      const fn = def.node;
      const call = fn.parent;
      if (
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.callee.type === AST_NODE_TYPES.MemberExpression &&
        ITERATING_METHODS.has(memberName(call.callee) ?? '') &&
        verified(call.callee.object, depth + 1)
      ) {
        return true;
      }
    }
    return checkedEarlier(root.name);
  }

  return { isVerified: (node) => verified(node, 0), scopedQuery };
}
