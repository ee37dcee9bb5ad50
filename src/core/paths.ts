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
