/**
 * The secret classifier shared by the secret rules, the dotenv support and `tenant-guard check --build`: is an
 * environment variable name a secret by name, is a string a secret by value, and where are secret values inside
 * arbitrary text (a client bundle, a source map).
 *
 * Precision comes first. A name is a secret only on positive evidence (`SECRET`, `SERVICE_ROLE`, `_TOKEN`, a
 * database URL, the API key of a server-side API), never because it merely looks like a key: the keys that are
 * public by design (`PUBLISHABLE_KEY`, `ANON_KEY`, analytics keys, Sentry DSNs, Firebase web keys, `PRICE_ID`s)
 * stay silent. A value is a secret only in the exact shapes the vendors issue, and placeholders
 * (`sk_test_xxxxxxxxxxxx`, `sk_live_yourSecretKeyHere`, `sk_test_1234567890`) are not secrets.
 */

export type SecretValueKind =
  | 'stripe-secret-key'
  | 'stripe-restricted-key'
  | 'stripe-webhook-secret'
  | 'supabase-secret-key'
  | 'supabase-service-role-jwt';

export interface SecretValueMatch {
  kind: SecretValueKind;
  /** For messages: 'Stripe live secret key', 'Supabase service-role JWT'. */
  label: string;
  /** Offset of the value in the text searched (0 for `secretValueKind`). */
  index: number;
  length: number;
  /**
   * A Stripe test-mode key (`sk_test_`, `rk_test_`) or a Supabase local-development key: still a credential, but it
   * reaches no live customer data or money.
   */
  testMode: boolean;
}

export type PublicValueKind = 'stripe-publishable-key' | 'supabase-publishable-key' | 'supabase-anon-jwt';

// ---------------------------------------------------------------------------------------------------------------
// By value
// ---------------------------------------------------------------------------------------------------------------

/**
 * One alternation, one pass. Every quantified run is bounded on the left by a lookbehind (a match can only start
 * where a token starts), so a run is scanned at most once per start and a 50 MB bundle is searched in linear time.
 * Groups: 1 stripe secret/restricted prefix (`sk`/`rk`), 2 mode, 3 body; 4 whsec body; 5 sb_secret body; 6 JWT payload.
 */
const SECRET_VALUE =
  /(?<![A-Za-z0-9_])(?:(sk|rk)_(live|test)_([A-Za-z0-9]{10,128})(?![A-Za-z0-9_])|whsec_([A-Za-z0-9+/]{20,128}={0,2})(?![A-Za-z0-9_+/=])|sb_secret_([A-Za-z0-9_-]{16,128})(?![A-Za-z0-9_-])|eyJ[A-Za-z0-9_-]{6,2048}\.(eyJ[A-Za-z0-9_-]{6,4096})\.[A-Za-z0-9_-]{0,1024}(?![A-Za-z0-9_.-]))/g;

/** Cheap pre-check: most text holds none of these, and `includes` is far faster than the regex on a big bundle. */
const VALUE_MARKERS = ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_', 'sb_secret_', 'eyJ'];

const PUBLIC_VALUE = /^(?:pk_(?:live|test)_[A-Za-z0-9]{10,128}|sb_publishable_[A-Za-z0-9_-]{16,128})$/;

/** Every secret-shaped value inside arbitrary text (a JS bundle, a source map, an HTML page), in text order. */
export function findSecretValues(text: string): SecretValueMatch[] {
  if (typeof text !== 'string' || !VALUE_MARKERS.some((marker) => text.includes(marker))) return [];
  const found: SecretValueMatch[] = [];
  SECRET_VALUE.lastIndex = 0;
  for (let m = SECRET_VALUE.exec(text); m !== null; m = SECRET_VALUE.exec(text)) {
    const match = classifyMatch(m);
    if (match) found.push(match);
  }
  SECRET_VALUE.lastIndex = 0;
  return found;
}

/** Is this whole string a secret value (a literal, an env value)? Surrounding whitespace is ignored. */
export function secretValueKind(value: string): SecretValueMatch | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (trimmed.length < 16 || trimmed.length > 8192) return null;
  const matches = findSecretValues(trimmed);
  if (matches.length !== 1 || matches[0].length !== trimmed.length) return null;
  return { ...matches[0], index: 0 };
}

