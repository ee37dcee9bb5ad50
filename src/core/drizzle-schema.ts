/**
 * Drizzle table definitions: `export const invoices = pgTable('invoices', { teamId: integer('team_id')
 * .references(() => teams.id) })`, also `mysqlTable`, `sqliteTable`, `pgSchema(...).table`, tables made with
 * `pgTableCreator`, and the callback column form (`(t) => ({ ... })`). Read from ESTree (the linted file's own,
 * or a module parsed once per mtime), so no project code runs.
 */
import { readdirSync, statSync } from 'node:fs';
import { findUp, isFile, timedCache } from './file-cache.js';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { calleeName, memberName, propertyKeyName, unwrap, type Node } from './ast.js';
import { parseModule, readModuleText, resolveImport } from './modules.js';
import { readSettings, type TenantGuardSettings } from './settings.js';
import { tenantColumnsOf, type TableColumn, type TableInfo } from './tables.js';

export interface DrizzleColumn extends TableColumn {
  isUnique: boolean;
  /** `.references(() => teams.id)`: the binding of the table it points to. */
  references?: string;
}

export interface DrizzleTable extends TableInfo {
  source: 'drizzle';
  /** The exported binding (`invoices`): what code names in `.from(invoices)` and `db.query.invoices`. */
  binding: string;
  columns: DrizzleColumn[];
  file: string;
}

const TABLE_FACTORIES = new Set(['pgTable', 'mysqlTable', 'sqliteTable', 'singlestoreTable', 'gelTable']);
const TABLE_CREATORS = new Set(['pgTableCreator', 'mysqlTableCreator', 'sqliteTableCreator', 'singlestoreTableCreator']);

/** The root builder of a column chain (`integer('team_id')` in `integer('team_id').notNull().references(...)`). */
function columnOf(key: string, value: Node): DrizzleColumn | null {
  let current = unwrap(value);
  let sqlName: string | null = null;
  let isUnique = false;
  let references: string | undefined;
  for (let depth = 0; depth < 20 && current.type === AST_NODE_TYPES.CallExpression; depth++) {
    const call: TSESTree.CallExpression = current;
    const name = calleeName(call);
    if (name === 'primaryKey' || name === 'unique') isUnique = true;
    if (name === 'references') {
      const target = call.arguments[0];
      if (target && (target.type === AST_NODE_TYPES.ArrowFunctionExpression || target.type === AST_NODE_TYPES.FunctionExpression)) {
        const body = target.body.type === AST_NODE_TYPES.BlockStatement ? null : unwrap(target.body);
        if (body?.type === AST_NODE_TYPES.MemberExpression && body.object.type === AST_NODE_TYPES.Identifier) references = body.object.name;
      }
    }
    if (call.callee.type === AST_NODE_TYPES.MemberExpression && unwrap(call.callee.object).type === AST_NODE_TYPES.CallExpression) {
      current = unwrap(call.callee.object);
      continue;
    }
    // The builder itself: `integer('team_id')`, `t.integer('team_id')`, `integer()` (the key is the name).
    const first = call.arguments[0];
    if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') sqlName = first.value;
    break;
  }
  if (current.type !== AST_NODE_TYPES.CallExpression) return null;
  return { key, sqlName: sqlName ?? key, isUnique, references };
}

function columnsOf(node: Node): DrizzleColumn[] {
  let object = unwrap(node);
  if (object.type === AST_NODE_TYPES.ArrowFunctionExpression || object.type === AST_NODE_TYPES.FunctionExpression) {
    const body = object.body;
    if (body.type === AST_NODE_TYPES.BlockStatement) {
      const ret = body.body.find((s) => s.type === AST_NODE_TYPES.ReturnStatement) as TSESTree.ReturnStatement | undefined;
      if (!ret?.argument) return [];
      object = unwrap(ret.argument);
    } else object = unwrap(body);
  }
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  const columns: DrizzleColumn[] = [];
  for (const prop of object.properties) {
    if (prop.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyKeyName(prop);
    const column = key ? columnOf(key, prop.value) : null;
    if (column) columns.push(column);
  }
  return columns;
}

/** Is this call a table definition, given the table creators the module declared? */
function isTableCall(call: TSESTree.CallExpression, creators: Set<string>): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return TABLE_FACTORIES.has(callee.name) || creators.has(callee.name);
  // `mySchema.table('invoices', {...})` where `const mySchema = pgSchema('app')`
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'table';
}

/** The tables a module defines, exported or not (unexported ones can still be used in the same file). */
export function tablesInProgram(program: TSESTree.Program, file: string, settings: TenantGuardSettings): DrizzleTable[] {
  const creators = new Set<string>();
  const tables: DrizzleTable[] = [];
  const visitDeclaration = (declaration: TSESTree.VariableDeclaration) => {
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) continue;
      const init = unwrap(declarator.init);
      if (init.type !== AST_NODE_TYPES.CallExpression) continue;
      const name = calleeName(init);
      if (name && TABLE_CREATORS.has(name)) {
        creators.add(declarator.id.name);
        continue;
      }
      if (!isTableCall(init, creators)) continue;
      const [nameArg, columnsArg] = init.arguments;
      if (!nameArg || nameArg.type !== AST_NODE_TYPES.Literal || typeof nameArg.value !== 'string' || !columnsArg) continue;
      const binding = declarator.id.name;
      const columns = columnsOf(columnsArg);
      tables.push({
        name: binding,
        binding,
        sqlName: nameArg.value,
        source: 'drizzle',
        columns,
        tenantColumns: tenantColumnsOf(columns, settings, [binding, nameArg.value]),
        isRoot: false,
        file,
      });
    }
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.VariableDeclaration) visitDeclaration(statement);
    else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      visitDeclaration(statement.declaration);
    }
  }
  markRoots(tables);
  return tables;
}

