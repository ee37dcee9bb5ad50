/**
 * Supabase's generated `Database` types (`supabase gen types typescript`), read as the table model of a Supabase
 * project: which tables exist in which schema, their columns (the keys of `Row`), the foreign keys the generator
 * lists under `Relationships`, and the SQL functions callable with `rpc()` (`Functions`: `Args`, `Returns`).
 *
 * The file is parsed with `@typescript-eslint/typescript-estree` (a TypeScript file is read as TypeScript; it is
 * never executed). A table is tenant-owned when it has a tenant column (`tenantColumnsOf`: the tenant fields in either
 * spelling, so `account_id` for `accountId`). A table is a tenant root (Account, Team) when another table's tenant
 * column references it: by a `Relationships` entry whose `columns` hold that tenant column, or, when the generator
 * listed none, by the name convention `account_id` → `accounts` / `account`; `settings.tenantRoots` adds roots.
 *
 * Where the file is: `settings['tenant-guard'].supabaseTypes`; else (in `supabase.ts`) the module the `Database`
 * type argument of `createClient<Database>()` names; else the conventional paths below, from the linted file's
 * package folder, then from the ESLint cwd. Parses are cached by path and mtime, discovery per folder for a few
 * seconds (`file-cache.ts`). A file that does not parse is reported once and contributes no tables.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { warnOnce } from './diagnostics.js';
import { fileCache, findUp, isFile, timedCache } from './file-cache.js';
import { readSettings, toSnakeCase, type TenantGuardSettings } from './settings.js';
import { tenantColumnsOf, type TableInfo } from './tables.js';

export interface SupabaseTableDef {
  schema: string;
  name: string;
  /** A view (`Views`) rather than a table: readable with `from()`, like a table. */
  isView: boolean;
  columns: string[];
  /** Foreign keys from `Relationships`: these columns reference that table. */
  relationships: Array<{ columns: string[]; referencedRelation: string }>;
}

export interface SupabaseFunctionDef {
  schema: string;
  name: string;
  /** Argument names, over every overload. */
  args: string[];
  /** Tables or views whose rows it returns (`Database['public']['Tables']['invoices']['Row'][]`, `SetofOptions.to`). */
  returnsTables: string[];
  /** Column names of an inline returned row type (`Returns: { id: string; account_id: string }[]`). */
  returnsColumns: string[];
}

export interface ParsedSupabaseTypes {
  file: string;
  /** false: the file declares no `Database` type (not a generated types file). */
  hasDatabase: boolean;
  tables: SupabaseTableDef[];
  functions: SupabaseFunctionDef[];
}

export const CONVENTIONAL_TYPES_PATHS = [
  'types/supabase.ts',
  'types/database.types.ts',
  'lib/database.types.ts',
  'lib/supabase/database.types.ts',
  'utils/supabase/database.types.ts',
  'supabase/types.ts',
  'database.types.ts',
].flatMap((path) => [path, `src/${path}`]);

// ---------------------------------------------------------------------------------------------------------------
// Parsing

type TypeNode = TSESTree.TypeNode;

function keyName(member: TSESTree.TypeElement): string | null {
  if (member.type !== AST_NODE_TYPES.TSPropertySignature || member.computed) return null;
  const key = member.key;
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string') return key.value;
  return null;
}

/** The members of a type literal, with their names: `{ a: A; "b-c": B }`. Other shapes (`{ [_ in never]: never }`) give none. */
function membersOf(type: TypeNode | undefined): Array<{ name: string; type: TypeNode | undefined }> {
  if (!type || type.type !== AST_NODE_TYPES.TSTypeLiteral) return [];
  const result: Array<{ name: string; type: TypeNode | undefined }> = [];
  for (const member of type.members) {
    const name = keyName(member);
    if (name !== null) result.push({ name, type: (member as TSESTree.TSPropertySignature).typeAnnotation?.typeAnnotation });
  }
  return result;
}

function member(type: TypeNode | undefined, name: string): TypeNode | undefined {
  return membersOf(type).find((m) => m.name === name)?.type;
}

