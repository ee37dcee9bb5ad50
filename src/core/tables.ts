/**
 * Tables as SQL sees them, for the data layers that name tables and columns directly (Drizzle, Supabase, Kysely,
 * raw SQL). Built from the same sources as the Prisma tenant model — `schema.prisma` (`@@map`/`@map`), settings —
 * plus each layer's own definitions (Drizzle `pgTable`, Supabase `Database` types), so one project has one answer
 * to "is `invoices` tenant-owned, and by which column?".
 */
import { toSnakeCase, type TenantGuardSettings } from './settings.js';
import type { TenantModel } from './tenant-model.js';

export interface TableColumn {
  /** The name in code: Prisma field, Drizzle column key (`teamId`), Supabase column (`team_id`). */
  key: string;
  /** The SQL column name (`team_id`). */
  sqlName: string;
}

export interface TableInfo {
  /** The name code uses: Prisma model, Drizzle export binding, Supabase table name. */
  name: string;
  /** The SQL table name (`invoices`). */
  sqlName: string;
  source: 'prisma' | 'drizzle' | 'supabase' | 'settings';
  columns: TableColumn[];
  /** Tenant columns, primary first. Empty: not tenant-owned. */
  tenantColumns: TableColumn[];
  /** The tenant itself (Account, Team): one row by key is fine, many rows are a list of every tenant. */
  isRoot: boolean;
}

export interface TableSet {
  /** By lower-cased SQL name; a schema-qualified name (`public.invoices`) is also found under its last part. */
  bySqlName: Map<string, TableInfo>;
}

/** Which of these columns are tenant columns, in the settings' priority order (either spelling matches). */
export function tenantColumnsOf(columns: readonly TableColumn[], settings: TenantGuardSettings, tableNames: readonly string[]): TableColumn[] {
  for (const name of tableNames) {
    const pinned = settings.models[name];
    if (pinned === false) return [];
    if (pinned) {
      return pinned.map((field) => columns.find((c) => c.key === field || c.sqlName === field) ?? { key: field, sqlName: toSnakeCase(field) });
    }
  }
  const result: TableColumn[] = [];
  for (const field of settings.tenantFields) {
    const snake = toSnakeCase(field);
    const column = columns.find((c) => c.key === field || c.sqlName === field || c.key === snake || c.sqlName === snake);
    if (column && !result.includes(column)) result.push(column);
  }
  return result;
}

/** Tables of the Prisma tenant model, under their database names. */
export function tablesFromPrisma(tenant: TenantModel): TableInfo[] {
  const tables: TableInfo[] = [];
  for (const model of tenant.models.values()) {
    if (model.fromSettingsOnly) continue;
    const columns = [...model.fields.values()].filter((f) => !f.isList && !tenant.models.has(f.type)).map((f) => ({ key: f.name, sqlName: f.dbName }));
    const tenantColumns = model.tenantFields.map((t) => columns.find((c) => c.key === t) ?? { key: t, sqlName: t });
    tables.push({ name: model.name, sqlName: model.dbName, source: 'prisma', columns, tenantColumns, isRoot: model.isRoot });
  }
  return tables;
}

export function buildTableSet(tables: readonly TableInfo[]): TableSet {
  const bySqlName = new Map<string, TableInfo>();
  for (const table of tables) {
    const key = table.sqlName.toLowerCase();
    if (!bySqlName.has(key)) bySqlName.set(key, table);
  }
  return { bySqlName };
}

export function findTable(tables: TableSet, sqlName: string): TableInfo | undefined {
  const lower = sqlName.replace(/"/g, '').toLowerCase();
  return tables.bySqlName.get(lower) ?? tables.bySqlName.get(lower.split('.').pop()!);
}

