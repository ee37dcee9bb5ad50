/** Glob matching of linted files against option lists (admin areas, scripts, auth flows), relative to the cwd. */
import { isAbsolute, relative } from 'node:path';
import { Minimatch } from 'minimatch';

const compiled = new Map<string, RegExp | null>();

/** All globs of a list as one regular expression, compiled once per list (this runs for every linted file). */
function matcher(globs: readonly string[]): RegExp | null {
  const key = globs.join('\0');
  let re = compiled.get(key);
  if (re === undefined) {
    const parts = globs
      .map((g) => new Minimatch(g, { dot: true, nocase: process.platform === 'win32' }).makeRe())
      .filter((r): r is RegExp => r instanceof RegExp)
      .map((r) => `(?:${r.source})`);
    re = parts.length > 0 ? new RegExp(parts.join('|'), process.platform === 'win32' ? 'i' : '') : null;
    compiled.set(key, re);
  }
  return re;
}

export function matchesAnyGlob(filename: string, cwd: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const re = matcher(globs);
  if (!re) return false;
  const path = (isAbsolute(filename) ? relative(cwd, filename) : filename).split('\\').join('/');
  return re.test(path);
}

/** Where reading across tenants is the point: admin areas, scripts, seeds, tests, scheduled jobs. */
export const DEFAULT_ALLOW_PATHS = [
  '**/admin/**',
  '**/admin.*',
  '**/scripts/**',
  '**/seed.*',
  '**/seed/**',
  '**/migrations/**',
  '**/migration/**',
  '**/*.{test,spec}.*',
  '**/__tests__/**',
  '**/cron/**',
];

/** Sign-in and verification flows look users up by a credential before any session exists. */
export const DEFAULT_AUTH_PATHS = [
  '**/auth.{ts,js,mts,mjs}',
  '**/auth.config.*',
  '**/auth/**',
  '**/(auth)/**',
  '**/(login)/**',
  '**/{login,signin,sign-in,signup,sign-up,register}/**',
];