/** `["a", "b"]` → `['a', 'b']`. */
function stringTuple(type: TypeNode | undefined): string[] {
  if (!type || type.type !== AST_NODE_TYPES.TSTupleType) return [];
  return type.elementTypes.flatMap((t) => (t.type === AST_NODE_TYPES.TSLiteralType && t.literal.type === AST_NODE_TYPES.Literal ? [String(t.literal.value)] : []));
}

function stringLiteral(type: TypeNode | undefined): string | null {
  return type?.type === AST_NODE_TYPES.TSLiteralType && type.literal.type === AST_NODE_TYPES.Literal && typeof type.literal.value === 'string'
    ? type.literal.value
    : null;
}

/** The `Database` type: `export type Database = { … }` or `export interface Database { … }`. */
function findDatabaseType(program: TSESTree.Program): TypeNode | null {
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    if (declaration.type === AST_NODE_TYPES.TSTypeAliasDeclaration && declaration.id.name === 'Database') return declaration.typeAnnotation;
    if (declaration.type === AST_NODE_TYPES.TSInterfaceDeclaration && declaration.id.name === 'Database') {
      return { type: AST_NODE_TYPES.TSTypeLiteral, members: declaration.body.body } as unknown as TypeNode;
    }
  }
  return null;
}

/** Table names in `Database['public']['Tables']['invoices']['Row']` (any nesting, arrays, unions). */
function referencedRows(type: TypeNode | undefined, out: string[]): void {
  if (!type) return;
  switch (type.type) {
    case AST_NODE_TYPES.TSArrayType:
      referencedRows(type.elementType, out);
      return;
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      for (const t of type.types) referencedRows(t, out);
      return;
    case AST_NODE_TYPES.TSIndexedAccessType: {
      const index = stringLiteral(type.indexType);
      const parent = type.objectType;
      if (index === 'Row' && parent.type === AST_NODE_TYPES.TSIndexedAccessType) {
        const table = stringLiteral(parent.indexType);
        if (table) out.push(table);
      }
      return;
    }
    case AST_NODE_TYPES.TSTypeReference:
      // `Tables<'invoices'>`, `Array<…>`
      for (const param of type.typeArguments?.params ?? []) {
        const name = stringLiteral(param);
        if (name && type.typeName.type === AST_NODE_TYPES.Identifier && /^(Tables|Views)$/.test(type.typeName.name)) out.push(name);
        else referencedRows(param, out);
      }
      return;
    default:
  }
}

function inlineColumns(type: TypeNode | undefined): string[] {
  if (!type) return [];
  if (type.type === AST_NODE_TYPES.TSArrayType) return inlineColumns(type.elementType);
  return membersOf(type).map((m) => m.name);
}

/** Each overload of a function: `fn: { Args: …; Returns: … } | { Args: …; Returns: … }`. */
function overloads(type: TypeNode | undefined): TypeNode[] {
  if (!type) return [];
  if (type.type === AST_NODE_TYPES.TSUnionType) return type.types;
  return [type];
}

