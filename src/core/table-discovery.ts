/**
 * Every table known for a linted file, from every source: the Prisma schema (by database names), and the data
 * layers with definitions of their own (Drizzle table definitions, Supabase generated types). Each source caches
 * its own discovery and returns the same array while nothing changed; this only merges them, once per distinct
 * combination of those arrays.
 */
import { buildTableSet, tablesFromPrisma, type TableInfo, type TableSet } from './tables.js';
import type { TenantModel } from './tenant-model.js';
import { supabaseTablesFor } from './supabase-types.js';
import { projectDrizzleTables } from './drizzle-schema.js';

export interface TableSources {
  filename: string;
  cwd: string;
  rawSettings: Readonly<Record<string, unknown>> | undefined;
  prisma: TenantModel;
}

/** A source of tables: returns the same array object for as long as its inputs are unchanged (its cache). */
type TableSource = (sources: TableSources) => readonly TableInfo[];

const prismaCache = new WeakMap<TenantModel, TableInfo[]>();
const fromPrisma: TableSource = ({ prisma }) => {
  let tables = prismaCache.get(prisma);
  if (!tables) {
    tables = tablesFromPrisma(prisma);
    prismaCache.set(prisma, tables);
  }
  return tables;
};

const fromSupabase: TableSource = ({ filename, cwd, rawSettings }) => supabaseTablesFor(filename, cwd, rawSettings);

/** Drizzle tables of the project (drizzle.config `schema`, or settings `drizzleSchema`). */
const fromDrizzle: TableSource = ({ filename, cwd, rawSettings }) => projectDrizzleTables(filename, cwd, rawSettings);

/** In priority order: the first source that names a table decides what it is. */
const SOURCES: TableSource[] = [fromPrisma, fromDrizzle, fromSupabase];

let last: { parts: readonly (readonly TableInfo[])[]; set: TableSet } | undefined;

export function tablesForFile(sources: TableSources): TableSet {
  const parts = SOURCES.map((source) => source(sources));
  if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.set;
  const set = buildTableSet(parts.flat());
  last = { parts, set };
  return set;
}
