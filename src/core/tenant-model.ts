/**
 * The tenant model: which Prisma models are tenant-owned, by which field, and which models are the tenant itself.
 *
 * A model is tenant-owned when it has one of the tenant fields (settings can pin the field or mark a model public).
 * The models those fields point to through `@relation` are the tenant roots (Account, Team, User): a single root
 * row fetched by a unique key is fine; many of them at once is a list of every tenant.
 */
import { discoverSchemaFiles, isScalarType, loadSchemaFile, type PrismaField, type PrismaModelDef } from './prisma-schema.js';
import { readSettings, toSnakeCase, type TenantGuardSettings } from './settings.js';

export interface ModelInfo {
  name: string;
  /** The Prisma client property: `Invoice` → `invoice`, `APIKey` → `aPIKey` (Prisma lower-cases the first letter only). */
  delegate: string;
  /** The table's name in the database (`@@map`), else the model name. */
  dbName: string;
  fields: Map<string, PrismaField>;
  /** Tenant fields this model has, primary first. Empty: not tenant-owned. */
  tenantFields: string[];
  /** True when tenant fields of other models point here. */
  isRoot: boolean;
  uniqueKeys: string[][];
  compoundKeyNames: Map<string, string[]>;
  /** Declared only in settings, not found in a schema: fields unknown. */
  fromSettingsOnly: boolean;
}

export interface RelationTarget {
  model: ModelInfo;
  isList: boolean;
  /** Foreign-key fields on the child side that implement this relation (`Invoice.accountId` for `Account.invoices`). */
  childForeignKeys: string[];
}

export interface TenantModel {
  models: Map<string, ModelInfo>;
  byDelegate: Map<string, ModelInfo>;
  /** Schema files the model was built from (empty when none was found). */
  schemaFiles: string[];
  settings: TenantGuardSettings;
}