/** Parses the text of a generated types file. Throws on a syntax error; a file without `Database` has no tables. */
export function parseSupabaseTypes(source: string, file: string): ParsedSupabaseTypes {
  const program = parse(source, { range: true, loc: false, comment: false, jsx: false });
  const database = findDatabaseType(program);
  const result: ParsedSupabaseTypes = { file, hasDatabase: database !== null, tables: [], functions: [] };
  if (!database) return result;
  for (const schema of membersOf(database)) {
    if (schema.name.startsWith('__')) continue; // `__InternalSupabase: { PostgrestVersion: … }`
    for (const [kind, isView] of [['Tables', false], ['Views', true]] as const) {
      for (const table of membersOf(member(schema.type, kind))) {
        const row = member(table.type, 'Row');
        const relationships: SupabaseTableDef['relationships'] = [];
        const list = member(table.type, 'Relationships');
        if (list?.type === AST_NODE_TYPES.TSTupleType) {
          for (const element of list.elementTypes) {
            const referencedRelation = stringLiteral(member(element as TypeNode, 'referencedRelation'));
            const columns = stringTuple(member(element as TypeNode, 'columns'));
            if (referencedRelation && columns.length > 0) relationships.push({ columns, referencedRelation });
          }
        }
        result.tables.push({ schema: schema.name, name: table.name, isView, columns: membersOf(row).map((m) => m.name), relationships });
      }
    }
    for (const fn of membersOf(member(schema.type, 'Functions'))) {
      const args = new Set<string>();
      const returnsTables: string[] = [];
      const returnsColumns = new Set<string>();
      for (const overload of overloads(fn.type)) {
        for (const arg of membersOf(member(overload, 'Args'))) args.add(arg.name);
        const returns = member(overload, 'Returns');
        referencedRows(returns, returnsTables);
        for (const column of inlineColumns(returns)) returnsColumns.add(column);
        const setof = stringLiteral(member(member(overload, 'SetofOptions'), 'to'));
        if (setof) returnsTables.push(setof);
      }
      result.functions.push({ schema: schema.name, name: fn.name, args: [...args], returnsTables: [...new Set(returnsTables)], returnsColumns: [...returnsColumns] });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

/** The table a tenant column points to by name: `account_id` → `accounts`, `account`; `organization_id` → `organizations`. */
function tablesNamedFor(column: string): string[] {
  const stem = toSnakeCase(column).replace(/_id$/, '');
  if (stem === toSnakeCase(column)) return [];
  return [`${stem}s`, stem, `${stem}es`, stem.replace(/y$/, 'ies')];
}

export interface SupabaseModel {
  tables: TableInfo[];
  functions: SupabaseFunctionDef[];
}

/** Foreign keys of the tables built here, by column: `invoices.project_id` → `projects`. */
const foreignKeys = new WeakMap<TableInfo, Map<string, string>>();

/** The table a column of a Supabase table references (by `Relationships`), or null. */
export function referencedTable(table: TableInfo, column: string): string | null {
  return foreignKeys.get(table)?.get(column) ?? null;
}

/** The SQL name a table of `schema` is found under: the bare name in `public`, `schema.name` elsewhere. */
function qualified(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

export function buildSupabaseModel(parsed: ParsedSupabaseTypes, settings: TenantGuardSettings): SupabaseModel {
  const tables: TableInfo[] = parsed.tables.map((def) => {
    const columns = def.columns.map((c) => ({ key: c, sqlName: c }));
    const tenantColumns = tenantColumnsOf(columns, settings, [def.name, `${def.schema}.${def.name}`]);
    const info: TableInfo = { name: def.name, sqlName: qualified(def.schema, def.name), source: 'supabase', columns, tenantColumns, isRoot: false };
    const keys = new Map<string, string>();
    for (const rel of def.relationships) if (rel.columns.length === 1) keys.set(rel.columns[0], rel.referencedRelation);
    foreignKeys.set(info, keys);
    return info;
  });
  const byName = new Map<string, TableInfo>();
  for (const [i, table] of tables.entries()) {
    const key = `${parsed.tables[i].schema}.${table.name}`;
    if (!byName.has(key)) byName.set(key, table);
  }
  const roots = new Set<TableInfo>();
  for (const [i, table] of tables.entries()) {
    const def = parsed.tables[i];
    for (const column of table.tenantColumns) {
      const rel = def.relationships.find((r) => r.columns.includes(column.sqlName));
      const candidates = rel ? [rel.referencedRelation] : tablesNamedFor(column.sqlName);
      for (const name of candidates) {
        const root = byName.get(`${def.schema}.${name}`) ?? byName.get(`public.${name}`);
        if (root && root !== table) {
          roots.add(root);
          break;
        }
      }
    }
  }
  for (const table of tables) {
    if (roots.has(table) || settings.tenantRoots.includes(table.name)) table.isRoot = true;
  }
  return { tables, functions: parsed.functions };
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/**
 * The text of a types file. `supabase gen types typescript > types.ts` in Windows PowerShell 5 writes UTF-16 with a
 * byte-order mark, so the BOM decides the encoding.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const typesCache = fileCache<ParsedSupabaseTypes>((file, mtimeMs) => {
  let text: string;
  try {
    text = decodeText(readFileSync(file));
  } catch {
    return { result: null };
  }
  try {
    const parsed = parseSupabaseTypes(text, file);
    if (!parsed.hasDatabase) {
      return {
        result: parsed,
        warning: {
          key: `supabase-types-empty:${file}:${mtimeMs}`,
          message: `${file} has no \`Database\` type, so it names no Supabase tables. Point settings['tenant-guard'].supabaseTypes at the file \`supabase gen types typescript\` writes.`,
        },
      };
    }
    return { result: parsed };
  } catch (error) {
    const location = (error as { location?: { start?: { line?: number; column?: number } } }).location?.start;
    const where = location?.line ? `:${location.line}:${(location.column ?? 0) + 1}` : '';
    return {
      result: null,
      warning: {
        key: `supabase-types-parse:${file}:${mtimeMs}`,
        message:
          `could not parse Supabase types ${file}${where}: ${(error as Error).message.split('\n')[0]}. Its tables are unknown until it parses ` +
          `(regenerate it with \`supabase gen types typescript\`); declare tenant-owned tables in settings['tenant-guard'].models meanwhile.`,
      },
    };
  }
});

/** Parses one generated types file (cached by path and mtime), or null with a one-time warning if it does not parse. */
export function loadSupabaseTypes(file: string, now = Date.now()): ParsedSupabaseTypes | null {
  return typesCache.load(file, now);
}

const modelCache = new WeakMap<ParsedSupabaseTypes, WeakMap<TenantGuardSettings, SupabaseModel>>();

/** The tables of one types file under these settings: the same object while the file and settings are unchanged. */
export function supabaseModelOf(file: string, settings: TenantGuardSettings): SupabaseModel | null {
  const parsed = loadSupabaseTypes(file);
  if (!parsed) return null;
  let bySettings = modelCache.get(parsed);
  if (!bySettings) modelCache.set(parsed, (bySettings = new WeakMap()));
  let model = bySettings.get(settings);
  if (!model) bySettings.set(settings, (model = buildSupabaseModel(parsed, settings)));
  return model;
}

const discoveryCache = timedCache<string[]>();

/** The types files for a linted file: settings first; else the conventional paths of its package, then of the cwd. */
export function discoverSupabaseTypes(filename: string, cwd: string, explicit: readonly string[], now = Date.now()): string[] {
  if (explicit.length > 0) return explicit.map((p) => (isAbsolute(p) ? p : resolve(cwd, p)));
  const dir = dirname(isAbsolute(filename) ? filename : resolve(cwd, filename));
  const key = `${cwd}\0${dir}`;
  const cached = discoveryCache.get(key, now);
  if (cached) return cached;
  const pkgDir = findUp(dir, (d) => isFile(join(d, 'package.json')));
  let files: string[] = [];
  for (const base of pkgDir && pkgDir !== cwd ? [pkgDir, cwd] : [cwd]) {
    const found = CONVENTIONAL_TYPES_PATHS.map((p) => join(base, p)).find(isFile);
    if (found) {
      files = [found];
      break;
    }
  }
  return discoveryCache.set(key, files, now);
}

const EMPTY: readonly TableInfo[] = Object.freeze([]);
let lastMerge: { parts: readonly TableInfo[][]; tables: TableInfo[] } | undefined;

/** The table source for `table-discovery.ts`: the same array while the files and settings are unchanged. */
export function supabaseTablesFor(filename: string, cwd: string, rawSettings: Readonly<Record<string, unknown>> | undefined): readonly TableInfo[] {
  const settings = readSettings(rawSettings);
  const parts = discoverSupabaseTypes(filename, cwd, settings.supabaseTypes).flatMap((file) => {
    const model = supabaseModelOf(file, settings);
    if (!model && settings.supabaseTypes.length > 0 && !isFile(file)) {
      warnOnce(`supabase-types-missing:${file}`, `settings['tenant-guard'].supabaseTypes names ${file}, which does not exist.`);
    }
    return model ? [model.tables] : [];
  });
  if (parts.length === 0) return EMPTY;
  if (parts.length === 1) return parts[0];
  if (lastMerge && lastMerge.parts.length === parts.length && lastMerge.parts.every((p, i) => p === parts[i])) return lastMerge.tables;
  lastMerge = { parts, tables: parts.flat() };
  return lastMerge.tables;
}

/** For tests and long-lived processes that change the file system under the linter. */
export function clearSupabaseTypesCaches(): void {
  typesCache.clear();
  discoveryCache.clear();
  lastMerge = undefined;
}