/** A table that tenant columns reference is a tenant root (Teams, Organizations). */
export function markRoots(tables: DrizzleTable[]): void {
  const byBinding = new Map(tables.map((t) => [t.binding, t]));
  for (const table of tables) {
    for (const column of table.tenantColumns as DrizzleColumn[]) {
      const target = column.references ? byBinding.get(column.references) : undefined;
      if (target && target !== table) target.isRoot = true;
    }
  }
}

const moduleTables = new Map<string, { program: TSESTree.Program; settingsKey: string; tables: DrizzleTable[] }>();

/** The tables a module file defines, parsed once per mtime. */
export function tablesInModule(file: string, settings: TenantGuardSettings): DrizzleTable[] {
  const program = parseModule(file);
  if (!program) return [];
  const settingsKey = JSON.stringify(settings);
  const cached = moduleTables.get(file);
  if (cached && cached.program === program && cached.settingsKey === settingsKey) return cached.tables;
  const tables = tablesInProgram(program, file, settings);
  moduleTables.set(file, { program, settingsKey, tables });
  return tables;
}

/**
 * The Drizzle table an imported binding names: `import { invoices } from '@/db/schema'`, following
 * `export * from './invoices'` and `export { invoices } from './tables'` a few levels.
 */
export function importedTable(file: string, exportName: string, settings: TenantGuardSettings, depth = 0): DrizzleTable | null {
  if (depth > 4) return null;
  const own = tablesInModule(file, settings).find((t) => t.binding === exportName);
  if (own) return own;
  const program = parseModule(file);
  if (!program) return null;
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
      const target = resolveImport(statement.source.value, file);
      const found = target ? importedTable(target, exportName, settings, depth + 1) : null;
      if (found) return found;
    }
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source) {
      for (const spec of statement.specifiers) {
        const exported = spec.exported.type === AST_NODE_TYPES.Identifier ? spec.exported.name : spec.exported.value;
        if (exported !== exportName) continue;
        const local = spec.local.type === AST_NODE_TYPES.Identifier ? spec.local.name : spec.local.value;
        const target = resolveImport(statement.source.value, file);
        return target ? importedTable(target, local, settings, depth + 1) : null;
      }
    }
  }
  return null;
}

// drizzle.config ---------------------------------------------------------------------------------------------------

const CONFIG_NAMES = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.cjs'];

function schemaFilesIn(path: string, depth = 0): string[] {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return /\.[cm]?[jt]sx?$/.test(path) ? [path] : [];
    if (!stat.isDirectory() || depth > 3) return [];
    return readdirSync(path)
      .filter((n) => n !== 'node_modules' && !n.startsWith('.'))
      .sort()
      .flatMap((n) => schemaFilesIn(join(path, n), depth + 1));
  } catch {
    return [];
  }
}

/** `schema: './src/db/schema.ts'` or `schema: ['./a.ts', './b/']` in drizzle.config.* (read as text, never run). */
export function schemaFilesFromConfig(dir: string): string[] {
  for (const name of CONFIG_NAMES) {
    const file = join(dir, name);
    if (!isFile(file)) continue;
    const text = readModuleText(file) ?? '';
    const match = /\bschema\s*:\s*(\[[^\]]*\]|(['"`])[^'"`]+\2)/.exec(text);
    if (!match) return [];
    const paths = [...match[1].matchAll(/(['"`])([^'"`]+)\1/g)].map((m) => m[2]);
    return paths.flatMap((p) => schemaFilesIn(resolve(dir, p.replace(/\/\*.*$/, ''))));
  }
  return [];
}

interface ProjectTables {
  checkedAt: number;
  files: string[];
  parts: DrizzleTable[][];
  tables: DrizzleTable[];
}
const projectCache = new Map<string, ProjectTables>();

const configDirs = timedCache<string | null>();

/** The nearest folder holding a `drizzle.config.*`, memoised per folder (this is asked for every linted file). */
function configDirOf(dir: string): string | null {
  const cached = configDirs.get(dir);
  if (cached !== undefined) return cached;
  return configDirs.set(dir, findUp(dir, (d) => CONFIG_NAMES.some((n) => isFile(join(d, n)))));
}

/**
 * Every Drizzle table of the project a file belongs to: the schema files named in settings (`drizzleSchema`) or in
 * the nearest `drizzle.config.*` (also at the cwd). The same array is returned while nothing changed.
 */
export function projectDrizzleTables(filename: string, cwd: string, rawSettings: Readonly<Record<string, unknown>> | undefined): DrizzleTable[] {
  const settings = readSettings(rawSettings);
  const absolute = isAbsolute(filename) ? filename : resolve(cwd, filename);
  const configDir = configDirOf(dirname(absolute)) ?? cwd;
  const key = `${configDir}\0${JSON.stringify(settings)}`;
  const now = Date.now();
  const cached = projectCache.get(key);
  if (cached && now - cached.checkedAt < 2000) return cached.tables;
  const files = settings.drizzleSchema.length > 0 ? settings.drizzleSchema.flatMap((p) => schemaFilesIn(resolve(cwd, p))) : schemaFilesFromConfig(configDir);
  const parts = files.map((f) => tablesInModule(f, settings));
  if (cached && cached.files.join('\0') === files.join('\0') && cached.parts.every((p, i) => p === parts[i])) {
    cached.checkedAt = now;
    return cached.tables;
  }
  const tables = parts.flat();
  markRoots(tables);
  projectCache.set(key, { checkedAt: now, files, parts, tables });
  return tables;
}