/** A key that is public by design (`pk_live_…`, `sb_publishable_…`, a Supabase anon JWT), or null. */
export function publicValueKind(value: string): PublicValueKind | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  const m = PUBLIC_VALUE.exec(trimmed);
  if (m) return trimmed.startsWith('pk_') ? 'stripe-publishable-key' : 'supabase-publishable-key';
  const jwt = /^eyJ[A-Za-z0-9_-]{6,2048}\.(eyJ[A-Za-z0-9_-]{6,4096})\.[A-Za-z0-9_-]{0,1024}$/.exec(trimmed);
  if (jwt && jwtRole(jwt[1]) === 'anon') return 'supabase-anon-jwt';
  return null;
}

function classifyMatch(m: RegExpExecArray): SecretValueMatch | null {
  const at = { index: m.index, length: m[0].length };
  if (m[1] !== undefined) {
    if (isPlaceholder(m[3])) return null;
    const live = m[2] === 'live';
    const restricted = m[1] === 'rk';
    return {
      kind: restricted ? 'stripe-restricted-key' : 'stripe-secret-key',
      label: `Stripe ${live ? 'live' : 'test'} ${restricted ? 'restricted' : 'secret'} key`,
      ...at,
      testMode: !live,
    };
  }
  if (m[4] !== undefined) {
    if (isPlaceholder(m[4].replace(/=+$/, ''))) return null;
    return { kind: 'stripe-webhook-secret', label: 'Stripe webhook signing secret', ...at, testMode: false };
  }
  if (m[5] !== undefined) {
    if (isPlaceholder(m[5].replace(/[-_]/g, ''))) return null;
    const local = SUPABASE_LOCAL_SECRET_KEYS.has(m[0]);
    return { kind: 'supabase-secret-key', label: local ? 'Supabase local-development secret key' : 'Supabase secret key', ...at, testMode: local };
  }
  if (m[6] !== undefined) {
    const claims = jwtClaims(m[6]);
    if (claims?.role !== 'service_role') return null;
    // `supabase start` signs its keys with a published demo secret: fine in tests and local config, not in a bundle.
    const local = claims.iss === 'supabase-demo';
    return {
      kind: 'supabase-service-role-jwt',
      label: local ? 'Supabase local-development service-role JWT' : 'Supabase service-role JWT',
      ...at,
      testMode: local,
    };
  }
  return null;
}

/** The keys `supabase start` prints for every local stack: published in Supabase's docs, they unlock nothing real. */
const SUPABASE_LOCAL_SECRET_KEYS = new Set(['sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz']);

/** The claims of a JWT payload segment (base64url JSON), or null when it does not decode to an object. */
function jwtClaims(payload: string): { role?: unknown; iss?: unknown } | null {
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
    if (claims && typeof claims === 'object' && !Array.isArray(claims)) return claims as { role?: unknown; iss?: unknown };
  } catch {
    // not a JWT after all
  }
  return null;
}

function jwtRole(payload: string): unknown {
  return jwtClaims(payload)?.role;
}

/** Words that fill documentation placeholders: `sk_live_yourSecretKeyHere`, `whsec_replaceWithYourSigningSecret`. */
const PLACEHOLDER_WORDS = [
  'your', 'my', 'the', 'a', 'an', 'here', 'goes', 'put', 'paste', 'insert', 'enter', 'add', 'set', 'replace', 'with',
  'me', 'change', 'changeme', 'todo', 'placeholder', 'example', 'sample', 'dummy', 'fake', 'redacted', 'value',
  'key', 'keys', 'secret', 'secrets', 'api', 'live', 'test', 'stripe', 'supabase', 'webhook', 'signing', 'endpoint',
  'restricted', 'service', 'role', 'token', 'xxx', 'xxxx', 'abc', 'this', 'to', 'of', 'for', 'own', 'real', 'actual',
  'long', 'random', 'string', 'generated', 'from', 'dashboard', 'account', 'project', 'prod', 'production', 'dev',
  'development', 'local', 'staging',
];
const PLACEHOLDER_WORD_SET = new Set(PLACEHOLDER_WORDS);

/**
 * A key body that no vendor would issue: a run of one repeated character (`xxxxxx`, `000000`), hardly any distinct
 * characters, an ascending run (`1234567890`, `abcdefgh`), or nothing but placeholder words (with optional digits).
 * Random bodies have none of these properties; a body with "FAKE" among random characters is still a secret shape.
 */
