import { performance } from 'node:perf_hooks';
import type { ESLint, Linter } from 'eslint';
import { setDiagnosticSink, resetDiagnostics } from '../core/diagnostics.js';
import { version } from '../version.js';
import { IGNORE_PATTERNS, chunk, listSourceFiles, toPosixRelative } from './files.js';
import {
  PLUGIN_PREFIX,
  compareFindings,
  type FailedFile,
  type Finding,
  type Report,
  type RuleMeta,
  type SkippedFile,
  type Warning,
} from './report.js';

export interface CheckOptions {
  /** Absolute path of an existing directory. */
  root: string;
  strict: boolean;
  /** Called before the first batch and after each one; the CLI draws its TTY progress line with it. */
  onProgress?: (done: number, total: number) => void;
  batchSize?: number;
}

/**
 * Lints every source file under `root` with the plugin's recommended (or strict) config and nothing else: the
 * project's own ESLint config, if it has one, is not loaded, so the check behaves the same in every project.
 */
export async function check({ root, strict, onProgress, batchSize = 50 }: CheckOptions): Promise<Report> {
  const started = performance.now();
  const warnings: Warning[] = [];
  resetDiagnostics();
  const restoreSink = setDiagnosticSink((d) => {
    warnings.push({ key: d.key, message: d.message });
  });
  try {
    // Loaded here rather than at the top of cli.ts so that `--help` and `--version` stay instant.
    const [{ ESLint }, { default: plugin }] = await Promise.all([import('eslint'), import('../index.js')]);
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        { ignores: IGNORE_PATTERNS },
        // Projects disable rules we do not load (`// eslint-disable-next-line react-hooks/...`); do not call those unused.
        { linterOptions: { reportUnusedDisableDirectives: 'off' } },
        strict ? plugin.configs.strict : plugin.configs.recommended,
        // `.env*` files, for the rules that read them (`no-public-env-secret`).
        plugin.configs.dotenv,
      ],
      errorOnUnmatchedPattern: false,
      // Paths are passed literally: `app/[id]/page.tsx` is a file, not a glob character class.
      globInputPaths: false,
      warnIgnored: false,
    });

    const files = listSourceFiles(root);
    const findings: Finding[] = [];
    const skipped: SkippedFile[] = [];
    const failed: FailedFile[] = [];
    const rulesMeta: Record<string, RuleMeta> = {};
    let suppressedCount = 0;

    const collect = (results: ESLint.LintResult[]): void => {
      for (const result of results) {
        const file = toPosixRelative(root, result.filePath);
        for (const m of result.messages) {
          if (m.fatal) {
            skipped.push({ file, line: m.line, column: m.column, message: m.message });
          } else if (m.ruleId?.startsWith(PLUGIN_PREFIX)) {
            findings.push(toFinding(file, m));
          }
          // Anything else (ESLint's own notices about inline config for rules we do not load) is not ours to report.
        }
        suppressedCount += result.suppressedMessages.filter((m) => m.ruleId?.startsWith(PLUGIN_PREFIX)).length;
      }
      const meta = eslint.getRulesMetaForResults(results);
      for (const [id, m] of Object.entries(meta)) {
        if (id.startsWith(PLUGIN_PREFIX)) rulesMeta[id] = { docs: { description: m.docs?.description, url: m.docs?.url } };
      }
    };

    let done = 0;
    onProgress?.(done, files.length);
    for (const batch of chunk(files, batchSize)) {
      try {
        collect(await eslint.lintFiles(batch));
      } catch {
        // One file crashed the whole batch; lint the batch file by file so the others are still checked.
        for (const file of batch) {
          try {
            collect(await eslint.lintFiles([file]));
          } catch (error) {
            failed.push({ file: toPosixRelative(root, file), message: oneLine(error) });
          }
        }
      }
      done += batch.length;
      onProgress?.(done, files.length);
    }

    findings.sort(compareFindings);
    return {
      version,
      root,
      fileCount: files.length,
      findings,
      skipped,
      failed,
      warnings,
      suppressedCount,
      rulesMeta,
      durationMs: performance.now() - started,
    };
  } finally {
    restoreSink();
  }
}

function toFinding(file: string, m: Linter.LintMessage): Finding {
  return {
    file,
    line: m.line,
    column: m.column,
    ...(m.endLine !== undefined && { endLine: m.endLine }),
    ...(m.endColumn !== undefined && { endColumn: m.endColumn }),
    ruleId: m.ruleId!,
    message: m.message,
    ...(m.messageId !== undefined && { messageId: m.messageId }),
  };
}

/** ESLint's crash messages span lines ("...\nOccurred while linting <file>:12\nRule: ..."); keep them on one. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join('; ');
}
