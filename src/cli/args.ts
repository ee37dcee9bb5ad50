import { parseMigrateArgs, type MigrateCommand } from './migrate-args.js';

export const FORMATS = ['pretty', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; dir: string; format: Format; strict: boolean; demo: boolean; build?: string }
  | MigrateCommand;

/** Bad usage: the CLI prints the message and exits 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: tenant-guard check [dir] [--format pretty|json|sarif] [--strict] [--demo]
       tenant-guard check [dir] --build <build dir> [--format …] [--demo]
       tenant-guard migrate <codemod> [paths…] [--dry] [--print] [--session …] [--scope …]   (see migrate --help)
       tenant-guard --help | --version

Checks a Next.js + Prisma app for queries that can return or change another tenant's data, with the rules of
eslint-plugin-tenant-guard. The project needs no ESLint config of its own; one it has is not used.

Arguments:
  dir              the app to check (default: the current directory)

Options:
  --format <name>  pretty (default), json, or sarif (SARIF 2.1.0, for GitHub code scanning)
  --strict         use the strict config (every rule) instead of recommended
  --demo           print the report but exit 0 even when there are findings
  --build <dir>    instead of linting, scan a build (.next after \`next build\`, or out/) for server secrets:
                   the values of dir's .env* files and Stripe/Supabase keys (docs/cli/check-build.md)
  -h, --help       show this help
  -v, --version    print the version

Exit codes: 0 no findings, 1 findings, 2 bad usage or a file could not be checked.
`;

const HINT = `Run 'tenant-guard --help' for usage.`;

/** One `--name` or `--name=value` option of a command line, as `scanArgs` hands it over. */
export interface ArgOption {
  /** The option as written (`--format=json`). */
  arg: string;
  /** The name part (`--format`). */
  name: string;
  /** A flag: fails when a value was given inline (`--strict=yes`). */
  flag(): void;
  /** An option with a value, inline or as the next argument; fails, saying what it `needs`, when there is none. */
  value(needs: string): string;
}

/**
 * Walks a command line: positionals (and everything after `--`) to `positional`, each option to `option`, with the
 * same rules and messages for every command.
 */
export function scanArgs(
  argv: readonly string[],
  positional: (arg: string) => void,
  option: (option: ArgOption) => void,
  hint: string = HINT,
): void {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      for (const rest of argv.slice(i + 1)) positional(rest);
      return;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    option({
      arg,
      name,
      flag() {
        if (inline !== undefined) throw new UsageError(`option '${name}' does not take a value. ${hint}`);
      },
      value(needs) {
        const v = inline ?? argv[++i];
        if (v === undefined || (inline === undefined && v.startsWith('-')) || v.trim() === '') {
          throw new UsageError(`option '${name}' needs ${needs}. ${hint}`);
        }
        return v;
      },
    });
  }
}

export function parseArgs(argv: readonly string[]): Command {
  // `migrate` has options of its own (migrate-args.ts).
  const first = argv.findIndex((a) => !a.startsWith('-') || a === '-' || a === '--');
  if (first !== -1 && argv[first] === 'migrate') return parseMigrateArgs([...argv.slice(0, first), ...argv.slice(first + 1)]);
  const positionals: string[] = [];
  let format: Format | undefined;
  let strict = false;
  let demo = false;
  let help = false;
  let showVersion = false;
  let build: string | undefined;

  scanArgs(
    argv,
    (arg) => positionals.push(arg),
    (option) => {
      switch (option.name) {
        case '-h':
        case '--help':
          option.flag();
          help = true;
          break;
        case '-v':
        case '--version':
          option.flag();
          showVersion = true;
          break;
        case '--strict':
          option.flag();
          strict = true;
          break;
        case '--demo':
          option.flag();
          demo = true;
          break;
        case '--build':
          build = option.value('the build folder (e.g. .next)');
          break;
        case '--format': {
          const value = option.value(`a value: ${FORMATS.join(', ')}`);
          if (!(FORMATS as readonly string[]).includes(value)) {
            throw new UsageError(`unknown format '${value}' (expected ${FORMATS.join(', ')}). ${HINT}`);
          }
          format = value as Format;
          break;
        }
        default:
          throw new UsageError(`unknown option '${option.arg}'. ${HINT}`);
      }
    },
  );

  if (help) return { kind: 'help' };
  if (showVersion) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError(`missing command. ${HINT}`);
  if (command !== 'check') throw new UsageError(`unknown command '${command}' (expected 'check' or 'migrate'). ${HINT}`);
  if (rest.length > 1) throw new UsageError(`'check' takes one directory, got ${rest.length}: ${rest.join(' ')}. ${HINT}`);
  if (build !== undefined && strict) throw new UsageError(`'--strict' is about lint rules and does not apply to '--build'. ${HINT}`);
  // `check --build apps/web/.next`: the app whose .env files hold the values is the folder the build is in.
  const dir = rest[0] ?? (build !== undefined && /(?:^|[\\/])\.next[\\/]?$/.test(build) ? build.replace(/[\\/]?\.next[\\/]?$/, '') || '.' : '.');
  return { kind: 'check', dir, format: format ?? 'pretty', strict, demo, ...(build !== undefined && { build }) };
}
