/**
 * Finding and parsing `schema.prisma`.
 *
 * Parsed with `@mrleebo/prisma-ast`, a real grammar (chevrotain) that runs in-process in a few milliseconds.
 * Prisma's own `getDMMF` (`@prisma/internals`) would be exact but pulls a WebAssembly engine and ~100 MB of
 * dependencies into every user's lint run, and it rejects schemas that merely fail validation (e.g. a missing
 * datasource in a multi-file schema). A linter needs the structure, not validation.
 *
 * Everything is cached per process: discovery by directory (re-checked every few seconds so an editor session
 * notices a schema created later), parse results by file path and mtime (so an edited schema is re-read).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { getSchema, type Block } from '@mrleebo/prisma-ast';
import { fileCache, findUp, isDirectory, isFile, nearestDirWith, timedCache } from './file-cache.js';

export interface PrismaField {
  name: string;
  /** Scalar type (`String`) or related model name (`Account`). */
  type: string;
  isList: boolean;
  isOptional: boolean;
  isId: boolean;
  isUnique: boolean;
  /** `@map("account_id")`, else the field name. */
  dbName: string;
  /** Present on the side of a relation that holds the foreign key: `@relation(fields: [accountId], references: [id])`. */
  relationFields?: string[];
  relationReferences?: string[];
  relationName?: string;
}

export interface PrismaModelDef {
  name: string;
  /** `@@map("invoices")`, else the model name. */
  dbName: string;
  fields: PrismaField[];
  /** Every unique key: `@id`, `@unique`, `@@id([...])`, `@@unique([...])`. */
  uniqueKeys: string[][];
  /** Names given to compound keys with `name:` (`@@unique([a, b], name: "ab")`), by field list joined with `_`. */
  compoundKeyNames: Map<string, string[]>;
  /** Where it was defined, for messages. */
  file: string;
}

export interface ParsedSchemaFile {
  file: string;
  models: PrismaModelDef[];
  /** Scalar-like names declared in the file (enums, composite types): a field of that type is no relation. */
  nonModelTypes: string[];
}

const SCALARS = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes', 'Unsupported']);

// ---------------------------------------------------------------------------------------------------------------
// Parsing

function unquote(value: unknown): string {
  return typeof value === 'string' ? value.replace(/^"(.*)"$/, '$1') : String(value);
}

function arrayArg(value: unknown): string[] | undefined {
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'array') {
    return (value as { args: unknown[] }).args.map((a) => unquote(a));
  }
  return undefined;
}

type AttributeArg = { type: 'attributeArgument'; value: unknown };

function keyValue(args: AttributeArg[] | undefined, key: string): unknown {
  for (const arg of args ?? []) {
    const v = arg.value as { type?: string; key?: string; value?: unknown };
    if (v && typeof v === 'object' && v.type === 'keyValue' && v.key === key) return v.value;
  }
  return undefined;
}

function positional(args: AttributeArg[] | undefined, index: number): unknown {
  const plain = (args ?? []).filter((a) => (a.value as { type?: string })?.type !== 'keyValue');
  return plain[index]?.value;
}

export function parseSchemaSource(source: string, file: string): ParsedSchemaFile {
  const schema = getSchema(source);
  const models: PrismaModelDef[] = [];
  const nonModelTypes: string[] = [];
  for (const block of schema.list as Block[]) {
    if (block.type === 'enum' || block.type === 'type') nonModelTypes.push(block.name);
    if (block.type !== 'model' && block.type !== 'view') continue;
    const model: PrismaModelDef = { name: block.name, dbName: block.name, fields: [], uniqueKeys: [], compoundKeyNames: new Map(), file };
    for (const prop of block.properties) {
      if (prop.type === 'field') {
        const attrs = (prop.attributes ?? []) as Array<{ name: string; args?: AttributeArg[]; group?: string }>;
        const field: PrismaField = {
          name: prop.name,
          type: typeof prop.fieldType === 'string' ? prop.fieldType : prop.fieldType.name,
          isList: Boolean(prop.array),
          isOptional: Boolean(prop.optional),
          isId: attrs.some((a) => a.name === 'id' && !a.group),
          isUnique: attrs.some((a) => a.name === 'unique' && !a.group),
          dbName: prop.name,
        };
        for (const attr of attrs) {
          if (attr.group) continue;
          if (attr.name === 'map') field.dbName = unquote(positional(attr.args, 0) ?? keyValue(attr.args, 'name') ?? prop.name);
          if (attr.name === 'relation') {
            field.relationFields = arrayArg(keyValue(attr.args, 'fields'));
            field.relationReferences = arrayArg(keyValue(attr.args, 'references'));
            const name = keyValue(attr.args, 'name') ?? positional(attr.args, 0);
            if (typeof name === 'string') field.relationName = unquote(name);
          }
        }
        if (field.isId || field.isUnique) model.uniqueKeys.push([field.name]);
        model.fields.push(field);
      } else if (prop.type === 'attribute') {
        const attr = prop as { name: string; args?: AttributeArg[] };
        if (attr.name === 'map') model.dbName = unquote(positional(attr.args, 0) ?? model.name);
        if (attr.name === 'id' || attr.name === 'unique') {
          const fields = arrayArg(positional(attr.args, 0)) ?? arrayArg(keyValue(attr.args, 'fields'));
          if (fields && fields.length > 0) {
            model.uniqueKeys.push(fields);
            const name = keyValue(attr.args, 'name');
            if (typeof name === 'string') model.compoundKeyNames.set(unquote(name), fields);
          }
        }
      }
    }
    models.push(model);
  }
  return { file, models, nonModelTypes };
}

