// Types of scripts/real-code.mjs, for the tests that import it.

export interface PluginLike {
  rules?: Record<string, unknown>;
  configs?: Record<string, unknown>;
}

export interface Project {
  name: string;
  root: string;
  files: string[];
}

export interface Finding {
  ruleId: string;
  messageId?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message: string;
}

export interface Crash {
  file: string;
  line: number | null;
  ruleId: string | null;
  message: string;
  frame: string | null;
  stack: string;
}

export interface Problem {
  kind: 'position' | 'fix';
  ruleId: string;
  line?: number;
  message: string;
}

export interface FileResult {
  file: string;
  ms: number;
  findings: Finding[];
  fatal: { line: number; column: number; message: string } | null;
  crash: Crash | null;
  problems: Problem[];
  skipped: string | null;
  project?: string;
  bytes?: number;
}

export interface Summary {
  files: number;
  linted: number;
  skipped: number;
  bytes: number;
  unparsable: number;
  crashes: number;
  crashGroups: Array<{ ruleId: string | null; message: string; frame: string | null; files: string[] }>;
  problems: Array<Problem & { file: string }>;
  findings: number;
  findingsByRule: Record<string, number>;
  ms: number;
  slowest: Array<{ file: string; ms: number; bytes?: number }>;
}

export const SOURCE_EXTENSIONS: string[];
export const APP_SKIP_DIRS: Set<string>;
export function configBlocks(config: unknown): Array<Record<string, unknown>>;
export function ruleNames(plugin: PluginLike): string[];
export function everyRuleConfig(
  plugin: PluginLike,
  prefix?: string,
): { blocks: Array<Record<string, unknown>>; sourceFiles: string[] | undefined; missing: string[] };
export function listSources(dir: string, options?: { skipDirs?: Set<string> }): string[];
export function installedPackages(nodeModules: string): Project[];
export function appCheckouts(dir: string): Project[];
export interface LinterOptions {
  prefix?: string;
  settings?: Record<string, unknown>;
  checkFixes?: boolean;
}
export function createProjectLinter(
  plugin: PluginLike,
  root: string,
  options?: LinterOptions,
): { root: string; lintCode(file: string, code: string): FileResult; lint(file: string): FileResult };
export function lintProjects(
  plugin: PluginLike,
  projects: Project[],
  options?: LinterOptions & { maxBytes?: number; onFile?: (result: FileResult, project: Project) => void },
): FileResult[];
export function summarize(results: FileResult[]): Summary;
export function shown(file: string, base: string): string;
