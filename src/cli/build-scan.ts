/**
 * `tenant-guard check --build <dir>`: proves that no secret shipped. Scans what a Next.js build serves to browsers —
 * `.next/static/**` (client chunks, CSS, their `*.js.map` source maps), the prerendered pages and payloads under
 * `.next/server/app` and `.next/server/pages` (`*.html`, `*.rsc`, `*.body`, `*.json`) — or, for any other folder (a
 * static export in `out/`), every text file in it. It looks for:
 *
 * - the values of the project's server-only variables (`.env`, `.env.local`, `.env.production`…, never templates
 *   such as `.env.example`): every variable without a client prefix (`NEXT_PUBLIC_`) whose name the shared classifier
 *   calls secret, whose value is secret-shaped, or whose value looks random, found verbatim (or JSON-escaped); in a
 *   source map, in the decoded `sourcesContent` of each original file, which is reported as the origin;
 * - secret-shaped values of any origin (`secrets.ts`: Stripe `sk_`/`rk_`/`whsec_`, Supabase `sb_secret_` and
 *   service-role JWTs).
 *
 * Files are streamed in 1 MB chunks with an overlap longer than the longest value searched, so a value split across
 * chunks is found once and memory stays flat; binary assets are skipped by extension and by a NUL byte in their
 * first bytes. Findings name the file, the byte offset (line:column too) and, for chunks with a source map, the
 * original file and line; never the secret: a short prefix and the first 12 hex digits of its SHA-256.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { StringDecoder } from 'node:string_decoder';
import { isDotenvFileName, isDotenvTemplate, parseDotenv } from '../core/dotenv.js';
import { clientEnvPrefix, findSecretValues, isPlaceholderValue, isPublicByDesignName, isSecretEnvName, publicValueKind, secretValueKind } from '../core/secrets.js';
import { version } from '../version.js';
import { formatPretty, toJson, warningLines, type Style } from './format.js';
import type { Finding, Report, Warning } from './report.js';
import { formatSarif } from './sarif.js';

export const BUILD_RULE_ID = 'tenant-guard/check-build';
const DOCS_URL = 'https://github.com/tenant-guard/tenant-guard/blob/main/docs/cli/check-build.md';

/** Extensions of assets that hold no text a secret could be inlined into. */
const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'ico', 'bmp', 'tif', 'tiff', 'heic', 'psd',
  'woff', 'woff2', 'ttf', 'otf', 'eot',
  'mp3', 'mp4', 'webm', 'ogg', 'wav', 'flac', 'mov', 'avi', 'm4a',
  'wasm', 'zip', 'gz', 'br', 'zst', 'tar', 'tgz', '7z', 'rar', 'pdf', 'node', 'so', 'dll', 'exe', 'bin', 'pack',
]);
/** Files under `.next/server/{app,pages}` that are served to browsers as they are. */
const PRERENDERED = /\.(?:html|rsc|body|json|txt)$/;
/** Server-only values shorter than this are not searched: they occur in any large bundle by chance. */
const MIN_SECRET_LENGTH = 12;
/** Random-looking values (not named secret) must be at least this long. */
const MIN_RANDOM_LENGTH = 20;
const CHUNK_BYTES = 1 << 20;
/** Longer than any secret-shaped match (a JWT is at most ~7 KB here) and any env value searched. */
const MIN_OVERLAP = 16 * 1024;

export interface BuildScanOptions {
  /** The build output: a `.next` folder (or a folder holding one), or any folder of built files. */
  buildDir: string;
  /** The project whose `.env*` files name the values to look for. */
  projectDir: string;
  /** Extra env names (fragments) that hold secrets / are public, as in settings `secretEnvNames` / `publicEnvNames`. */
  secretNames?: readonly string[];
  publicNames?: readonly string[];
}

/** A finding with what `--format json` adds to the common fields: never the value itself. */
export interface BuildFinding extends Finding {
  /** Byte offset in the file (in a source map: of the map entry's original file, see `origin`). */
  offset: number;
  kind: 'env-value' | 'secret-value';
  /** The env variable whose value this is (`STRIPE_SECRET_KEY`), when it is one. */
  variable?: string;
  /** The `.env*` files that set it. */
  envFiles?: string[];
  /** What the classifier calls the value (`Stripe live secret key`), when it is secret-shaped. */
  valueKind?: string;
  /** A short prefix of the value (`sk_live_…`) and the first 12 hex digits of its SHA-256. */
  preview: string;
  sha256: string;
  /** Where it comes from in the original sources, by the file's source map. */
  origin?: { source: string; line: number; column: number };
}