export function isPlaceholder(body: string): boolean {
  if (/(.)\1{5,}/.test(body)) return true;
  if (new Set(body.toLowerCase()).size <= 3) return true;
  if (ascendingBreaks(body) <= 2) return true;
  return isPlaceholderWords(body.toLowerCase().replace(/[0-9]+$/, ''));
}

/** How often the next character is not the successor of the previous one (`9`→`0`/`a` counts as a successor). */
function ascendingBreaks(body: string): number {
  const s = body.toLowerCase();
  let breaks = 0;
  for (let i = 1; i < s.length; i++) {
    const prev = s.charCodeAt(i - 1);
    const next = s.charCodeAt(i);
    const successor = next === prev + 1 || (s[i - 1] === '9' && (s[i] === '0' || s[i] === 'a'));
    if (!successor) breaks++;
  }
  return breaks;
}

/** Word break over PLACEHOLDER_WORDS (dynamic programming: linear in the short body, no regex backtracking). */
function isPlaceholderWords(s: string): boolean {
  if (s.length === 0 || !/^[a-z]+$/.test(s)) return false;
  const reachable = new Array<boolean>(s.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < s.length; i++) {
    if (!reachable[i]) continue;
    for (const word of PLACEHOLDER_WORDS) {
      if (s.startsWith(word, i)) reachable[i + word.length] = true;
    }
  }
  return reachable[s.length];
}

/** A value that only stands in for one: empty, `<…>`, `your-key-here`, `changeme`, `xxx`, `sk_live_...`, `${VAR}`. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^<[^>]*>$/.test(v) || /^\$\{[^}]*\}$/.test(v) || /^\{\{[^}]*\}\}$/.test(v) || /^\[[^\]]*\]$/.test(v)) return true;
  if (/\.\.\.|…/.test(v) || /^[x*#.\-_]+$/i.test(v)) return true;
  const words = v.toLowerCase().replace(/^(?:sk|rk|pk)_(?:live|test)_|^whsec_|^sb_secret_/, '');
  if (/^[a-z_\- ]+$/.test(words) && words.split(/[_\- ]+/).filter(Boolean).every((w) => PLACEHOLDER_WORD_SET.has(w))) return true;
  const body = words.replace(/[^a-z0-9]/g, '');
  return body.length > 0 && isPlaceholder(body);
}

// ---------------------------------------------------------------------------------------------------------------
// By name
// ---------------------------------------------------------------------------------------------------------------

/** Prefixes under which a bundler inlines a variable into client code. */
export const CLIENT_ENV_PREFIXES = ['NEXT_PUBLIC_', 'EXPO_PUBLIC_', 'NUXT_PUBLIC_', 'REACT_APP_', 'VITE_', 'PUBLIC_', 'GATSBY_'] as const;

/** The client-exposing prefix of an env name (`NEXT_PUBLIC_`), or null. */
export function clientEnvPrefix(name: string): string | null {
  return CLIENT_ENV_PREFIXES.find((prefix) => name.startsWith(prefix) && name.length > prefix.length) ?? null;
}

/** `NEXT_PUBLIC_STRIPE_SECRET_KEY` → `STRIPE_SECRET_KEY`: the server-only name a rename suggestion proposes. */
export function serverEnvName(name: string): string {
  const prefix = clientEnvPrefix(name);
  return prefix ? name.slice(prefix.length) : name;
}

