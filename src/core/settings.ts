/**
 * `settings['tenant-guard']`: the project-wide description of tenancy that every rule and codemod shares.
 * ESLint validates rule options against their schema, but not shared settings, so they are validated here and a
 * mistake fails loudly with the offending key named (a silently ignored setting would hide leaks).
 */

/** Column names that mark a row as owned by a tenant, in priority order: the first one a model has is its primary. */
export const DEFAULT_TENANT_FIELDS = [
  'tenantId',
  'orgId',
  'organizationId',
  'accountId',
  'teamId',
  'workspaceId',
  'userId',
  'ownerId',
  'authorId',
] as const;

export interface TenantGuardSettings {
  /** Replaces the default tenant field names (snake_case forms are added automatically). */
  tenantFields: string[];
  /** Per model: the tenant field(s) that scope it, or `false` for a model that is public by design. */
  models: Record<string, string[] | false>;
  /** Extra models to treat as tenant roots (the tenant itself: Account, Team, Organization). */
  tenantRoots: string[];
  /** Explicit `schema.prisma` files or folders, relative to the ESLint cwd. Empty: discover. */
  schema: string[];
  /** Extra functions whose result is the verified server session (added to the built-in list). */
  sessionFunctions: string[];
  /** Extra names under which a Prisma client is imported or passed around (added to the built-in list). */
  prismaClientNames: string[];
  /** Drizzle schema files or folders, relative to the ESLint cwd. Empty: `drizzle.config.*` `schema`, then imports. */
  drizzleSchema: string[];
  /** Supabase generated types files (`supabase gen types`), relative to the ESLint cwd. Empty: discovered. */
  supabaseTypes: string[];
  /** Extra env variable names (or name fragments) that hold secrets, added to the built-in classifier. */
  secretEnvNames: string[];
  /** Extra env variable names (or name fragments) that are public by design; they win over every secret list. */
  publicEnvNames: string[];
  /** Extra sensitive field names (`ssn`, `User.phone`), and built-in ones to drop with `!` (`!stripeCustomerId`). */
  sensitiveFields: string[];
}

export class TenantGuardConfigError extends Error {
  constructor(message: string) {
    super(`tenant-guard: invalid settings['tenant-guard']: ${message}`);
    this.name = 'TenantGuardConfigError';
  }
}

const KNOWN_KEYS = new Set(['tenantFields', 'models', 'tenantRoots', 'schema', 'sessionFunctions', 'prismaClientNames', 'drizzleSchema', 'supabaseTypes', 'secretEnvNames', 'publicEnvNames', 'sensitiveFields']);

function stringList(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0)) return value as string[];
  throw new TenantGuardConfigError(`\`${key}\` must be a string or a list of non-empty strings, got ${JSON.stringify(value)}`);
}

/** `field`, `Model.field`, or either with a leading `!` (not sensitive after all). */
function fieldNameList(value: unknown, key: string): string[] {
  const names = stringList(value, key);
  const bad = names.find((n) => !/^!?([A-Za-z_][\w$]*\.)?[A-Za-z_][\w$]*$/.test(n));
  if (bad !== undefined) {
    throw new TenantGuardConfigError(`\`${key}\` entries are field names, \`Model.field\`, or either with a leading \`!\` to drop a built-in one; got ${JSON.stringify(bad)}`);
  }
  return names;
}

const cache = new Map<string, TenantGuardSettings>();

/** Reads and validates the shared settings. Cached by content, since ESLint hands the same settings to every file. */
/** ESLint hands the same settings object to every file of a config: remember it by identity before by content. */
const byIdentity = new WeakMap<object, TenantGuardSettings>();

export function readSettings(settings: Readonly<Record<string, unknown>> | undefined): TenantGuardSettings {
  const raw = settings?.['tenant-guard'];
  if (raw && typeof raw === 'object') {
    const known = byIdentity.get(raw);
    if (known) return known;
  }
  const key = raw === undefined ? '' : JSON.stringify(raw);
  const parsed = cache.get(key) ?? parseSettings(raw);
  cache.set(key, parsed);
  if (raw && typeof raw === 'object') byIdentity.set(raw, parsed);
  return parsed;
}

export function parseSettings(raw: unknown): TenantGuardSettings {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TenantGuardConfigError(`expected an object, got ${JSON.stringify(raw)}`);
  }
  const input = raw as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      throw new TenantGuardConfigError(`unknown key \`${key}\` (known keys: ${[...KNOWN_KEYS].join(', ')})`);
    }
  }
  const tenantFields = input.tenantFields === undefined ? [...DEFAULT_TENANT_FIELDS] : stringList(input.tenantFields, 'tenantFields');
  if (tenantFields.length === 0) throw new TenantGuardConfigError('`tenantFields` must name at least one field');

  const models: Record<string, string[] | false> = {};
  if (input.models !== undefined) {
    if (typeof input.models !== 'object' || input.models === null || Array.isArray(input.models)) {
      throw new TenantGuardConfigError('`models` must be an object such as { Invoice: "accountId", Plan: false }');
    }
    for (const [model, value] of Object.entries(input.models as Record<string, unknown>)) {
      if (value === false) models[model] = false;
      else if (typeof value === 'string' || Array.isArray(value)) {
        const fields = stringList(value, `models.${model}`);
        if (fields.length === 0) throw new TenantGuardConfigError(`\`models.${model}\` names no field; use false for a public model`);
        models[model] = fields;
      } else {
        throw new TenantGuardConfigError(
          `\`models.${model}\` must be a field name, a list of field names, or false (public), got ${JSON.stringify(value)}`,
        );
      }
    }
  }
  return {
    tenantFields,
    models,
    tenantRoots: stringList(input.tenantRoots, 'tenantRoots'),
    schema: stringList(input.schema, 'schema'),
    sessionFunctions: stringList(input.sessionFunctions, 'sessionFunctions'),
    prismaClientNames: stringList(input.prismaClientNames, 'prismaClientNames'),
    drizzleSchema: stringList(input.drizzleSchema, 'drizzleSchema'),
    supabaseTypes: stringList(input.supabaseTypes, 'supabaseTypes'),
    secretEnvNames: stringList(input.secretEnvNames, 'secretEnvNames'),
    publicEnvNames: stringList(input.publicEnvNames, 'publicEnvNames'),
    sensitiveFields: fieldNameList(input.sensitiveFields, 'sensitiveFields'),
  };
}

/** `accountId` → `account_id`; tenant fields match in either spelling. */
export function toSnakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