export interface BuildReport extends Report {
  findings: BuildFinding[];
  /** The folder scanned (absolute), and how: the Next.js layout or every file. */
  buildDir: string;
  layout: 'next' | 'folder';
  bytes: number;
  binarySkipped: number;
  /** Env variables whose values were searched, and the files they came from. */
  searched: string[];
  envFiles: string[];
}

interface Needle {
  /** The strings to find: the value, and its JSON-escaped form when different. */
  forms: string[];
  name: string;
  envFiles: string[];
  valueKind?: string;
  preview: string;
  sha256: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Values

export function sha256Prefix(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/** What a message may show of a secret: its vendor prefix (`sk_live_`, `whsec_`) or a few characters, then `…`. */
export function previewOf(value: string): string {
  const vendor = /^(?:sk_live_|sk_test_|rk_live_|rk_test_|whsec_|sb_secret_|eyJ)/.exec(value)?.[0];
  const shown = vendor ?? value.slice(0, Math.min(4, Math.floor(value.length / 4)));
  return `${shown}…`;
}

/** Names of settings that are identifiers or addresses, not secrets, however random their value looks. */
const NOT_SECRET_LAST = /_(?:IDS?|URL|URI|HOST|HOSTNAME|REGION|NAME|EMAIL|DOMAIN|PATH|VERSION|ENV|MODE|PORT|LOCALE|TIMEZONE)$/i;
/** Stripe object ids (`price_…`, `prod_…`, `acct_…`) and other vendor ids that client code uses on purpose. */
const PUBLIC_ID = /^(?:price|prod|plan|cus|sub|acct|prctbl|promo|coupon|pi|pm|seti|cs|evt|prj|team)_[A-Za-z0-9]+$/;

/**
 * Long, no spaces, letters and digits, many distinct characters, not a plain URL, an email address or a vendor id,
 * under a name that is not an identifier or address setting (`GITHUB_ID`, `SENTRY_URL`).
 */
function looksRandom(name: string, value: string): boolean {
  if (NOT_SECRET_LAST.test(name) || PUBLIC_ID.test(value)) return false;
  if (value.length < MIN_RANDOM_LENGTH || /\s/.test(value)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^@]*$/i.test(value) || /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  return new Set(value).size >= 12;
}

interface EnvValues {
  needles: Needle[];
  files: string[];
  warnings: Warning[];
}

/** The server-only values of the project's `.env*` files that are worth searching for. */
export function envNeedles(projectDir: string, options: Pick<BuildScanOptions, 'secretNames' | 'publicNames'> = {}): EnvValues {
  const warnings: Warning[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(projectDir).filter((n) => isDotenvFileName(n) && !isDotenvTemplate(n)).sort();
  } catch {
    names = [];
  }
  const entries: Array<{ name: string; value: string; file: string }> = [];
  const files: string[] = [];
  for (const file of names) {
    let text: string;
    try {
      if (!statSync(join(projectDir, file)).isFile()) continue;
      text = readFileSync(join(projectDir, file), 'utf8');
    } catch {
      continue;
    }
    files.push(file);
    for (const entry of parseDotenv(text).body) {
      if (entry.value && entry.value.value.length > 0) entries.push({ name: entry.key.name, value: entry.value.value, file });
    }
  }
  const classifier = { secretNames: options.secretNames ?? [], publicNames: options.publicNames ?? [] };
  // A client-prefixed secret (`NEXT_PUBLIC_STRIPE_SECRET_KEY`) is a secret that leaks, not a public value.
  const isSecret = (name: string, value: string) => isSecretEnvName(name, classifier) || secretValueKind(value) !== null;
  const publicValues = new Set(entries.filter((e) => clientEnvPrefix(e.name) !== null && !isSecret(e.name, e.value.trim())).map((e) => e.value.trim()));
  const byValue = new Map<string, Needle>();
  const tooShort = new Set<string>();
  for (const { name, value: raw, file } of entries) {
    const value = raw.trim();
    if (publicValues.has(value) || isPlaceholderValue(value) || publicValueKind(value)) continue;
    const shaped = secretValueKind(value);
    const secretName = isSecretEnvName(name, classifier);
    if (clientEnvPrefix(name) !== null && !shaped && !secretName) continue;
    if (!shaped && !secretName && (isPublicByDesignName(name, classifier) || !looksRandom(name, value))) continue;
    if (!shaped && value.length < MIN_SECRET_LENGTH) {
      tooShort.add(name);
      continue;
    }
    const known = byValue.get(value);
    if (known) {
      if (!known.envFiles.includes(file)) known.envFiles.push(file);
      if (!known.name.split(', ').includes(name)) known.name += `, ${name}`;
      continue;
    }
    const escaped = JSON.stringify(value).slice(1, -1);
    byValue.set(value, {
      forms: escaped === value ? [value] : [value, escaped],
      name,
      envFiles: [file],
      valueKind: shaped?.label,
      preview: previewOf(value),
      sha256: sha256Prefix(value),
    });
  }
  if (tooShort.size > 0) {
    warnings.push({
      key: 'build-short-values',
      message: `not searched for ${[...tooShort].join(', ')}: values shorter than ${MIN_SECRET_LENGTH} characters occur in large bundles by chance. Use longer secrets.`,
    });
  }
  return { needles: [...byValue.values()], files, warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// Files

/** The files of a build that reach browsers, by the layout of the folder. */
export function buildFiles(buildDir: string): { layout: 'next' | 'folder'; files: string[]; binary: number } {
  const isNext = existsSync(join(buildDir, 'BUILD_ID')) || existsSync(join(buildDir, 'static')) || existsSync(join(buildDir, 'server'));
  const files: string[] = [];
  let binary = 0;
  const walk = (dir: string, accept: (name: string) => boolean, depth = 0): void => {
    if (depth > 40) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git' && entry.name !== 'cache') walk(path, accept, depth + 1);
      } else if (entry.isFile() && accept(entry.name)) {
        if (isBinaryName(entry.name)) binary++;
        else files.push(path);
      }
    }
  };
  if (isNext) {
    walk(join(buildDir, 'static'), () => true);
    for (const router of ['app', 'pages']) walk(join(buildDir, 'server', router), (name) => PRERENDERED.test(name));
  } else {
    walk(buildDir, () => true);
  }
  return { layout: isNext ? 'next' : 'folder', files: files.sort(), binary };
}

function isBinaryName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot !== -1 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

interface Match {
  /** Char index in the file's text, byte offset, 1-based line and column. */
  index: number;
  offset: number;
  line: number;
  column: number;
  length: number;
  needle: Needle | null;
  valueKind?: string;
  value: string;
}

/**
 * Every needle and secret-shaped value in a text stream. `null` when the file is binary (a NUL byte in its first
 * 8 KB). Chunks overlap by `overlap` characters; a match lying wholly inside the overlap was found in the previous
 * round and is not counted again.
 */
async function scanStream(path: string, needles: Needle[], overlap: number): Promise<{ matches: Match[]; bytes: number } | null> {
  const decoder = new StringDecoder('utf8');
  const matches: Match[] = [];
  let carry = '';
  /** Of the start of `carry`: char index, byte offset, line, and chars since the last newline before it. */
  let index = 0;
  let offset = 0;
  let line = 1;
  let column = 0;
  let bytes = 0;
  let first = true;
  const seen = new Set<number>();
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const locate = (buffer: string, at: number) => {
    const before = buffer.slice(0, at);
    const newlines = countNewlines(before);
    const lastNewline = before.lastIndexOf('\n');
    return {
      index: index + at,
      offset: offset + Buffer.byteLength(before),
      line: line + newlines,
      column: (lastNewline === -1 ? column + at : at - lastNewline - 1) + 1,
    };
  };
  const search = (buffer: string, carried: number) => {
    for (const needle of needles) {
      for (const form of needle.forms) {
        for (let at = buffer.indexOf(form); at !== -1; at = buffer.indexOf(form, at + 1)) {
          if (at + form.length <= carried) continue;
          const where = locate(buffer, at);
          if (seen.has(where.index)) continue;
          seen.add(where.index);
          matches.push({ ...where, length: form.length, needle, valueKind: needle.valueKind, value: form });
        }
      }
    }
    for (const m of findSecretValues(buffer)) {
      if (m.index + m.length <= carried) continue;
      const where = locate(buffer, m.index);
      if (seen.has(where.index)) continue;
      seen.add(where.index);
      matches.push({ ...where, length: m.length, needle: null, valueKind: m.label, value: buffer.slice(m.index, m.index + m.length) });
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (chunk.subarray(0, 8192).includes(0)) {
        stream.destroy();
        return null;
      }
    }
    bytes += chunk.length;
    const buffer = carry + decoder.write(chunk);
    search(buffer, carry.length);
    const keep = Math.min(buffer.length, overlap);
    const dropped = buffer.slice(0, buffer.length - keep);
    index += dropped.length;
    offset += Buffer.byteLength(dropped);
    const newlines = countNewlines(dropped);
    const lastNewline = dropped.lastIndexOf('\n');
    line += newlines;
    column = lastNewline === -1 ? column + dropped.length : dropped.length - lastNewline - 1;
    carry = buffer.slice(buffer.length - keep);
  }
  const rest = decoder.end();
  if (rest) search(carry + rest, carry.length);
  return { matches: matches.sort((a, b) => a.index - b.index), bytes };
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Source maps

interface SourceMap {
  sources?: unknown;
  sourcesContent?: unknown;
  mappings?: unknown;
  sourceRoot?: unknown;
}

function readMap(path: string): SourceMap | null {
  try {
    const map = JSON.parse(readFileSync(path, 'utf8')) as SourceMap;
    return map && typeof map === 'object' ? map : null;
  } catch {
    return null;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64].map((c, i) => [c, i]));

/**
 * The original position of a generated position (1-based line, 0-based column), by the map's `mappings` (VLQ):
 * the last segment on that line at or before the column.
 */
export function originalPosition(map: SourceMap, line: number, column: number): { source: string; line: number; column: number } | null {
  if (typeof map.mappings !== 'string' || !Array.isArray(map.sources)) return null;
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  let best: { source: number; line: number; column: number } | null = null;
  const lines = map.mappings.split(';');
  for (let l = 0; l < Math.min(lines.length, line); l++) {
    let generated = 0;
    for (const segment of lines[l].split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      if (fields.length === 0) continue;
      generated += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        originalLine += fields[2];
        originalColumn += fields[3];
        if (l === line - 1 && generated <= column) best = { source, line: originalLine, column: originalColumn };
      }
    }
  }
  if (!best) return null;
  const name = map.sources[best.source];
  if (typeof name !== 'string') return null;
  return { source: cleanSource(name, map.sourceRoot), line: best.line + 1, column: best.column + 1 };
}

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = BASE64_VALUES.get(c);
    if (digit === undefined) return [];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** `webpack://_N_E/./app/lib/stripe.ts?1234` → `app/lib/stripe.ts`. */
function cleanSource(source: string, root: unknown): string {
  const full = typeof root === 'string' && root && !/^[a-z-]+:\/\//i.test(source) ? `${root.replace(/\/$/, '')}/${source}` : source;
  return full.replace(/^webpack:\/\/[^/]*\//, '').replace(/^(?:turbopack|file):\/\/\/?(?:\[project\]\/)?/, '').replace(/^\.\//, '').replace(/\?[^/]*$/, '');
}

/** Needles and secret-shaped values in the original files a source map carries (`sourcesContent`). */
function scanMapSources(map: SourceMap, needles: Needle[]): Array<Match & { source: string }> {
  const out: Array<Match & { source: string }> = [];
  if (!Array.isArray(map.sourcesContent) || !Array.isArray(map.sources)) return out;
  map.sourcesContent.forEach((content, i) => {
    if (typeof content !== 'string') return;
    const name = map.sources && Array.isArray(map.sources) && typeof map.sources[i] === 'string' ? cleanSource(map.sources[i] as string, map.sourceRoot) : `source ${i}`;
    const push = (at: number, length: number, needle: Needle | null, valueKind: string | undefined) => {
      if (out.some((m) => m.source === name && m.index === at)) return;
      const before = content.slice(0, at);
      const lastNewline = before.lastIndexOf('\n');
      out.push({ source: name, index: at, offset: Buffer.byteLength(before), line: countNewlines(before) + 1, column: at - lastNewline, length, needle, valueKind, value: content.slice(at, at + length) });
    };
    for (const needle of needles) {
      const value = needle.forms[0];
      for (let at = content.indexOf(value); at !== -1; at = content.indexOf(value, at + 1)) push(at, value.length, needle, needle.valueKind);
    }
    for (const m of findSecretValues(content)) push(m.index, m.length, null, m.label);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The scan

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

function describe(match: Match, where: string, origin: string | null): { message: string; kind: BuildFinding['kind'] } {
  const value = match.needle?.forms[0] ?? match.value;
  const shown = `\`${previewOf(value)}\`, sha256 ${sha256Prefix(value)}`;
  const fromOrigin = origin ? `, from ${origin}` : '';
  if (match.needle) {
    const label = match.needle.valueKind ? ` (a ${match.needle.valueKind})` : '';
    return {
      kind: 'env-value',
      message:
        `The value of ${match.needle.name}${label}, set in ${match.needle.envFiles.join(', ')}, is in ${where} (${shown}${fromOrigin}): ` +
        `anyone who loads the app can read it. Rotate it, and keep the variable server-only: read it in a Route Handler, Server Action or ` +
        `server-only module, never in code a 'use client' module imports or in next.config \`env\`.`,
    };
  }
  return {
    kind: 'secret-value',
    message:
      `A ${match.valueKind ?? 'secret'} is in ${where} (${shown}${fromOrigin}): anyone who loads the app can read it. ` +
      `Rotate it, and move it to a server-only env variable read only on the server.`,
  };
}

/** Scans a build folder. Never throws for a file it cannot read: that file is listed in `failed`. */
export async function scanBuild(options: BuildScanOptions): Promise<BuildReport> {
  const started = performance.now();
  let buildDir = options.buildDir;
  if (basename(buildDir) !== '.next' && existsSync(join(buildDir, '.next')) && statSync(join(buildDir, '.next')).isDirectory()) buildDir = join(buildDir, '.next');
  const env = envNeedles(options.projectDir, options);
  const warnings = [...env.warnings];
  if (env.files.length === 0) {
    warnings.push({
      key: 'build-no-env',
      message: `no .env files in ${options.projectDir}: only secret-shaped values were searched for (Stripe and Supabase keys). Pass the app folder before --build to use its .env files.`,
    });
  }
  const overlap = Math.max(MIN_OVERLAP, ...env.needles.flatMap((n) => n.forms.map((f) => f.length * 2)));
  const { layout, files, binary } = buildFiles(buildDir);
  const findings: BuildFinding[] = [];
  const failed: Report['failed'] = [];
  let bytes = 0;
  let binarySkipped = binary;
  let scanned = 0;
  const base = layout === 'next' ? join(buildDir, '..') : buildDir;
  for (const path of files) {
    const file = toPosix(relative(base, path));
    let result;
    try {
      result = await scanStream(path, env.needles, overlap);
    } catch (error) {
      failed.push({ file, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    if (!result) {
      binarySkipped++;
      continue;
    }
    scanned++;
    bytes += result.bytes;
    const isMap = path.endsWith('.map');
    const kindOfFile = isMap
      ? 'this source map'
      : layout === 'next' && file.includes('/server/')
        ? 'this prerendered page'
        : /\.html?$/.test(path)
          ? 'this page'
          : 'this client file';
    let map: SourceMap | null | undefined;
    const originOf = (m: Match): string | null => {
      if (isMap || !/\.[cm]?js$/.test(path)) return null;
      if (map === undefined) map = existsSync(`${path}.map`) ? readMap(`${path}.map`) : null;
      const origin = map ? originalPosition(map, m.line, m.column - 1) : null;
      return origin ? `${origin.source}:${origin.line}` : null;
    };
    for (const m of result.matches) {
      const origin = originOf(m);
      const { message, kind } = describe(m, `${kindOfFile} at byte ${m.offset}`, origin);
      findings.push(finding(file, m, kind, message, origin && map ? originalPosition(map, m.line, m.column - 1) : null));
    }
    if (isMap) {
      const parsed = readMap(path);
      for (const m of parsed ? scanMapSources(parsed, env.needles) : []) {
        // The same value also found in the map's raw text: keep the finding that names its origin.
        const raw = findings.findIndex((f) => f.file === file && f.sha256 === sha256Prefix(m.needle?.forms[0] ?? m.value) && f.origin === undefined);
        if (raw !== -1) findings.splice(raw, 1);
        const { message, kind } = describe(m, `the sourcesContent of this source map (original file ${m.source}, line ${m.line})`, null);
        findings.push(finding(file, m, kind, message, { source: m.source, line: m.line, column: m.column }));
      }
    }
  }
  findings.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.offset - b.offset));
  return {
    version,
    root: options.projectDir,
    fileCount: scanned,
    findings,
    skipped: [],
    failed,
    warnings,
    suppressedCount: 0,
    rulesMeta: { [BUILD_RULE_ID]: { docs: { description: 'No server secret in client bundles, source maps or prerendered pages', url: DOCS_URL } } },
    durationMs: performance.now() - started,
    buildDir,
    layout,
    bytes,
    binarySkipped,
    searched: env.needles.map((n) => n.name),
    envFiles: env.files,
  };
}

function finding(file: string, m: Match, kind: BuildFinding['kind'], message: string, origin: { source: string; line: number; column: number } | null): BuildFinding {
  const value = m.needle?.forms[0] ?? m.value;
  return {
    file,
    line: origin && file.endsWith('.map') ? 1 : m.line,
    column: origin && file.endsWith('.map') ? 1 : m.column,
    ruleId: BUILD_RULE_ID,
    message,
    messageId: kind === 'env-value' ? 'envValue' : 'secretValue',
    offset: m.offset,
    kind,
    ...(m.needle && { variable: m.needle.name, envFiles: m.needle.envFiles }),
    ...(m.valueKind && { valueKind: m.valueKind }),
    preview: previewOf(value),
    sha256: sha256Prefix(value),
    ...(origin && { origin }),
  };
}

/** The line printed before a pretty report: what was searched, where. */
export function scanHeader(report: BuildReport): string {
  const n = report.searched.length;
  const what = n > 0 ? `the values of ${n} secret variable${n === 1 ? '' : 's'} (${report.envFiles.join(', ')}) and` : '';
  const where = report.layout === 'next' ? 'static chunks, source maps and prerendered pages' : 'every text file';
  const mb = (report.bytes / 1e6).toFixed(1);
  const files = `${report.fileCount} file${report.fileCount === 1 ? '' : 's'}`;
  return `tenant-guard: searched ${where} of ${report.buildDir} (${files}, ${mb} MB, ${report.binarySkipped} binary skipped) for ${what} every secret-shaped value`;
}

// ---------------------------------------------------------------------------------------------------------------
// The command

interface BuildCommand {
  build: string;
  format: 'pretty' | 'json' | 'sarif';
  demo: boolean;
}

interface BuildIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** `tenant-guard check [dir] --build <build>`: resolves to the exit code (1 on a finding, 2 when the build cannot be read). */
export async function runBuildCheck(command: BuildCommand, projectDir: string, io: BuildIO, style: Style): Promise<number> {
  const buildDir = resolve(command.build);
  let isDir = false;
  try {
    isDir = statSync(buildDir).isDirectory();
  } catch {
    io.stderr.write(`tenant-guard: no such build folder: ${command.build} (run \`next build\` first)\n`);
    return 2;
  }
  if (!isDir) {
    io.stderr.write(`tenant-guard: not a folder: ${command.build}\n`);
    return 2;
  }
  const report = await scanBuild({ buildDir, projectDir });
  if (command.format === 'pretty') {
    io.stdout.write(`${style.dim(scanHeader(report))}\n\n${formatPretty(report, style)}`);
  } else {
    const document =
      command.format === 'json'
        ? `${JSON.stringify({ ...toJson(report), build: { dir: report.buildDir, layout: report.layout, bytes: report.bytes, binarySkipped: report.binarySkipped, envFiles: report.envFiles, searched: report.searched } }, null, 2)}\n`
        : formatSarif(report);
    io.stdout.write(document);
    for (const line of warningLines(report, style)) io.stderr.write(`tenant-guard: ${line}\n`);
    for (const f of report.failed) io.stderr.write(`tenant-guard: error: could not read ${f.file}: ${f.message}\n`);
  }
  if (command.demo) return 0;
  return report.failed.length > 0 ? 2 : report.findings.length > 0 ? 1 : 0;
}