/** `NEXT_PUBLIC_stripeSecretKey` / `stripe-secret.key` → `['STRIPE', 'SECRET', 'KEY']`. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
}

/** Last tokens that name something about a secret, not the secret: `PASSWORD_RESET_DISABLED`, `TOKEN_TTL`, `CLIENT_ID`. */
const NOT_A_VALUE = new Set([
  'ENABLED', 'DISABLED', 'ENABLE', 'DISABLE', 'ON', 'OFF', 'FLAG', 'MODE', 'REQUIRED', 'OPTIONAL', 'POLICY', 'LENGTH',
  'LEN', 'MIN', 'MAX', 'SIZE', 'COUNT', 'LIMIT', 'TTL', 'EXPIRY', 'EXPIRES', 'EXPIRATION', 'LIFETIME', 'DURATION',
  'TIMEOUT', 'AGE', 'HEADER', 'COOKIE', 'PARAM', 'FIELD', 'ALGORITHM', 'ALG', 'VERSION', 'REGION', 'NAME', 'PATH',
  'ROUTE', 'PAGE', 'PROVIDER', 'TYPE', 'FORMAT', 'LABEL', 'PREFIX', 'ID', 'IDS', 'URL', 'URLS', 'URI', 'HOST',
  'HOSTNAME', 'DOMAIN', 'ORIGIN', 'ENDPOINT', 'PORT', 'USER', 'USERNAME', 'EMAIL', 'LOGIN', 'ISSUER', 'AUDIENCE',
  'SCOPE', 'SCOPES', 'LOCATION', 'FILE', 'DIR', 'ARN', 'SET', 'EXISTS', 'CONFIGURED', 'PROVIDED', 'HINT', 'ROTATION',
  'STRATEGY', 'ROUNDS', 'DELAY', 'INTERVAL', 'RESET', 'CHANGE', 'STRENGTH', 'MS', 'SEC', 'SECS', 'SECONDS', 'MINUTE',
  'MINUTES', 'MINS', 'HOUR', 'HOURS', 'DAY', 'DAYS', 'WEEKS', 'DISPLAY',
]);

/** Database and cache connection strings carry the password in the URL. */
const DATABASE_TOKENS = new Set([
  'DATABASE', 'DB', 'POSTGRES', 'POSTGRESQL', 'PG', 'PSQL', 'MYSQL', 'MARIADB', 'MONGO', 'MONGODB', 'REDIS', 'NEON',
  'PLANETSCALE', 'COCKROACH', 'COCKROACHDB', 'CLICKHOUSE', 'SQL', 'MSSQL', 'DIRECT', 'SHADOW', 'AMQP', 'RABBITMQ', 'KV',
]);

/** What may follow `_URL` in a connection-string name: `DATABASE_URL_UNPOOLED`, `POSTGRES_URL_NON_POOLING`. */
const URL_VARIANTS = new Set([
  'NON', 'POOLING', 'UNPOOLED', 'POOLED', 'POOLER', 'DIRECT', 'READ', 'WRITE', 'REPLICA', 'RO', 'RW', 'TEST', 'LOCAL',
  'PROD', 'DEV', 'MIGRATE', 'MIGRATION', 'MIGRATIONS', 'PRIMARY', 'NO', 'SSL', 'ADMIN',
]);

/** Server-side APIs whose API key is a secret (their browser-safe keys have other names). */
const SERVER_API_VENDORS = new Set([
  'OPENAI', 'AZURE', 'ANTHROPIC', 'CLAUDE', 'RESEND', 'SENDGRID', 'POSTMARK', 'MAILGUN', 'MAILERSEND', 'MAILJET',
  'BREVO', 'SENDINBLUE', 'LOOPS', 'PLUNK', 'TWILIO', 'VONAGE', 'GROQ', 'REPLICATE', 'COHERE', 'MISTRAL', 'PERPLEXITY',
  'DEEPSEEK', 'GEMINI', 'GOOGLE_AI', 'HUGGINGFACE', 'HF', 'TOGETHER', 'FIREWORKS', 'OPENROUTER', 'XAI', 'PINECONE',
  'ELEVENLABS', 'DEEPGRAM', 'ASSEMBLYAI', 'TAVILY', 'SERPAPI', 'SERPER', 'FIRECRAWL', 'BROWSERBASE', 'E2B',
  'LANGCHAIN', 'LANGSMITH', 'HELICONE', 'VOYAGE', 'JINA', 'EXA', 'UNKEY', 'LEMONSQUEEZY', 'LEMON', 'PADDLE',
  'HUBSPOT', 'MAILCHIMP', 'CONVERTKIT', 'AIRTABLE', 'NOTION', 'LINEAR', 'SLACK', 'DISCORD', 'TELEGRAM', 'GITHUB',
  'GITLAB', 'VERCEL', 'CLOUDFLARE', 'UPSTASH', 'QSTASH', 'TRIGGER', 'INNGEST', 'UPLOADTHING', 'CLERK', 'WORKOS',
  'STYTCH', 'AUTH0', 'SVIX', 'TINYBIRD', 'ALGOLIA_ADMIN', 'MUX', 'CAL', 'DUB', 'NOVU', 'KNOCK', 'ONESIGNAL',
]);

