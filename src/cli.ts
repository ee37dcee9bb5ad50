#!/usr/bin/env node
import { realpathSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { USAGE, UsageError, parseArgs, type Command } from './cli/args.js';
import { colors, formatJson, formatPretty, plain, warningLines } from './cli/format.js';
import { check } from './cli/run.js';
import { formatSarif } from './cli/sarif.js';
import { version } from './version.js';

export interface CliIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** Interactive terminal: colours (unless NO_COLOR is set) and a progress line on stderr. */
  isTTY: boolean;
  /** Defaults to `process.env`; only NO_COLOR is read. */
  env?: Record<string, string | undefined>;
}

const defaultIO: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: Boolean(process.stdout.isTTY && process.stderr.isTTY),
};

/** Runs `tenant-guard <argv>` and resolves to its exit code; never calls `process.exit`, so tests can run it in-process. */
export async function main(argv: string[], io: CliIO = defaultIO): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`tenant-guard: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  if (command.kind === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  if (command.kind === 'migrate') {
    // Loaded on demand, like ESLint for `check`: jscodeshift and the codemods are only needed here.
    const { runMigrate } = await import('./cli/migrate.js');
    return runMigrate(command, io);
  }

  const root = resolve(command.dir);
  let isDir = false;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    io.stderr.write(`tenant-guard: no such directory: ${command.dir}\n`);
    return 2;
  }
  if (!isDir) {
    io.stderr.write(`tenant-guard: not a directory: ${command.dir}\n`);
    return 2;
  }

  const env = io.env ?? process.env;
  const style = io.isTTY && !env.NO_COLOR ? colors : plain;
  if (command.build !== undefined) {
    const { runBuildCheck } = await import('./cli/build-scan.js');
    return runBuildCheck({ build: command.build, format: command.format, demo: command.demo }, root, io, style);
  }
  const progress = io.isTTY
    ? (done: number, total: number) => io.stderr.write(`\r\u001b[Ktenant-guard: checking ${done}/${total} files`)
    : undefined;

  let report;
  try {
    report = await check({ root, strict: command.strict, onProgress: progress });
  } finally {
    if (progress) io.stderr.write('\r\u001b[K');
  }

  if (command.format === 'pretty') {
    io.stdout.write(formatPretty(report, style));
  } else {
    io.stdout.write(command.format === 'json' ? formatJson(report) : formatSarif(report));
    // stdout is the machine-readable document; project warnings and crashes go to the human on stderr.
    for (const line of warningLines(report, style)) io.stderr.write(`tenant-guard: ${line}\n`);
    for (const f of report.failed) io.stderr.write(`tenant-guard: error: could not check ${f.file}: ${f.message}\n`);
  }

  const code = report.failed.length > 0 ? 2 : report.findings.length > 0 ? 1 : 0;
  if (command.demo) {
    const closing =
      'demo mode: exiting 0. Without --demo, `tenant-guard check` exits 1 when there are findings (use it in CI).\n';
    (command.format === 'pretty' ? io.stdout : io.stderr).write(`\n${closing}`);
    return 0;
  }
  return code;
}

function isExecutedDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isExecutedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`tenant-guard: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
