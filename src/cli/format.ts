import { countByRule, type Finding, type Report } from './report.js';

export interface Style {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  underline(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const colors: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  underline: sgr(4, 24),
};

const identity = (s: string) => s;
export const plain: Style = {
  bold: identity,
  dim: identity,
  red: identity,
  green: identity,
  yellow: identity,
  underline: identity,
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `tenant-guard: 12 files, 7 findings (require-tenant-scope: 7), 1 skipped in 0.4s` */
export function summaryLine(report: Report): string {
  const parts = [plural(report.fileCount, 'file'), plural(report.findings.length, 'finding')];
  const byRule = Object.entries(countByRule(report.findings));
  if (byRule.length > 0) parts[1] += ` (${byRule.map(([rule, n]) => `${rule}: ${n}`).join(', ')})`;
  if (report.skipped.length > 0) parts.push(`${report.skipped.length} skipped`);
  if (report.failed.length > 0) parts.push(`${report.failed.length} failed`);
  if (report.suppressedCount > 0) parts.push(`${report.suppressedCount} suppressed`);
  return `tenant-guard: ${parts.join(', ')} in ${(report.durationMs / 1000).toFixed(1)}s`;
}

export function warningLines(report: Report, style: Style): string[] {
  return report.warnings.map((w) => `${style.yellow('warning:')} ${w.message}`);
}

function location(file: string, line?: number, column?: number): string {
  return line === undefined ? file : `${file}:${line}${column === undefined ? '' : `:${column}`}`;
}

/** The human report: findings grouped by file, then skipped files, crashes and warnings, then the summary. */
export function formatPretty(report: Report, style: Style): string {
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file) ?? [];
    list.push(f);
    byFile.set(f.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(style.underline(file));
    const width = Math.max(...findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of findings) {
      out.push(`  ${style.dim(`${f.line}:${f.column}`.padEnd(width))}  ${f.message}  ${style.dim(f.ruleId)}`);
    }
    out.push('');
  }

  const notes: string[] = [
    ...report.skipped.map(
      (s) => `${style.yellow('skipped (could not parse):')} ${location(s.file, s.line, s.column)}: ${s.message}`,
    ),
    ...report.failed.map((f) => `${style.red('error (tenant-guard crashed, file not checked):')} ${f.file}: ${f.message}`),
    ...warningLines(report, style),
  ];
  if (notes.length > 0) out.push(...notes, '');

  const summary = summaryLine(report);
  const failed = report.findings.length > 0 || report.failed.length > 0;
  out.push(style.bold(failed ? style.red(summary) : style.green(summary)));
  return `${out.join('\n')}\n`;
}

export function toJson(report: Report) {
  return {
    version: report.version,
    findings: report.findings,
    skipped: report.skipped,
    failed: report.failed,
    warnings: report.warnings,
    summary: {
      files: report.fileCount,
      findings: report.findings.length,
      byRule: countByRule(report.findings),
      skipped: report.skipped.length,
      failed: report.failed.length,
      suppressed: report.suppressedCount,
      durationMs: Math.round(report.durationMs),
    },
  };
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(toJson(report), null, 2)}\n`;
}
