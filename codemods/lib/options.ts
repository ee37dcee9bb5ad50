/**
 * The options every tenant-guard codemod understands, from `tenant-guard migrate` flags, a config file, or
 * jscodeshift's own `--session=… --scope=…` flags. Parsed and validated once, with messages that name the option.
 */

/** A bad option value: the CLI prints it as a usage error (exit 2); a transform throws it. */
export class CodemodOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodemodOptionError';
  }
}

/** `--session "requireAuth from @/lib/auth"`: the call that yields the signed-in session, and where to import it. */
export interface SessionCall {
  /** The function to call (`requireAuth`). */
  name: string;
  /** The module it is imported from (`@/lib/auth`); null when it needs no import. */
  from: string | null;
  /** `import requireAuth from …` (`default as requireAuth from …` on the command line) instead of `import { requireAuth }`. */
  isDefault: boolean;
}

/** One `--scope` entry: where a tenant field's value is read from the session. */
export interface ScopeEntry {
  /** The tenant field it is for (`accountId`); matched in camelCase and snake_case spellings. */
  field: string;
  /** The expression, rooted at the session binding: `session.accountId`, `session.user.teamId`, or `accountId`. */
  expression: string;
  /** The binding the session call is stored in: `session` (or `accountId` for a destructured value). */
  root: string;
  /** The members after the root: `['accountId']`; empty when the expression is the binding itself. */
  path: string[];
}

export interface CodemodOptions {
  session: SessionCall | null;
  scope: ScopeEntry[];
  /** `settings['tenant-guard']` for the detection core (schema paths, models, session functions…). */
  settings: Record<string, unknown> | undefined;
  /** The project directory (ESLint's cwd for the rules): defaults to the current directory. */
  cwd: string | undefined;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export function parseSessionCall(text: string): SessionCall {
  const trimmed = text.trim();
  const match = /^(?:(default)\s+as\s+)?([A-Za-z_$][\w$]*)(?:\s+from\s+(\S+))?$/.exec(trimmed);
  if (!match) {
    throw new CodemodOptionError(
      `--session must be '<function> from <module>' (e.g. --session "requireAuth from @/lib/auth"), got ${JSON.stringify(text)}`,
    );
  }
  const from = match[3]?.replace(/^['"]|['"]$/g, '') ?? null;
  if (match[1] && !from) throw new CodemodOptionError(`--session ${JSON.stringify(text)}: a default import needs 'from <module>'`);
  return { name: match[2], from, isDefault: Boolean(match[1]) };
}

/**
 * `--scope` values: `session.accountId` (for the field it ends with), `accountId=session.user.accountId`, or several
 * separated by commas. Member paths only: an optional chain (`session?.accountId`) may be undefined, and Prisma
 * drops an undefined filter, which is the leak this is meant to close.
 */
export function parseScope(values: readonly string[]): ScopeEntry[] {
  const entries: ScopeEntry[] = [];
  for (const value of values) {
    for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
      const eq = part.indexOf('=');
      const field = eq === -1 ? null : part.slice(0, eq).trim();
      const expression = (eq === -1 ? part : part.slice(eq + 1)).trim();
      if (!PATH.test(expression)) {
        throw new CodemodOptionError(
          `--scope ${JSON.stringify(part)}: the value must be a member path such as session.accountId (no calls, no optional chaining)`,
        );
      }
      const [root, ...path] = expression.split('.');
      const forField = field ?? path[path.length - 1] ?? root;
      if (!IDENTIFIER.test(forField)) throw new CodemodOptionError(`--scope ${JSON.stringify(part)}: ${JSON.stringify(forField)} is not a field name`);
      if (field === null && !looksLikeTenantField(forField)) {
        throw new CodemodOptionError(
          `--scope ${JSON.stringify(part)}: cannot tell which tenant field it is for; name it: --scope <field>=${expression} (e.g. teamId=${expression})`,
        );
      }
      if (entries.some((e) => sameField(e.field, forField))) throw new CodemodOptionError(`--scope gives ${forField} twice`);
      entries.push({ field: forField, expression, root, path });
    }
  }
  return entries;
}

/** `accountId`, `team_id`, `orgId`: a name that can be a tenant column (not `id`, `user`, `session`). */
function looksLikeTenantField(name: string): boolean {
  return /(?:[a-z0-9]Id|_id)$/.test(name);
}

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function sameField(a: string, b: string): boolean {
  return camelCase(a) === camelCase(b);
}

export function scopeFor(options: CodemodOptions, field: string): ScopeEntry | undefined {
  return options.scope.find((entry) => sameField(entry.field, field));
}

/**
 * The options a transform receives, normalised: jscodeshift passes its command-line flags as strings
 * (`--session=… --scope=…`), `tenant-guard migrate` passes the same strings (with `scope` as a list) plus the
 * project's `cwd` and `settings`. Other keys are jscodeshift's own (`dry`, `print`, `parser`…) and ignored.
 */
export function readCodemodOptions(raw: Record<string, unknown> | undefined): CodemodOptions {
  const { session, scope, settings, cwd } = raw ?? {};
  if (session !== undefined && session !== null && typeof session !== 'string') {
    throw new CodemodOptionError(`--session must be a string, got ${JSON.stringify(session)}`);
  }
  const scopes = scope === undefined || scope === null ? [] : Array.isArray(scope) ? scope : [scope];
  if (!scopes.every((s): s is string => typeof s === 'string')) {
    throw new CodemodOptionError(`--scope must be a string, got ${JSON.stringify(scope)}`);
  }
  if (settings !== undefined && (typeof settings !== 'object' || settings === null || Array.isArray(settings))) {
    throw new CodemodOptionError(`settings must be an object (the settings['tenant-guard'] of an ESLint config), got ${JSON.stringify(settings)}`);
  }
  return {
    session: typeof session === 'string' && session.trim() !== '' ? parseSessionCall(session) : null,
    scope: parseScope(scopes),
    settings: settings as Record<string, unknown> | undefined,
    cwd: typeof cwd === 'string' ? cwd : undefined,
  };
}
