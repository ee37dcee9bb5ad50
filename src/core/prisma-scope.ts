/**
 * Does a Prisma filter constrain the tenant? Follows what real code does: shorthand properties, variables built
 * earlier (and properties written into them later), spreads, `AND`/`OR`, `equals`/`in`, relation filters
 * (`account: { id }`, `memberships: { some: { userId } }`), compound unique keys (`accountId_number: {...}`).
 * A value it cannot follow is `unknown`, which never produces a report.
 */
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyKeyName, propertyWrites, resolveIdentifier, findVariable, rootIdentifier, unwrap, type Node } from './ast.js';
import { isGuardedAgainstMissing } from './guards.js';
import { relationTarget, type ModelInfo, type TenantModel } from './tenant-model.js';

export type ScopeResult =
  | { kind: 'scoped'; field: string }
  | { kind: 'unknown' }
  | { kind: 'unscoped' }
  /** The tenant field is set, but to a value that may be undefined — and Prisma drops undefined filters. */
  | { kind: 'maybe-undefined'; field: string; value: Node }
  /** A later key replaced the tenant condition that a spread carried. */
  | { kind: 'widened'; key: string; node: Node; spread: Node };

export interface ScopeContext {
  sourceCode: Readonly<TSESLint.SourceCode>;
  tenant: TenantModel;
  /** Where the query runs: guards before it make optional values safe. */
  at: Node;
  /** Type information, when the user's config provides it: answers "may this be undefined?" exactly. */
  mayBeUndefined?: (node: Node) => boolean | null;
  /**
   * Was this id vouched for before the query (it came out of, or went into, an earlier tenant-scoped query or access
   * check)? A filter by such an id — the row's own id, or a parent's (`documentId` of a checked document) — is scoped.
   */
  isVerifiedValue?: (node: Node) => boolean;
  /** false while judging whether a query on a root verifies something: its own key alone proves no membership. */
  rootKeysScope?: boolean;
}

interface Entry {
  key: string;
  value: Node;
  /** The spread element that brought this entry in, if any. */
  spread: Node | null;
}

interface Entries {
  map: Map<string, Entry>;
  /** Entries that a later key of the same name replaced. */
  replaced: Array<{ old: Entry; by: Entry }>;
  /** A spread or computed key we could not follow: it may carry anything. */
  opaque: boolean;
}

const MAX_DEPTH = 6;

function collectEntries(object: TSESTree.ObjectExpression, ctx: ScopeContext, depth: number, viaSpread: Node | null, into?: Entries): Entries {
  const result: Entries = into ?? { map: new Map(), replaced: [], opaque: false };
  const set = (entry: Entry) => {
    const old = result.map.get(entry.key);
    if (old) result.replaced.push({ old, by: entry });
    result.map.set(entry.key, entry);
  };
  for (const prop of object.properties) {
    if (prop.type === AST_NODE_TYPES.Property) {
      const key = propertyKeyName(prop);
      if (key === null) result.opaque = true;
      else set({ key, value: prop.value, spread: viaSpread });
      continue;
    }
    // SpreadElement
    const argument = unwrap(prop.argument);
    if (depth >= MAX_DEPTH) {
      result.opaque = true;
      continue;
    }
    const resolved = resolveObject(argument, ctx);
    if (resolved) {
      collectEntries(resolved.object, ctx, depth + 1, viaSpread ?? prop, result);
      for (const write of resolved.writes) set({ key: write.key, value: write.value, spread: viaSpread ?? prop });
    } else if (argument.type === AST_NODE_TYPES.ConditionalExpression || argument.type === AST_NODE_TYPES.LogicalExpression) {
      // `...(q ? { title: q } : {})`, `...(q && { title: q })`: may add nothing, so it can never be the scope.
    } else {
      result.opaque = true;
    }
  }
  return result;
}

/**
 * An object literal a node stands for (directly or through a `const`), with properties written into it later.
 * `seen`: the initializers already followed, so bindings that refer to each other (`let a = b, b = a`) end.
 */
