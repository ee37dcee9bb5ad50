import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * The leaks planted in an example app, read from its marker comments so that one list cannot drift from the code:
 * every finding sits on the line right below a `// LEAK …` (or `# LEAK …` in dotenv files) comment. The marker names
 * the rule that must report it in parentheses — `// LEAK(no-client-tenant-id): …` — and a bare `// LEAK` means
 * `require-tenant-scope`, the rule the first examples were written for.
 */
export interface PlantedLeak {
  file: string;
  line: number;
  ruleId: string;
}

const MARKER = /^\s*(?:\/\/|#|\{?\/\*)\s*LEAK(?:\(([a-z-]+)\)|\b)/;
const SKIPPED = new Set(['node_modules', '.next', 'dist']);

export function plantedLeaks(root: string): PlantedLeak[] {
  const out: PlantedLeak[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) walk(path);
        continue;
      }
      if (!/\.(?:[cm]?[jt]sx?|env.*)$|^\.env/.test(entry.name) || entry.name === 'README.md') continue;
      const lines = readFileSync(path, 'utf8').split('\n');
      lines.forEach((text, index) => {
        const match = MARKER.exec(text);
        if (!match) return;
        out.push({ file: relative(root, path).split(sep).join('/'), line: index + 2, ruleId: `tenant-guard/${match[1] ?? 'require-tenant-scope'}` });
      });
    }
  };
  walk(root);
  return out.sort(byPosition);
}

export const byPosition = (a: { file: string; line: number }, b: { file: string; line: number }) =>
  a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;

/** `{ 'require-tenant-scope': 6, … }`: the summary's per-rule counts for a list of leaks. */
export function countByRule(leaks: readonly PlantedLeak[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const leak of leaks) {
    const rule = leak.ruleId.replace(/^tenant-guard\//, '');
    counts[rule] = (counts[rule] ?? 0) + 1;
  }
  return counts;
}
