/**
 * Tenant scope of one query level, for the data layers that name tables and columns the way SQL does (raw SQL,
 * Kysely). A level is its row sources (`FROM`, joins, the table an `UPDATE`/`DELETE` changes) and its filter, as
 * predicates over column references; this decides, for each tenant-owned source, whether the filter pins it to one
 * tenant:
 *
 * - a tenant column is compared with a value (`account_id = $1`, `IN (…)`, `= ANY($1)`), in the `WHERE` (ANDed at
 *   the top; an `OR` pins what every branch pins) or in the `JOIN … ON` of that table;
 * - or it is equated with a column that is pinned (`i.account_id = a.id AND a.id = $1`), also a pinned column of an
 *   enclosing query (correlated subqueries);
 * - or the table is joined by an id to a row source that is itself scoped and is not a tenant root
 *   (`JOIN projects p ON p.id = i.project_id` with `i` scoped): those rows belong to the scoped rows.
 *
 * Parts of a filter that cannot be read (an interpolated fragment, a callback we cannot follow) make the level
 * unknown: its unscoped tables are then not reported. Values are opaque here: the callers map them to code.
 */
import type { Node } from './ast.js';
import { findTable, type TableInfo, type TableSet } from './tables.js';

export interface ColumnRef {
  /** The alias or table name before the dot, without quotes; null when unqualified. */
  qualifier: string | null;
  column: string;
}

export interface SqlValue {
  /** Placeholders (`$1`) in the value, for raw SQL. */
  placeholders: string[];
  /** The code that gives the value, for query builders. */
  nodes: Node[];
  /** The value is the result of a subquery (checked on its own): ids it yields are vouched for by that query. */
  fromQuery?: boolean;
}

export type Predicate =
  | { kind: 'and' | 'or'; items: Predicate[] }
  | { kind: 'eq'; column: ColumnRef; value: SqlValue }
  | { kind: 'ref-eq'; left: ColumnRef; right: ColumnRef }
  /** Might pin anything: a placeholder standing for a fragment, a filter built where we cannot see. */
  | { kind: 'unknown' }
  /** Pins nothing (`status = 'open'`, `created_at > $1`, `NOT …`). */
  | { kind: 'none' };

export type JoinKind = 'from' | 'inner' | 'left' | 'right' | 'full' | 'cross';

export interface Source {
  /** The table as written (`invoices`, `public.invoices`); null for a CTE, a derived table or a function. */
  table: string | null;
  /** The name the query qualifies its columns with, when it is not the table's own. */
  alias: string | null;
  join: JoinKind;
  /** The `ON` condition of this source's join. */
  on: Predicate | null;
  verb: 'reads' | 'changes';
  /** For CTEs and derived tables: every tenant-owned table in its body is scoped. */
  virtualScoped?: boolean;
  /** The query reads only this table's id and tenant columns: whose row it is, the first step of an access check. */
  readsOnlyKeys?: boolean;
}

export interface Level {
  sources: Source[];
  where: Predicate | null;
}

export interface Verdict {
  /** Index into the level's sources. */
  source: number;
  table: TableInfo;
  /** The alias the query uses for the table, if any (for the fix). */
  alias: string | null;
  verb: 'reads' | 'changes';
  /** `unscoped-unique`: found by its own id or a parent's id, not by the tenant. */
  kind: 'unscoped' | 'unscoped-unique';
  keys: string[];
  keyValues: SqlValue[];
  /** Every column of the table compared with a value (to recognise credential lookups). */
  equalities: string[];
  readsOnlyKeys: boolean;
}

export interface Scope {
  id: number;
  sources: Array<Source & { info: TableInfo | undefined }>;
  /** Column keys (`scope:source:column`) pinned to a value. */
  pinned: Set<string>;
  scoped: boolean[];
  parent: Scope | null;
}

export interface LevelResult {
  scope: Scope;
  /** Tenant-owned sources that are not scoped, and are reportable (the filter was readable). */
  verdicts: Verdict[];
  /** Column names pinned per source (pushed down into CTEs and derived tables). */
  pinnedColumns: Set<string>[];
  /** Tenant-owned, non-root sources in this level, and how many of them are not proven scoped. */
  tenantSources: number;
  unscopedSources: number;
}

interface Facts {
  pins: Set<string>;
  edges: Array<[string, string]>;
  unknown: boolean;
  /** Top-level `column = value` comparisons, per source key prefix. */
  equalities: Array<{ key: string; column: string; value: SqlValue }>;
}

let nextScopeId = 0;