export function resolveObject(
  node: Node,
  ctx: ScopeContext,
  seen: Set<Node> = new Set(),
): { object: TSESTree.ObjectExpression; writes: ReturnType<typeof propertyWrites> } | null {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) return { object: value, writes: [] };
  if (value.type !== AST_NODE_TYPES.Identifier) return null;
  const init = resolveIdentifier(ctx.sourceCode, value);
  if (!init || seen.has(init)) return null;
  seen.add(init);
  const inner = resolveObject(init, ctx, seen);
  if (!inner) return null;
  return { object: inner.object, writes: [...inner.writes, ...propertyWrites(ctx.sourceCode, value)] };
}

type EntryVerdict = { kind: 'scoped'; field: string } | { kind: 'maybe-undefined'; field: string; value: Node } | { kind: 'none' } | { kind: 'unknown' };

/** Evaluates a `where` for a model. `undefined` (no where at all) is unscoped. */
export function evaluateWhere(node: Node | undefined, model: ModelInfo, ctx: ScopeContext, depth = 0): ScopeResult {
  if (!node) return { kind: 'unscoped' };
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') return { kind: 'unscoped' };
  if (value.type === AST_NODE_TYPES.ConditionalExpression) {
    const a = evaluateWhere(value.consequent, model, ctx, depth + 1);
    const b = evaluateWhere(value.alternate, model, ctx, depth + 1);
    if (a.kind === 'scoped' && b.kind === 'scoped') return a;
    if (a.kind !== 'scoped' && a.kind !== 'unknown') return a;
    if (b.kind !== 'scoped' && b.kind !== 'unknown') return b;
    return { kind: 'unknown' };
  }
  const resolved = resolveObject(value, ctx);
  if (!resolved) return { kind: 'unknown' };
  const entries = collectEntries(resolved.object, ctx, depth, null);
  for (const write of resolved.writes) {
    const old = entries.map.get(write.key);
    const entry = { key: write.key, value: write.value, spread: null };
    if (old) entries.replaced.push({ old, by: entry });
    entries.map.set(write.key, entry);
  }
  return evaluateEntries(entries, model, ctx, depth);
}

function evaluateEntries(entries: Entries, model: ModelInfo, ctx: ScopeContext, depth: number): ScopeResult {
  let maybeUndefined: EntryVerdict | null = null;
  let unknown = false;
  for (const entry of entries.map.values()) {
    const verdict = evaluateEntry(entry.key, entry.value, model, ctx, depth);
    if (verdict.kind === 'scoped') return verdict;
    if (verdict.kind === 'maybe-undefined' && !maybeUndefined) maybeUndefined = verdict;
    if (verdict.kind === 'unknown') unknown = true;
  }
  // Nothing scopes it now. Did a later key throw away a tenant condition that a spread brought in?
  for (const { old, by } of entries.replaced) {
    if (old.spread && evaluateEntry(old.key, old.value, model, ctx, depth).kind === 'scoped') {
      return { kind: 'widened', key: by.key, node: by.value.parent ?? by.value, spread: old.spread };
    }
  }
  if (maybeUndefined?.kind === 'maybe-undefined') return maybeUndefined;
  if (entries.opaque || unknown) return { kind: 'unknown' };
  return { kind: 'unscoped' };
}

/** The keys that pin a model to one tenant: its tenant fields, and for a tenant root its own unique keys. */
function scopingKeys(model: ModelInfo): Set<string> {
  const keys = new Set(model.tenantFields);
  if (model.isRoot) for (const key of model.uniqueKeys) if (key.length === 1) keys.add(key[0]);
  return keys;
}

/** The row's own unique keys and foreign keys to tenant-owned parents: scoped when their value was verified. */
export function isIdentifyingKey(key: string, model: ModelInfo, tenant: TenantModel): boolean {
  if (model.tenantFields.includes(key)) return false;
  if (model.uniqueKeys.some((k) => k.length === 1 && k[0] === key)) return true;
  for (const field of model.fields.values()) {
    if (!field.relationFields?.includes(key)) continue;
    const parent = tenant.models.get(field.type);
    if (parent && (parent.isRoot || parent.tenantFields.length > 0)) return true;
  }
  return false;
}

