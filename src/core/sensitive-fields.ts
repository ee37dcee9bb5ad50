/**
 * Sensitive fields: the columns of a row the browser must never see — password hashes and salts, session, reset and
 * API tokens, signing secrets, API keys, Stripe customer and subscription ids, internal notes. Found by name in every
 * schema the project has (Prisma models, Drizzle tables, Supabase generated types), so one project has one answer to
 * "does a full `User` row carry a secret?".
 *
 * Names are split into words (`passwordHash`, `password_hash` → `password hash`) and judged by the word that names
 * what the value is, the last one: `resetToken` is a token, `resetTokenExpiresAt` a date, `tokenCount` a number.
 * Flags (`hasPassword`, `isTokenValid`) and, where the schema says so (Prisma), non-text types (`Boolean`, `Int`,
 * `DateTime`, enums) are never sensitive: they reveal no secret. `settings['tenant-guard'].sensitiveFields` adds names
 * (`ssn`, `User.phone`) or removes built-in ones (`!stripeCustomerId`).
 */
import { isScalarType } from './prisma-schema.js';
import type { TenantGuardSettings } from './settings.js';
import type { TableInfo } from './tables.js';
import type { ModelInfo, TenantModel } from './tenant-model.js';

/** The built-in names, as documented (the rules below cover their variants: `hashedPassword`, `access_token`, …). */
export const DEFAULT_SENSITIVE_FIELDS = [
  'password',
  'passwordHash',
  'hash',
  'salt',
  'token',
  'secret',
  'apiKey',
  'resetToken',
  'stripeCustomerId',
  'internalNotes',
] as const;

/** `passwordHash`, `password_hash`, `APIKey` → `['password', 'hash']`, `['api', 'key']`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** What a value is, named by the last word: these are secrets whatever comes before (`refreshToken`, `webhookSecret`). */
const SECRET_NOUNS = new Set(['password', 'passwd', 'passcode', 'passphrase', 'salt', 'secret', 'token', 'otp', 'credential', 'credentials']);
/** `…Hash` is a secret when it hashes one (`passwordHash`, `tokenHash`); `contentHash` is not. */
const HASHED_SECRETS = new Set(['password', 'pass', 'key', 'token', 'secret', 'pin', 'code', 'otp', 'api', 'recovery', 'backup', 'reset']);
/** `…Key` is a secret for these (`apiKey`, `privateKey`); `publicKey`, `cacheKey`, `idempotencyKey` are not. */
const SECRET_KEYS = new Set(['api', 'secret', 'private', 'access', 'signing', 'encryption', 'service', 'hashed', 'webhook', 'client', 'master', 'session', 'auth']);
/** One-time codes: `recoveryCodes`, `backupCode`, `resetCode`, `verificationCode`. */
const SECRET_CODES = new Set(['recovery', 'backup', 'reset', 'verification', 'otp', 'mfa', 'totp', 'factor']);
/** Notes meant for staff: `internalNotes`, `adminNote`, `privateComment`. */
const STAFF_WORDS = new Set(['internal', 'admin', 'private', 'staff']);
const NOTE_WORDS = new Set(['note', 'notes', 'comment', 'comments', 'memo', 'memos']);
/** Stripe objects whose ids let a holder of the secret key act on the customer (`stripeCustomerId`), unlike a price id. */
const STRIPE_OBJECTS = new Set(['customer', 'subscription', 'payment', 'connect', 'account', 'bank', 'card', 'source']);
const FLAG_PREFIXES = new Set(['is', 'has', 'can', 'should', 'needs', 'require', 'requires', 'allow', 'allows', 'enable', 'enabled', 'use', 'uses', 'show']);

/** Does this field name, by itself, name a secret? (`model`: the model or table, for `ApiKey.key`.) */
export function isSensitiveName(name: string, model?: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  const first = words[0];
  const last = words[words.length - 1];
  const before = words.slice(0, -1);
  if (words.length > 1 && FLAG_PREFIXES.has(first)) return false;
  if (SECRET_NOUNS.has(last)) return true;
  if (first === 'hashed' || first === 'encrypted') return true;
  if (last === 'hash' || last === 'hashed') return words.length === 1 || before.some((w) => HASHED_SECRETS.has(w));
  if (last === 'key') return before.some((w) => SECRET_KEYS.has(w)) || (words.length === 1 && model !== undefined && isSecretHolder(model));
  if (last === 'value' && words.length === 1 && model !== undefined) return isSecretHolder(model);
  if (last === 'code' || last === 'codes') return before.some((w) => SECRET_CODES.has(w));
  if (NOTE_WORDS.has(last)) return before.some((w) => STAFF_WORDS.has(w));
  if (first === 'stripe' && last === 'id') return before.some((w) => STRIPE_OBJECTS.has(w));
  return false;
}

