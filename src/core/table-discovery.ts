/**
 * Every table known for a linted file, from every source: the Prisma schema (by database names) — and each data
 * layer with definitions of its own (Drizzle table definitions, Supabase generated types) adds its source here.
 * Sources are cached by their own discovery; this only merges them, once per distinct combination.
 */
import { buildTableSet, tablesFromPrisma, type TableInfo, type TableSet } from './tables.js';
import type { TenantModel } from './tenant-model.js';

export interface TableSources {
  filename: string;
  cwd: string;
  rawSettings: Readonly<Record<string, unknown>> | undefined;
  prisma: TenantModel;
}

const merged = new Map<string, { parts: readonly object[]; set: TableSet }>();

export function tablesForFile(sources: TableSources): TableSet {
  const parts: Array<{ id: object; tables: readonly TableInfo[] }> = [{ id: sources.prisma, tables: prismaTables(sources.prisma) }];
  const key = 'all';
  const cached = merged.get(key);
  if (cached && cached.parts.length === parts.length && cached.parts.every((p, i) => p === parts[i].id)) return cached.set;
  const set = buildTableSet(parts.flatMap((p) => p.tables));
  merged.set(key, { parts: parts.map((p) => p.id), set });
  return set;
}

const prismaCache = new WeakMap<TenantModel, TableInfo[]>();
function prismaTables(prisma: TenantModel): TableInfo[] {
  let tables = prismaCache.get(prisma);
  if (!tables) {
    tables = tablesFromPrisma(prisma);
    prismaCache.set(prisma, tables);
  }
  return tables;
}