/** Words that say an `_API_KEY` belongs to a server-side service even when the vendor is unknown. */
const SERVER_ROLE_QUALIFIERS = new Set(['LLM', 'AI', 'PROVIDER', 'INTERNAL', 'SERVICE', 'SERVER', 'BACKEND', 'PRIVATE', 'ADMIN', 'MASTER']);

/** `_KEY` names whose qualifier makes the key privileged: `ADMIN_KEY`, `SIGNING_KEY`, `ENCRYPTION_KEY`. */
const PRIVILEGED_KEY_QUALIFIERS = new Set([
  'SECRET', 'PRIVATE', 'ADMIN', 'SERVICE', 'SERVER', 'SIGNING', 'ENCRYPTION', 'ENCRYPT', 'DECRYPTION', 'MASTER',
  'ROOT', 'JWT', 'HMAC', 'MANAGEMENT', 'WRITE_ADMIN',
]);

/**
 * Public by design. Analytics and monitoring vendors ship their keys to the browser on purpose (a project key can
 * only send events); a vendor match is overridden by an explicit secret word (`POSTHOG_PERSONAL_API_KEY`).
 */
const PUBLIC_VENDORS = new Set([
  'POSTHOG', 'MIXPANEL', 'AMPLITUDE', 'SEGMENT', 'GA', 'GA4', 'GTM', 'GTAG', 'HOTJAR', 'PLAUSIBLE', 'UMAMI', 'HEAP',
  'FATHOM', 'CLARITY', 'INTERCOM', 'CRISP', 'LOGROCKET', 'BUGSNAG', 'FULLSTORY', 'SENTRY', 'GLITCHTIP', 'DATADOG',
  'ROLLBAR', 'OPENPANEL', 'JITSU', 'GOOGLE_ANALYTICS', 'ANALYTICS', 'MAPBOX', 'FIREBASE', 'RECAPTCHA', 'HCAPTCHA',
  'TURNSTILE', 'GOOGLE_MAPS', 'MAPS', 'CHATWOOT', 'TAWK', 'FORMBRICKS', 'STATSIG', 'GROWTHBOOK', 'LAUNCHDARKLY',
  'UNLEASH', 'FLAGSMITH', 'OPTIMIZELY', 'SPLIT', 'FACEBOOK_PIXEL', 'PIXEL', 'META_PIXEL', 'LINKEDIN', 'TIKTOK',
  'REB2B', 'VERCEL_ANALYTICS', 'SPEED_INSIGHTS', 'CUSTOMERIO', 'OPENREPLAY', 'AXIOM', 'HIGHLIGHT', 'BASELIME',
]);

/** Words that make a vendor's key a server credential even for a browser-facing vendor: `SENTRY_AUTH_TOKEN`. */
const PRIVILEGED_CONTEXT = new Set(['AUTH', 'ADMIN', 'MANAGEMENT', 'SERVER', 'SDK', 'ACCESS', 'INGEST', 'EXPORT']);

/** `NEXT_PUBLIC_POSTHOG_KEY`, `MIXPANEL_TOKEN`, `MAPBOX_ACCESS_TOKEN`: a browser-facing vendor's browser key. */
function publicVendorKey(tokens: readonly string[]): boolean {
  if (!hasVendor(tokens, PUBLIC_VENDORS)) return false;
  if (tokens.includes('MAPBOX')) return true; // Mapbox's browser tokens are "access tokens" (pk.…)
  if (tokens.some((t) => PRIVILEGED_CONTEXT.has(t))) return false;
  return !containsSequence(tokens, ['API', 'TOKEN']);
}

/** Token sequences that name a key meant for the browser, wherever they occur in the name. */
const PUBLIC_PHRASES = [
  ['PUBLISHABLE'], ['ANON'], ['ANONYMOUS'], ['PUBLIC', 'KEY'], ['PUBLIC', 'TOKEN'], ['PUBLIC', 'ACCESS', 'TOKEN'],
  ['SITE', 'KEY'], ['SITEKEY'], ['CLIENT', 'TOKEN'], ['CLIENT', 'KEY'], ['BROWSER', 'KEY'], ['BROWSER', 'TOKEN'],
  ['SEARCH', 'KEY'], ['SEARCH', 'API', 'KEY'], ['SEARCH', 'ONLY'], ['WRITE', 'KEY'], ['STOREFRONT'], ['PRICE'],
  ['PLAN'], ['PRODUCT'], ['MEASUREMENT'], ['VAPID', 'PUBLIC'], ['PUBLIC', 'VAPID'],
];