function evaluateEntry(key: string, value: Node, model: ModelInfo, ctx: ScopeContext, depth: number): EntryVerdict {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  if (ctx.rootKeysScope === false && model.isRoot && !model.tenantFields.includes(key)) {
    if (model.uniqueKeys.some((k) => k.length === 1 && k[0] === key)) return { kind: 'none' };
  } else if (scopingKeys(model).has(key)) {
    return evaluateTenantValue(key, value, ctx);
  }
  if (ctx.isVerifiedValue && isIdentifyingKey(key, model, ctx.tenant)) {
    const inner = unwrap(value);
    const target =
      inner.type === AST_NODE_TYPES.ObjectExpression
        ? inner.properties.find((p) => p.type === AST_NODE_TYPES.Property && ['equals', 'in'].includes(propertyKeyName(p) ?? ''))
        : inner;
    const node = target && target.type === AST_NODE_TYPES.Property ? target.value : target;
    if (node && ctx.isVerifiedValue(node)) return { kind: 'scoped', field: key };
  }

  if (key === 'AND') {
    const items = listItems(value, ctx);
    if (!items) return evaluateCombined(value, model, ctx, depth);
    let result: EntryVerdict = { kind: 'none' };
    for (const item of items) {
      const verdict = toEntryVerdict(evaluateWhere(item, model, ctx, depth + 1));
      if (verdict.kind === 'scoped') return verdict;
      if (verdict.kind === 'maybe-undefined' || (verdict.kind === 'unknown' && result.kind === 'none')) result = verdict;
    }
    return result;
  }
  if (key === 'OR') {
    const items = listItems(value, ctx);
    if (!items) return evaluateCombined(value, model, ctx, depth);
    if (items.length === 0) return { kind: 'none' };
    let first: EntryVerdict | null = null;
    for (const item of items) {
      const verdict = toEntryVerdict(evaluateWhere(item, model, ctx, depth + 1));
      if (verdict.kind !== 'scoped') return verdict; // an OR is scoped only when every branch is
      first ??= verdict;
    }
    return first ?? { kind: 'none' };
  }
  if (key === 'NOT') return { kind: 'none' };

  // Compound unique key: `accountId_number: { accountId, number }`, or a named one.
  const compound = model.compoundKeyNames.get(key) ?? (key.includes('_') ? key.split('_') : null);
  if (compound && compound.some((f) => model.tenantFields.includes(f))) {
    const object = resolveObject(value, ctx);
    if (!object) return { kind: 'unknown' };
    return evaluateEntries(collectEntries(object.object, ctx, depth + 1, null), model, ctx, depth + 1).kind === 'scoped'
      ? { kind: 'scoped', field: key }
      : { kind: 'none' };
  }

  // Relation filters: `account: { id }`, `account: { is: {...} }`, `memberships: { some: {...} }`.
  const relation = relationTarget(ctx.tenant, model, key);
  if (relation) {
    const object = resolveObject(value, ctx);
    if (!object) return { kind: 'unknown' };
    const nested = collectEntries(object.object, ctx, depth + 1, null);
    const filterKey = relation.isList ? 'some' : nested.map.has('is') ? 'is' : null;
    const inner = filterKey ? nested.map.get(filterKey)?.value : undefined;
    // A model without tenant fields in between (`attributes: { some: { attributeKey: { workspaceId } } }`) is fine:
    // the filter may still reach the tenant further down.
    const target = relation.model;
    const verdict: EntryVerdict = inner
      ? toEntryVerdict(evaluateWhere(inner, target, ctx, depth + 1))
      : filterKey
        ? { kind: 'none' }
        : toEntryVerdict(evaluateEntries(nested, target, ctx, depth + 1));
    return verdict.kind === 'scoped' ? { kind: 'scoped', field: key } : verdict;
  }
  return { kind: 'none' };
}

/** `AND: someVariable` / `AND: { ... }`: a single filter object rather than a list. */
function evaluateCombined(value: Node, model: ModelInfo, ctx: ScopeContext, depth: number): EntryVerdict {
  return toEntryVerdict(evaluateWhere(value, model, ctx, depth + 1));
}