export function isScalarType(type: string): boolean {
  return SCALARS.has(type);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading files, cached by mtime

const schemaCache = fileCache<ParsedSchemaFile>((file, mtimeMs) => {
  try {
    return { result: parseSchemaSource(readFileSync(file, 'utf8'), file) };
  } catch (error) {
    const token = (error as { token?: { startLine?: number; startColumn?: number } }).token;
    const where = token?.startLine ? `:${token.startLine}:${token.startColumn ?? 1}` : '';
    const reason = (error as Error).message.split('\n')[0];
    return {
      result: null,
      warning: {
        key: `schema-parse:${file}:${mtimeMs}`,
        message:
          `could not parse Prisma schema ${file}${where}: ${reason}. Tenant-owned models from this file are unknown until it parses; ` +
          `declare them in settings['tenant-guard'].models meanwhile.`,
      },
    };
  }
});

/** Parses one schema file, or returns null (with a one-time warning naming file, line and cause) if it is malformed. */
export function loadSchemaFile(file: string, now = Date.now()): ParsedSchemaFile | null {
  return schemaCache.load(file, now);
}

// ---------------------------------------------------------------------------------------------------------------
// Discovery

/** All `.prisma` files below a folder (Prisma's multi-file schemas may nest), skipping migrations and node_modules. */
function prismaFilesIn(dir: string, depth = 0): string[] {
  if (depth > 3) return [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.prisma')) files.push(path);
    else if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'migrations' && !entry.name.startsWith('.')) {
      files.push(...prismaFilesIn(path, depth + 1));
    }
  }
  return files.sort();
}

function readJson(path: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Expands a schema location (file, or folder of `.prisma` files) into files. */
function expandLocation(path: string): string[] {
  if (isFile(path)) return [path];
  if (isDirectory(path)) return prismaFilesIn(path);
  return [];
}

/**
 * `schema` in a Prisma 6+ `prisma.config.ts` (`defineConfig({ schema: "./schema" })`). Read as text, not run: a
 * linter must not execute project code, and the value is a string literal in practice.
 */
function schemaFromPrismaConfig(pkgDir: string): string | null {
  for (const name of ['prisma.config.ts', 'prisma.config.mts', 'prisma.config.js', 'prisma.config.mjs']) {
    let text: string;
    try {
      text = readFileSync(join(pkgDir, name), 'utf8');
    } catch {
      continue;
    }
    const match = /\bschema\s*:\s*(['"`])([^'"`]+)\1/.exec(text);
    if (match) return match[2];
  }
  return null;
}

const packageSchemas = timedCache<string[]>();

/** The schema of one package folder, by Prisma's own lookup order. Memoised: many folders share a package. */
function schemaOfPackage(pkgDir: string): string[] {
  const cached = packageSchemas.get(pkgDir);
  if (cached) return cached;
  return packageSchemas.set(pkgDir, findSchemaOfPackage(pkgDir));
}

function findSchemaOfPackage(pkgDir: string): string[] {
  const pkg = readJson(join(pkgDir, 'package.json'));
  const fromPackageJson = (pkg?.prisma as { schema?: unknown } | undefined)?.schema;
  for (const configured of [fromPackageJson, schemaFromPrismaConfig(pkgDir)]) {
    if (typeof configured !== 'string') continue;
    const files = expandLocation(resolve(pkgDir, configured));
    if (files.length > 0) return files;
  }
  for (const candidate of ['prisma/schema.prisma', 'schema.prisma', 'prisma/schema']) {
    const files = expandLocation(join(pkgDir, candidate));
    if (files.length > 0) return files;
  }
  return [];
}

function isWorkspaceRoot(dir: string): boolean {
  if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, 'turbo.json')) || existsSync(join(dir, 'lerna.json'))) {
    return true;
  }
  const pkg = readJson(join(dir, 'package.json'));
  return Boolean(pkg && pkg.workspaces);
}

const WORKSPACE_FOLDERS = ['packages', 'apps', 'libs', 'services'];

/** In a monorepo, the schemas that live in workspace packages (`packages/db/prisma/schema.prisma`, ...). */
function schemasOfWorkspace(root: string): string[] {
  const files: string[] = [];
  for (const folder of WORKSPACE_FOLDERS) {
    let entries;
    try {
      entries = readdirSync(join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...schemaOfPackage(join(root, folder, entry.name)));
    }
  }
  return files;
}

const discoveryCache = timedCache<string[]>();

/**
 * The schema files that describe the code in `filename`: explicit settings first; else the nearest package's
 * schema, the ESLint cwd's schema, and in a monorepo the schemas of the workspace's packages.
 */
export function discoverSchemaFiles(filename: string, cwd: string, explicit: string[], now = Date.now()): string[] {
  if (explicit.length > 0) {
    return explicit.flatMap((p) => expandLocation(isAbsolute(p) ? p : resolve(cwd, p)));
  }
  const absolute = isAbsolute(filename) ? filename : resolve(cwd, filename);
  const dir = dirname(absolute);
  const key = `${cwd}\0${dir}`;
  const cached = discoveryCache.get(key, now);
  if (cached) return cached;

  let files: string[] = [];
  const pkgDir = nearestDirWith(dir, 'package.json', now);
  if (pkgDir) files = schemaOfPackage(pkgDir);
  if (files.length === 0 && pkgDir !== cwd) files = schemaOfPackage(cwd);
  if (files.length === 0) {
    const root = findUp(pkgDir ?? cwd, isWorkspaceRoot) ?? cwd;
    files = schemaOfPackage(root);
    if (files.length === 0) files = schemasOfWorkspace(root);
  }
  return discoveryCache.set(key, files, now);
}

/** For tests and long-lived processes that change the file system under the linter. */
export function clearSchemaCaches(): void {
  schemaCache.clear();
  discoveryCache.clear();
  packageSchemas.clear();
}