/** Words that make a name a secret on their own (when the last token is a value, not a setting about it). */
function strongSecret(tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === 'SECRET' || t === 'SECRETS' || t.endsWith('SECRET')) return true; // NEXTAUTH_SECRET, CLIENTSECRET
    if (t === 'PASSWORD' || t === 'PASSWD' || t === 'PASSPHRASE' || t.endsWith('PASSWORD')) return true;
    if (t === 'CREDENTIALS' || t === 'CREDENTIAL') return true;
    if (t === 'SERVICE' && tokens[i + 1] === 'ROLE') return true;
    if (t === 'SERVICEROLE') return true;
    if ((t === 'PRIVATE' && (tokens[i + 1] === 'KEY' || tokens[i + 1] === 'KEYS')) || t === 'PRIVATEKEY') return true;
    if (t === 'PERSONAL' && (tokens[i + 1] === 'API' || tokens[i + 1] === 'ACCESS' || tokens[i + 1] === 'KEY' || tokens[i + 1] === 'TOKEN')) return true;
  }
  return false;
}

function containsSequence(tokens: readonly string[], sequence: readonly string[]): boolean {
  if (sequence.length === 0 || sequence.length > tokens.length) return false;
  outer: for (let i = 0; i + sequence.length <= tokens.length; i++) {
    for (let j = 0; j < sequence.length; j++) if (tokens[i + j] !== sequence[j]) continue outer;
    return true;
  }
  return false;
}

const vendorSequences = new WeakMap<ReadonlySet<string>, string[][]>();

/** Vendor names may span tokens (`GOOGLE_MAPS`): match them as sequences. */
function hasVendor(tokens: readonly string[], vendors: ReadonlySet<string>): boolean {
  let sequences = vendorSequences.get(vendors);
  if (!sequences) vendorSequences.set(vendors, (sequences = [...vendors].map((v) => v.split('_'))));
  for (const sequence of sequences) if (containsSequence(tokens, sequence)) return true;
  return false;
}

export type EnvNameClass =
  | { secret: true; reason: 'secret-word' | 'token' | 'database-url' | 'api-key' | 'privileged-key' | 'password' | 'webhook-url' | 'settings' }
  | { secret: false; reason: 'public-by-design' | 'setting' | 'no-evidence' | 'settings' };

export interface EnvNameOptions {
  /** Extra secret names or name fragments (`INTERNAL_KEY` matches `MY_INTERNAL_KEY`), from settings. */
  secretNames?: readonly string[];
  /** Extra public-by-design names or fragments; they win over everything else. */
  publicNames?: readonly string[];
}

function matchesListed(name: string, tokens: readonly string[], listed: readonly string[] | undefined): boolean {
  if (!listed || listed.length === 0) return false;
  const full = nameTokens(name);
  return listed.some((entry) => {
    if (entry === name) return true;
    const sequence = nameTokens(entry);
    return containsSequence(tokens, sequence) || containsSequence(full, sequence);
  });
}

const builtInAnswers = new Map<string, EnvNameClass>();

/** Why a name is, or is not, a secret. `isSecretEnvName` is the boolean form. */
export function classifyEnvName(name: string, options: EnvNameOptions = {}): EnvNameClass {
  if (!options.secretNames?.length && !options.publicNames?.length) {
    let answer = builtInAnswers.get(name);
    if (!answer) {
      answer = classifyUncached(name, {});
      if (builtInAnswers.size > 10_000) builtInAnswers.clear();
      builtInAnswers.set(name, answer);
    }
    return answer;
  }
  return classifyUncached(name, options);
}