/** Column and alias names compared the way they are meant: without quotes, case, or `_` (Kysely's CamelCasePlugin). */
const lower = (name: string) => name.replace(/"/g, '').toLowerCase();
const norm = (name: string) => name.replace(/["_]/g, '').toLowerCase();
const keyOf = (scope: Scope, index: number, column: string) => `${scope.id}:${index}:${norm(column)}`;

function parseKey(key: string): { scopeId: number; index: number; column: string } {
  const [scopeId, index, ...rest] = key.split(':');
  return { scopeId: Number(scopeId), index: Number(index), column: rest.join(':') };
}

/** Columns of an identifying kind: the row's own id, a parent's id (`project_id`, `projectId`). */
export function isIdLike(column: string): boolean {
  return /^id$/i.test(column) || /_id$/i.test(column) || /[a-z0-9]Id$/.test(column);
}

function hasColumn(info: TableInfo, column: string): boolean {
  const name = norm(column);
  return info.columns.some((c) => norm(c.sqlName) === name) || info.tenantColumns.some((c) => norm(c.sqlName) === name);
}

function matchesQualifier(source: Scope['sources'][number], qualifier: string): boolean {
  const q = lower(qualifier);
  if (source.alias) return lower(source.alias) === q;
  if (!source.table) return false;
  const table = lower(source.table);
  return table === q || table.split('.').pop() === q;
}

function sourceIndex(scope: Scope, ref: ColumnRef, strict: boolean): number | null {
  const { sources } = scope;
  if (ref.qualifier !== null) {
    const index = sources.findIndex((s) => matchesQualifier(s, ref.qualifier!));
    return index >= 0 ? index : null;
  }
  const byColumn = sources.findIndex((s) => s.info !== undefined && hasColumn(s.info, ref.column));
  if (byColumn >= 0 || strict) return byColumn >= 0 ? byColumn : null;
  if (sources.length === 1) return 0;
  const unknown = sources.map((s, i) => (s.info ? -1 : i)).filter((i) => i >= 0);
  return unknown.length === 1 ? unknown[0] : null;
}

/** The key of a column reference: in this level, else (correlated) in an enclosing one. */
function resolveColumn(scope: Scope, ref: ColumnRef): string | null {
  const local = sourceIndex(scope, ref, false);
  if (local !== null) return keyOf(scope, local, ref.column);
  for (let outer = scope.parent; outer; outer = outer.parent) {
    const index = sourceIndex(outer, ref, ref.qualifier === null);
    if (index !== null) return keyOf(outer, index, ref.column);
  }
  return null;
}

function scopeById(scope: Scope, id: number): Scope | null {
  for (let s: Scope | null = scope; s; s = s.parent) if (s.id === id) return s;
  return null;
}

function isOuterPinned(scope: Scope, key: string): boolean {
  const { scopeId } = parseKey(key);
  if (scopeId === scope.id) return false;
  return scopeById(scope, scopeId)?.pinned.has(key) ?? false;
}

function emptyFacts(): Facts {
  return { pins: new Set(), edges: [], unknown: false, equalities: [] };
}

function factsOf(predicate: Predicate | null, scope: Scope): Facts {
  const facts = emptyFacts();
  if (!predicate) return facts;
  switch (predicate.kind) {
    case 'and':
      for (const item of predicate.items) {
        const inner = factsOf(item, scope);
        for (const pin of inner.pins) facts.pins.add(pin);
        facts.edges.push(...inner.edges);
        facts.equalities.push(...inner.equalities);
        facts.unknown ||= inner.unknown;
      }
      return facts;
    case 'or': {
      const branches = predicate.items.map((item) => factsOf(item, scope));
      for (const branch of branches) facts.unknown ||= branch.unknown;
      const closed = branches.map(closure);
      for (const pin of closed[0] ?? []) if (closed.every((c) => c.has(pin))) facts.pins.add(pin);
      return facts;
    }
    case 'eq': {
      const key = resolveColumn(scope, predicate.column);
      if (key) {
        facts.pins.add(key);
        facts.equalities.push({ key, column: predicate.column.column, value: predicate.value });
      }
      return facts;
    }
    case 'ref-eq': {
      const left = resolveColumn(scope, predicate.left);
      const right = resolveColumn(scope, predicate.right);
      if (!left || !right || left === right) return facts;
      if (isOuterPinned(scope, left)) facts.pins.add(right);
      else if (isOuterPinned(scope, right)) facts.pins.add(left);
      facts.edges.push([left, right]);
      return facts;
    }
    case 'unknown':
      facts.unknown = true;
      return facts;
    case 'none':
      return facts;
  }
}

function merge(a: Facts, b: Facts): Facts {
  return {
    pins: new Set([...a.pins, ...b.pins]),
    edges: [...a.edges, ...b.edges],
    unknown: a.unknown || b.unknown,
    equalities: [...a.equalities, ...b.equalities],
  };
}

/** Every key equal to a pinned key, through the equalities. */
function closure(facts: Facts): Set<string> {
  const pinned = new Set(facts.pins);
  if (facts.edges.length === 0) return pinned;
  for (let changed = true; changed; ) {
    changed = false;
    for (const [a, b] of facts.edges) {
      if (pinned.has(a) && !pinned.has(b)) {
        pinned.add(b);
        changed = true;
      } else if (pinned.has(b) && !pinned.has(a)) {
        pinned.add(a);
        changed = true;
      }
    }
  }
  return pinned;
}

/** The groups of keys the equalities make equal. */
function classes(edges: ReadonlyArray<[string, string]>): string[][] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(k, root);
    return root;
  };
  for (const [a, b] of edges) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    parent.set(find(a), find(b));
  }
  const groups = new Map<string, string[]>();
  for (const key of parent.keys()) {
    const root = find(key);
    groups.set(root, [...(groups.get(root) ?? []), key]);
  }
  return [...groups.values()];
}

