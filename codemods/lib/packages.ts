/** The major version of a dependency, read from the package.json files that declare it (a rewrite may depend on it). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const cache = new Map<string, Record<string, string> | null>();

function dependenciesIn(dir: string): Record<string, string> | null {
  if (cache.has(dir)) return cache.get(dir)!;
  let deps: Record<string, string> | null = null;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    deps = {};
    for (const key of ['peerDependencies', 'devDependencies', 'dependencies']) {
      const value = pkg[key];
      if (value && typeof value === 'object') Object.assign(deps, value);
    }
  } catch {
    deps = null; // no package.json here, or not JSON
  }
  cache.set(dir, deps);
  return deps;
}

/** `^6.1.0` → 6, `~5.22.0` → 5, `5.x` → 5, `>=5` → 5; null for `workspace:*`, `latest`, a URL. */
function majorOf(range: string): number | null {
  const match = /^\s*(?:[~^]|>=?|=)?\s*v?(\d+)(?:$|[.\s])/.exec(range);
  return match ? Number(match[1]) : null;
}

/** `catalog:` / `catalog:<name>` ranges of pnpm, from the nearest pnpm-workspace.yaml (read line by line, not parsed). */
function catalogRange(fromDir: string, name: string, range: string): string | null {
  const wanted = range.slice('catalog:'.length).trim() || 'default';
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const file = join(dir, 'pnpm-workspace.yaml');
    if (existsSync(file)) {
      let section: string | null = null;
      let inCatalogs = false;
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/^\S/.test(line)) {
          inCatalogs = /^catalogs:\s*$/.test(line);
          section = /^catalog:\s*$/.test(line) ? 'default' : null;
          continue;
        }
        const named = inCatalogs ? /^ {2}['"]?([\w@/.-]+)['"]?:\s*$/.exec(line) : null;
        if (named) {
          section = named[1];
          continue;
        }
        const entry = /^\s+['"]?([^'":\s]+)['"]?\s*:\s*['"]?([^'"\s#]+)/.exec(line);
        if (section === wanted && entry?.[1] === name) return entry[2];
      }
      return null;
    }
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The major version of the first of `names` that a package.json declares, looking up from each of `fromFiles` in
 * turn (the file being changed, then e.g. the Prisma schema, whose package is the one that has Prisma in a monorepo).
 * Null when none says.
 */
export function dependencyMajor(fromFiles: readonly string[], names: readonly string[]): number | null {
  for (const from of fromFiles) {
    for (let dir = dirname(from); ; dir = dirname(dir)) {
      const deps = dependenciesIn(dir);
      for (const name of names) {
        let range = deps?.[name];
        if (typeof range !== 'string') continue;
        if (range.startsWith('catalog:')) range = catalogRange(dir, name, range) ?? range;
        const major = majorOf(range);
        if (major !== null) return major;
      }
      if (dirname(dir) === dir) break;
    }
  }
  return null;
}

/** Forget what was read (tests write package.json files; a long-lived process may see them change). */
export function clearPackageCache(): void {
  cache.clear();
}