/** `ApiKey`, `api_keys`, `Secret`, `AccessToken`: a model whose `key` or `value` is the secret itself. */
function isSecretHolder(model: string): boolean {
  const words = nameWords(model);
  return words.some((w) => w === 'secret' || w === 'secrets' || w === 'token' || w === 'tokens' || w === 'credential' || w === 'credentials') ||
    (words.includes('api') && (words.includes('key') || words.includes('keys')));
}

// ---------------------------------------------------------------------------------------------------------------
// Settings

interface Overrides {
  /** Normalised `field` or `model.field` names that are sensitive. */
  add: Set<string>;
  /** Normalised names that are not, whatever the built-in rules say. */
  remove: Set<string>;
}

const overrides = new WeakMap<TenantGuardSettings, Overrides>();

/** `password_hash`, `passwordHash` → `passwordhash`: either spelling of a name matches. */
function normalise(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

function overridesOf(settings: TenantGuardSettings): Overrides {
  let found = overrides.get(settings);
  if (!found) {
    found = { add: new Set(), remove: new Set() };
    for (const entry of settings.sensitiveFields ?? []) {
      const negated = entry.startsWith('!');
      const name = negated ? entry.slice(1) : entry;
      (negated ? found.remove : found.add).add(name.split('.').map(normalise).join('.'));
    }
    overrides.set(settings, found);
  }
  return found;
}

/** Is `field` of the model or table known as `names` (code name, SQL name) sensitive, settings included? */
export function isSensitiveField(field: string, names: readonly string[], settings: TenantGuardSettings, type?: string): boolean {
  const { add, remove } = overridesOf(settings);
  const key = normalise(field);
  const qualified = names.map((n) => `${normalise(n)}.${key}`);
  if (qualified.some((q) => remove.has(q))) return false;
  if (qualified.some((q) => add.has(q))) return true;
  if (remove.has(key)) return false;
  if (add.has(key)) return true;
  if (type !== undefined && !isTextType(type)) return false;
  return isSensitiveName(field, names[0]);
}

/** Prisma types that can hold a secret: text, bytes, JSON. Numbers, flags, dates and enums reveal none. */
function isTextType(type: string): boolean {
  return type === 'String' || type === 'Bytes' || type === 'Json' || type === 'Unsupported';
}

// ---------------------------------------------------------------------------------------------------------------
// Models and tables

/** The fields a full row of a model or table carries, and which of them are sensitive. */
export interface RowFields {
  /** The model or table as code names it (`User`, `users`). */
  name: string;
  /** Every scalar field (column) in schema order: what `select *` returns. */
  fields: string[];
  sensitive: string[];
}

const prismaRows = new WeakMap<ModelInfo, RowFields>();

/** The scalar fields of a Prisma model (relations are not part of a row unless included) and the sensitive ones. */
export function prismaRowFields(model: ModelInfo, tenant: TenantModel): RowFields {
  let found = prismaRows.get(model);
  if (!found) {
    const fields: string[] = [];
    const sensitive: string[] = [];
    for (const field of model.fields.values()) {
      if (tenant.models.has(field.type)) continue; // a relation
      fields.push(field.name);
      // Enums and composite types: not text.
      const type = isScalarType(field.type) ? field.type : 'enum';
      if (isSensitiveField(field.name, [model.name, model.dbName], tenant.settings, type)) sensitive.push(field.name);
    }
    found = { name: model.name, fields, sensitive };
    prismaRows.set(model, found);
  }
  return found;
}

const tableRows = new WeakMap<TenantGuardSettings, WeakMap<TableInfo, RowFields>>();

/**
 * The columns of a Drizzle or Supabase table and the sensitive ones, by the names code uses for them (`passwordHash`
 * for a Drizzle column key, `password_hash` for Supabase). These layers carry no column types here: by name alone.
 */
export function tableRowFields(table: TableInfo, settings: TenantGuardSettings): RowFields {
  let bySettings = tableRows.get(settings);
  if (!bySettings) tableRows.set(settings, (bySettings = new WeakMap()));
  let found = bySettings.get(table);
  if (!found) {
    const names = [table.name, table.sqlName];
    const fields = table.columns.map((c) => c.key);
    const sensitive = table.columns.filter((c) => isSensitiveField(c.key, names, settings) || isSensitiveField(c.sqlName, names, settings)).map((c) => c.key);
    found = { name: table.name, fields, sensitive };
    bySettings.set(table, found);
  }
  return found;
}