const isInner = (join: JoinKind) => join === 'from' || join === 'inner' || join === 'cross';

export function evaluateLevel(level: Level, tables: TableSet, parent: Scope | null, pushdown?: ReadonlySet<string>): LevelResult {
  const scope: Scope = {
    id: nextScopeId++,
    sources: level.sources.map((s) => ({ ...s, info: s.table ? findTable(tables, s.table) : undefined })),
    pinned: new Set(),
    scoped: [],
    parent,
  };
  const { sources } = scope;

  // The filter every row satisfies: WHERE and the ON of inner joins. An outer join's ON restricts only its table.
  let global = factsOf(level.where, scope);
  for (const source of sources) if (source.on && isInner(source.join)) global = merge(global, factsOf(source.on, scope));
  if (pushdown) {
    for (let i = 0; i < sources.length; i++) for (const column of pushdown) global.pins.add(keyOf(scope, i, column));
  }
  const perSource: Facts[] = sources.map((s) => (s.on && !isInner(s.join) ? merge(global, factsOf(s.on, scope)) : global));
  const pinnedPer = perSource.map((facts) => (facts === global ? null : closure(facts)));
  const globalPinned = closure(global);
  scope.pinned = globalPinned;
  const pinnedFor = (i: number) => pinnedPer[i] ?? globalPinned;

  // Seeds: a pinned tenant column (or a root pinned by its id), a CTE whose body was scoped.
  scope.scoped = sources.map((source, i) => {
    if (source.virtualScoped) return true;
    const info = source.info;
    if (!info) return false;
    const pinned = pinnedFor(i);
    if (info.tenantColumns.some((c) => pinned.has(keyOf(scope, i, c.sqlName)))) return true;
    return info.isRoot && pinned.has(keyOf(scope, i, 'id'));
  });

  // Rows joined by an id to scoped rows of a table that is not the tenant itself belong to the same tenant:
  // `notes.invoice_id = invoices.id` (children of scoped rows), `projects.id = invoices.project_id` (their parents),
  // also through a chain of equalities (`n.invoice_id = li.invoice_id = i.id`).
  const isScopedNonRoot = (key: string): boolean => {
    const { scopeId, index } = parseKey(key);
    const owner = scopeById(scope, scopeId);
    if (!owner || !owner.scoped[index]) return false;
    return !owner.sources[index].info?.isRoot;
  };
  const classesPer = perSource.map((facts) => (facts === global ? null : classes(facts.edges)));
  const globalClasses = classes(global.edges);
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < sources.length; i++) {
      if (scope.scoped[i]) continue;
      const prefix = `${scope.id}:${i}:`;
      for (const members of classesPer[i] ?? globalClasses) {
        const mine = members.filter((k) => k.startsWith(prefix));
        if (mine.length === 0) continue;
        const others = members.filter((k) => !k.startsWith(prefix) && isScopedNonRoot(k));
        const byId = (keys: string[]) => keys.some((k) => parseKey(k).column === 'id');
        if (others.length > 0 && (byId(mine) || byId(others))) {
          scope.scoped[i] = true;
          changed = true;
          break;
        }
      }
    }
  }

  const verdicts: Verdict[] = [];
  let tenantSources = 0;
  let unscopedSources = 0;
  sources.forEach((source, i) => {
    const info = source.info;
    if (!info || info.tenantColumns.length === 0 || info.isRoot) return;
    tenantSources++;
    if (scope.scoped[i]) return;
    unscopedSources++;
    const facts = perSource[i];
    if (facts.unknown) return;
    const tenant = new Set(info.tenantColumns.map((c) => norm(c.sqlName)));
    const mine = facts.equalities.filter((e) => {
      const k = parseKey(e.key);
      return k.scopeId === scope.id && k.index === i;
    });
    const keyed = mine.filter((e) => !tenant.has(norm(e.column)) && isIdLike(e.column));
    verdicts.push({
      source: i,
      table: info,
      alias: source.alias,
      verb: source.verb,
      kind: keyed.length > 0 ? 'unscoped-unique' : 'unscoped',
      keys: [...new Set(keyed.map((e) => e.column))],
      keyValues: keyed.map((e) => e.value),
      equalities: mine.map((e) => e.column),
      readsOnlyKeys: source.readsOnlyKeys ?? false,
    });
  });

  const pinnedColumns = sources.map((_, i) => {
    const prefix = `${scope.id}:${i}:`;
    return new Set([...pinnedFor(i)].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  });
  return { scope, verdicts, pinnedColumns, tenantSources, unscopedSources };
}
