/**
 * The per-process caches that project files (a Prisma schema, Supabase's generated types) are read through. A
 * linter sees thousands of files per run, so nothing may be read or parsed per linted file; an editor keeps one
 * process for hours, so what was read must notice edits:
 * - `fileCache`: one parse per file path and mtime (+ size). A stat is trusted for a short window, so hot paths do
 *   not stat on every call. A parse that failed keeps its warning and re-issues it through `warnOnce` on cache hits,
 *   so a process that reset its diagnostics (the CLI, once per run) hears it again.
 * - `timedCache`: discovery results (which files describe a folder) re-checked after a few seconds, so a file created
 *   later is found without a restart.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { warnOnce } from './diagnostics.js';

export interface ParseOutcome<T> {
  result: T | null;
  /** A one-time warning for a file that could not be used. */
  warning?: { key: string; message: string };
}

interface Entry<T> {
  mtimeMs: number;
  size: number;
  checkedAt: number;
  outcome: ParseOutcome<T>;
}

export interface FileCache<T> {
  /** The parse of `file`, or null when it does not exist or did not parse. Never throws. */
  load(file: string, now?: number): T | null;
  clear(): void;
}

/** How long a stat result is trusted: long enough to keep stats off the per-file hot path, short for editors. */
export const RECHECK_MS = 2000;
/** How long a discovery result is trusted. */
export const DISCOVERY_RECHECK_MS = 5000;

/** `read` gets the file's path and mtime and does the reading and parsing; it must not throw. */
export function fileCache<T>(read: (file: string, mtimeMs: number) => ParseOutcome<T>, recheckMs = RECHECK_MS): FileCache<T> {
  const cache = new Map<string, Entry<T>>();
  const hit = (entry: Entry<T>): T | null => {
    if (entry.outcome.warning) warnOnce(entry.outcome.warning.key, entry.outcome.warning.message);
    return entry.outcome.result;
  };
  return {
    load(file, now = Date.now()) {
      const cached = cache.get(file);
      if (cached && now - cached.checkedAt < recheckMs) return hit(cached);
      let stat;
      try {
        stat = statSync(file);
      } catch {
        cache.delete(file);
        return null;
      }
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
        cached.checkedAt = now;
        return hit(cached);
      }
      const outcome = read(file, stat.mtimeMs);
      if (outcome.warning) warnOnce(outcome.warning.key, outcome.warning.message);
      cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, checkedAt: now, outcome });
      return outcome.result;
    },
    clear() {
      cache.clear();
    },
  };
}

export interface TimedCache<V> {
  get(key: string, now?: number): V | undefined;
  set(key: string, value: V, now?: number): V;
  clear(): void;
}

export function timedCache<V>(ttlMs = DISCOVERY_RECHECK_MS): TimedCache<V> {
  const cache = new Map<string, { checkedAt: number; value: V }>();
  return {
    get(key, now = Date.now()) {
      const entry = cache.get(key);
      return entry && now - entry.checkedAt < ttlMs ? entry.value : undefined;
    },
    set(key, value, now = Date.now()) {
      cache.set(key, { checkedAt: now, value });
      return value;
    },
    clear() {
      cache.clear();
    },
  };
}

export function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

export function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** The first folder from `start` upwards for which `predicate` holds. */
export function findUp(start: string, predicate: (dir: string) => boolean): string | null {
  let dir = start;
  for (;;) {
    if (predicate(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

const nearest = timedCache<string | null>();

/**
 * The nearest folder at or above `start` that holds a file named `name` (`package.json`, `tsconfig.json`).
 * Memoised per folder: every linted file asks, and most share their folders' answers.
 */
export function nearestDirWith(start: string, name: string, now = Date.now()): string | null {
  const key = `${start}\0${name}`;
  const cached = nearest.get(key, now);
  if (cached !== undefined) return cached;
  let found: string | null;
  if (isFile(`${start}/${name}`)) found = start;
  else {
    const parent = dirname(start);
    found = parent === start ? null : nearestDirWith(parent, name, now);
  }
  return nearest.set(key, found, now);
}
