/** What one `tenant-guard check` run found; every formatter renders this and nothing else. */

export interface Finding {
  /** Relative to the checked directory, forward slashes. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** The ESLint rule id, e.g. `tenant-guard/require-tenant-scope`. */
  ruleId: string;
  message: string;
  messageId?: string;
}

/** A file ESLint could not parse (a `fatal` message): not a finding, but the user should know it was not checked. */
export interface SkippedFile {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A file on which linting itself threw (a crash in a rule or the parser): the check is incomplete. */
export interface FailedFile {
  file: string;
  message: string;
}

export interface Warning {
  key: string;
  message: string;
}

export interface RuleMeta {
  docs?: { description?: string; url?: string };
}

export interface Report {
  version: string;
  /** Absolute path of the checked directory. */
  root: string;
  /** How many files were linted, skipped ones included. */
  fileCount: number;
  findings: Finding[];
  skipped: SkippedFile[];
  failed: FailedFile[];
  warnings: Warning[];
  /** Findings silenced with `eslint-disable` comments. */
  suppressedCount: number;
  /** Meta of every rule that reported a finding, by rule id. */
  rulesMeta: Record<string, RuleMeta>;
  durationMs: number;
}

export const PLUGIN_PREFIX = 'tenant-guard/';

/** Findings per rule, by the rule's short name (`require-tenant-scope`), in order of first appearance. */
export function countByRule(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) {
    const name = f.ruleId.startsWith(PLUGIN_PREFIX) ? f.ruleId.slice(PLUGIN_PREFIX.length) : f.ruleId;
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