function classifyUncached(name: string, options: EnvNameOptions): EnvNameClass {
  const tokens = nameTokens(serverEnvName(name));
  if (matchesListed(name, tokens, options.publicNames)) return { secret: false, reason: 'settings' };
  if (matchesListed(name, tokens, options.secretNames)) return { secret: true, reason: 'settings' };
  if (tokens.length === 0) return { secret: false, reason: 'no-evidence' };
  const last = tokens[tokens.length - 1];
  const beforeLast = tokens[tokens.length - 2];

  // Connection strings: the URL carries the password (`DATABASE_URL`, `POSTGRES_URL_NON_POOLING`).
  const urlAt = tokens.findIndex((t) => t === 'URL' || t === 'URI');
  if (urlAt > 0 && urlAt < tokens.length - 1 && tokens.slice(urlAt + 1).every((t) => URL_VARIANTS.has(t))) {
    const restApi = tokens.includes('REST') || tokens.includes('HTTP') || tokens.includes('HTTPS') || tokens.includes('API');
    if (tokens.slice(0, urlAt).some((t) => DATABASE_TOKENS.has(t)) && !restApi) return { secret: true, reason: 'database-url' };
  }
  const urlLike = last === 'URL' || last === 'URI' || last === 'DSN' || (last === 'STRING' && beforeLast === 'CONNECTION');
  if (urlLike) {
    if (last === 'STRING') return { secret: true, reason: 'database-url' };
    const restApi = tokens.includes('REST') || tokens.includes('HTTP') || tokens.includes('HTTPS') || tokens.includes('API');
    if (tokens.some((t) => DATABASE_TOKENS.has(t)) && !restApi) return { secret: true, reason: 'database-url' };
    if (last === 'DSN') {
      return hasVendor(tokens, PUBLIC_VENDORS) ? { secret: false, reason: 'public-by-design' } : { secret: true, reason: 'database-url' };
    }
    if (tokens.includes('WEBHOOK') && (tokens.includes('SLACK') || tokens.includes('DISCORD') || tokens.includes('TEAMS'))) {
      return { secret: true, reason: 'webhook-url' };
    }
  }
  if (NOT_A_VALUE.has(last)) return { secret: false, reason: 'setting' };
  if (strongSecret(tokens)) {
    return { secret: true, reason: tokens.some((t) => t.includes('PASSW') || t === 'PASSPHRASE') ? 'password' : 'secret-word' };
  }
  if (PUBLIC_PHRASES.some((phrase) => containsSequence(tokens, phrase)) || publicVendorKey(tokens)) {
    return { secret: false, reason: 'public-by-design' };
  }
  if (last === 'TOKEN' || last === 'TOKENS' || last.endsWith('TOKEN')) return { secret: true, reason: 'token' };
  if (last === 'PASS' || last === 'PWD') return { secret: true, reason: 'password' };
  if (last === 'KEY' || last === 'KEYS' || last === 'APIKEY') {
    if (beforeLast && PRIVILEGED_KEY_QUALIFIERS.has(beforeLast)) return { secret: true, reason: 'privileged-key' };
    if (hasVendor(tokens, SERVER_API_VENDORS)) return { secret: true, reason: 'api-key' };
    // `LLM_API_KEY`, `EMBEDDING_PROVIDER_API_KEY`, `INTERNAL_API_KEY`: keys of server-side services by their role.
    if (beforeLast === 'API' && tokens.some((t) => SERVER_ROLE_QUALIFIERS.has(t))) return { secret: true, reason: 'api-key' };
    if (tokens.includes('ADMIN') || tokens.includes('SERVER')) return { secret: true, reason: 'privileged-key' };
  }
  return { secret: false, reason: 'no-evidence' };
}

/**
 * Classify an env variable name: secret by name (SECRET, SERVICE_ROLE, …) unless public by design (PUBLISHABLE_KEY,
 * ANON_KEY, …). Options carry the settings' extra lists. A client prefix (`NEXT_PUBLIC_`) does not change the answer.
 */
export function isSecretEnvName(name: string, options?: { secretNames?: readonly string[]; publicNames?: readonly string[] }): boolean {
  if (typeof name !== 'string') return false;
  return classifyEnvName(name, options).secret;
}

/** Is this name public by design (so a secret-shaped value under it is a leak, and its own value is expected)? */
export function isPublicByDesignName(name: string, options: EnvNameOptions = {}): boolean {
  const result = classifyEnvName(name, options);
  return !result.secret && (result.reason === 'public-by-design' || result.reason === 'settings');
}