export function delegateName(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/** Tenant fields in priority order, each followed by its snake_case spelling. */
function tenantFieldNames(settings: TenantGuardSettings): string[] {
  const names: string[] = [];
  for (const field of settings.tenantFields) {
    names.push(field);
    const snake = toSnakeCase(field);
    if (snake !== field) names.push(snake);
  }
  return names;
}

export function buildTenantModel(defs: PrismaModelDef[], settings: TenantGuardSettings, schemaFiles: string[] = []): TenantModel {
  const candidates = tenantFieldNames(settings);
  const models = new Map<string, ModelInfo>();
  for (const def of defs) {
    if (models.has(def.name)) continue; // the first definition wins (duplicate across workspace schemas)
    const fields = new Map(def.fields.map((f) => [f.name, f]));
    models.set(def.name, {
      name: def.name,
      delegate: delegateName(def.name),
      dbName: def.dbName,
      fields,
      tenantFields: [],
      isRoot: false,
      uniqueKeys: def.uniqueKeys,
      compoundKeyNames: def.compoundKeyNames,
      fromSettingsOnly: false,
    });
  }
  // Models only named in settings still get checked, with what settings say about them.
  for (const [name, value] of Object.entries(settings.models)) {
    if (!models.has(name) && value !== false) {
      models.set(name, {
        name,
        delegate: delegateName(name),
        dbName: name,
        fields: new Map(),
        tenantFields: [],
        isRoot: false,
        uniqueKeys: [['id']],
        compoundKeyNames: new Map(),
        fromSettingsOnly: true,
      });
    }
  }
  for (const model of models.values()) {
    const pinned = settings.models[model.name];
    if (pinned === false) continue;
    if (pinned) {
      model.tenantFields = [...pinned];
      continue;
    }
    model.tenantFields = candidates.filter((name) => {
      const field = model.fields.get(name);
      if (field === undefined || field.isList || (!isScalarType(field.type) && models.has(field.type))) return false;
      // `accountId` pointing at next-auth's OAuth `Account` names a sign-in method, not a tenant.
      const target = relationTargetOf(model, name);
      return !(target && isAuthAdapterModel(models.get(target)) && !settings.tenantRoots.includes(target));
    });
  }
  // Roots: the targets of the relations that tenant fields implement.
  for (const model of models.values()) {
    for (const field of model.fields.values()) {
      if (!field.relationFields) continue;
      // `fields: [surveyId, workspaceId]` is a relation to a survey that carries the tenant, not to the tenant.
      if (field.relationFields.every((fk) => model.tenantFields.includes(fk))) {
        const target = models.get(field.type);
        if (target && target !== model) target.isRoot = true;
      }
    }
  }
  for (const root of settings.tenantRoots) {
    const model = models.get(root);
    if (model) model.isRoot = true;
  }
  const byDelegate = new Map([...models.values()].map((m) => [m.delegate, m]));
  return { models, byDelegate, schemaFiles, settings };
}

/** The model a scalar foreign key points to, by the relation field that declares it. */
function relationTargetOf(model: ModelInfo, foreignKey: string): string | null {
  for (const field of model.fields.values()) {
    if (field.relationFields?.includes(foreignKey)) return field.type;
  }
  return null;
}

/**
 * Models that auth libraries own (next-auth / Auth.js / better-auth adapters): the OAuth `Account` with
 * `provider` + `providerAccountId`/`accountId`, and sessions keyed by token. They belong to a user, but they are
 * not a tenant, whatever they are called.
 */
export function isAuthAdapterModel(model: ModelInfo | undefined): boolean {
  if (!model) return false;
  const has = (name: string) => model.fields.has(name);
  return (has('provider') || has('providerId')) && (has('providerAccountId') || has('access_token') || has('accessToken'));
}

/** The relation `parent.field` leads to, with the foreign keys on the child side that implement it. */
export function relationTarget(tenant: TenantModel, parent: ModelInfo, fieldName: string): RelationTarget | null {
  const field = parent.fields.get(fieldName);
  if (!field) return null;
  const child = tenant.models.get(field.type);
  if (!child) return null;
  if (field.relationFields) {
    // The foreign key sits on the parent (`note.account`): the child is reached by its own key.
    return { model: child, isList: field.isList, childForeignKeys: field.relationReferences ?? [] };
  }
  // Back-relation (`account.invoices`): find the child's field that points back, matching the relation name if any.
  for (const childField of child.fields.values()) {
    if (childField.type !== parent.name || !childField.relationFields) continue;
    if (field.relationName && childField.relationName !== field.relationName) continue;
    return { model: child, isList: field.isList, childForeignKeys: childField.relationFields };
  }
  return { model: child, isList: field.isList, childForeignKeys: [] };
}

const modelCache = new Map<string, TenantModel>();

/**
 * The tenant model for a linted file. Parses each schema once per process (re-read when its mtime changes) and
 * builds the model once per distinct set of schema files and settings.
 */
export function getTenantModel(filename: string, cwd: string, rawSettings: Readonly<Record<string, unknown>> | undefined): TenantModel {
  const settings = readSettings(rawSettings);
  const files = discoverSchemaFiles(filename, cwd, settings.schema);
  const parsed = files.map((f) => loadSchemaFile(f));
  // The parse objects are replaced when a file changes, so their identity is a cheap cache key.
  const key = `${settingsId(settings)}\0${files.join('\0')}\0${parsed.map((p) => (p ? parseId(p) : 'x')).join(',')}`;
  const cached = modelCache.get(key);
  if (cached) return cached;
  const defs = parsed.flatMap((p) => p?.models ?? []);
  const model = buildTenantModel(defs, settings, files);
  modelCache.set(key, model);
  return model;
}

const parseIds = new WeakMap<object, number>();
let nextParseId = 1;

/** `readSettings` returns one object per distinct settings content, so its identity stands for the content. */
function settingsId(settings: TenantGuardSettings): number {
  return parseId(settings);
}
function parseId(parsed: object): number {
  let id = parseIds.get(parsed);
  if (id === undefined) {
    id = nextParseId++;
    parseIds.set(parsed, id);
  }
  return id;
}

export function isTenantOwned(model: ModelInfo): boolean {
  return model.tenantFields.length > 0;
}