function toEntryVerdict(result: ScopeResult): EntryVerdict {
  switch (result.kind) {
    case 'scoped':
    case 'maybe-undefined':
      return result;
    case 'unknown':
      return { kind: 'unknown' };
    default:
      return { kind: 'none' };
  }
}

function listItems(value: Node, ctx: ScopeContext): Node[] | null {
  let list = unwrap(value);
  if (list.type === AST_NODE_TYPES.Identifier) {
    const init = resolveIdentifier(ctx.sourceCode, list);
    if (init) list = unwrap(init);
  }
  if (list.type !== AST_NODE_TYPES.ArrayExpression) return null;
  const items: Node[] = [];
  for (const element of list.elements) {
    if (!element) continue;
    if (element.type === AST_NODE_TYPES.SpreadElement) return null; // `AND: [...base, x]`: not followed
    items.push(element);
  }
  return items;
}

/** `accountId: x`, `accountId: { equals: x }`, `accountId: { in: ids }` scope; `{ not: x }` does not. */
function evaluateTenantValue(field: string, node: Node, ctx: ScopeContext): EntryVerdict {
  const value = unwrap(node);
  if (value.type === AST_NODE_TYPES.ObjectExpression) {
    for (const prop of value.properties) {
      if (prop.type !== AST_NODE_TYPES.Property) return { kind: 'unknown' };
      const key = propertyKeyName(prop);
      if (key === 'equals' || key === 'in') return evaluateTenantValue(field, prop.value, ctx);
    }
    return { kind: 'none' };
  }
  if (mayBeUndefined(value, ctx)) return { kind: 'maybe-undefined', field, value: node };
  return { kind: 'scoped', field };
}

/**
 * May this value be undefined when the query runs? With type information the checker answers; without it, the
 * shapes that are: `undefined`, an optional chain, `x ?? undefined`, an optional parameter — unless a guard before
 * the query exits when the value (or the object it is read from) is missing.
 */
export function mayBeUndefined(node: Node, ctx: ScopeContext, depth = 0): boolean {
  const value = unwrap(node);
  const typed = ctx.mayBeUndefined?.(value);
  if (typed !== null && typed !== undefined) return typed;
  if (depth > 4) return false;
  switch (value.type) {
    case AST_NODE_TYPES.Identifier: {
      if (value.name === 'undefined') return true;
      const variable = findVariable(ctx.sourceCode, value);
      const def = variable?.defs[0];
      if (!def) return false;
      if (def.type === 'Parameter') {
        const param = def.name as TSESTree.Identifier;
        const optional = param.optional || param.parent?.type === AST_NODE_TYPES.AssignmentPattern;
        const defaultIsUndefined =
          param.parent?.type === AST_NODE_TYPES.AssignmentPattern &&
          unwrap(param.parent.right).type === AST_NODE_TYPES.Identifier &&
          (unwrap(param.parent.right) as TSESTree.Identifier).name === 'undefined';
        if (param.parent?.type === AST_NODE_TYPES.AssignmentPattern && !defaultIsUndefined) return false;
        return Boolean(optional) && !isGuardedAgainstMissing(value.name, ctx.at);
      }
      const init = resolveIdentifier(ctx.sourceCode, value);
      if (!init) return false;
      return mayBeUndefined(init, ctx, depth + 1) && !isGuardedAgainstMissing(value.name, ctx.at);
    }
    case AST_NODE_TYPES.ChainExpression: {
      const root = rootIdentifier(value);
      if (!root) return true;
      return !isGuardedAgainstMissing(root.name, ctx.at);
    }
    case AST_NODE_TYPES.LogicalExpression:
      return value.operator !== '&&' && mayBeUndefined(value.right, ctx, depth + 1);
    case AST_NODE_TYPES.ConditionalExpression:
      return mayBeUndefined(value.consequent, ctx, depth + 1) || mayBeUndefined(value.alternate, ctx, depth + 1);
    default:
      return false;
  }
}
