/** Glob matching of linted files against option lists (admin areas, scripts, auth flows), relative to the cwd. */
import { isAbsolute, relative } from 'node:path';
import { Minimatch } from 'minimatch';

const compiled = new Map<string, Minimatch[]>();

function matchers(globs: readonly string[]): Minimatch[] {
  const key = globs.join('\0');
  let list = compiled.get(key);
  if (!list) {
    list = globs.map((g) => new Minimatch(g, { dot: true, nocase: process.platform === 'win32' }));
    compiled.set(key, list);
  }
  return list;
}

export function matchesAnyGlob(filename: string, cwd: string, globs: readonly string[]): boolean {
  if (globs.length === 0) return false;
  const path = (isAbsolute(filename) ? relative(cwd, filename) : filename).split('\\').join('/');
  return matchers(globs).some((m) => m.match(path));
}
