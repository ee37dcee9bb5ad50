/**
 * `tenant-guard migrate <codemod> [paths…] [options]`: its own options, parsed here so that args.ts only hands over.
 * Kept light (no ESLint, no jscodeshift): `--help` stays instant and a bad flag fails before anything loads.
 */
import { codemods } from '../../codemods/index.js';
import { CodemodOptionError, parseScope, parseSessionCall } from '../../codemods/lib/options.js';
import { scanArgs, UsageError } from './args.js';

export interface MigrateCommand {
  kind: 'migrate';
  /** `tenant-guard migrate --help`. */
  help: boolean;
  codemod: string;
  paths: string[];
  dry: boolean;
  print: boolean;
  session: string | undefined;
  scope: string[];
  config: string | undefined;
}

export const MIGRATE_USAGE = `Usage: tenant-guard migrate <codemod> [paths…] [--dry] [--print] [--session <call>] [--scope <path>] [--config <file>]

Rewrites a repository with one of tenant-guard's codemods (jscodeshift transforms), in place. Each finds its targets
with the same rule that reports them, rewrites them keeping the code's formatting and comments, and leaves a
\`// tenant-guard: review\` comment where a rewrite would not be certain. Review the diff before you commit it.

Codemods:
${Object.entries(codemods)
  .map(([name, entry]) => `  ${name.padEnd(22)} ${entry.description}`)
  .join('\n')}

Arguments:
  paths               files or directories to rewrite (default: the current directory); node_modules, .next,
                      build output and dot-directories are skipped

Options:
  --dry               change nothing: only report what would change
  --print             print each changed file to stdout (the summary then goes to stderr)
  --session <call>    the session call to insert where none is in scope: "requireAuth from @/lib/auth"
  --scope <path>      where the tenant is in that call's result: session.accountId, or <field>=<path> for a
                      field it does not end with (teamId=session.team.id); repeat it or separate with commas
  --config <file>     a JSON file with { "migrate": { "session", "scope" }, "settings": { … } } (settings as in
                      settings['tenant-guard']); default: tenant-guard.config.json in the project, if there is one
  -h, --help          show this help

Exit codes: 0 done (see the summary for what was left for review), 2 bad usage or a file could not be processed.
`;

const HINT = `Run 'tenant-guard migrate --help' for usage.`;

export function parseMigrateArgs(argv: readonly string[]): MigrateCommand {
  const positionals: string[] = [];
  const command: MigrateCommand = {
    kind: 'migrate',
    help: false,
    codemod: '',
    paths: [],
    dry: false,
    print: false,
    session: undefined,
    scope: [],
    config: undefined,
  };
  scanArgs(
    argv,
    (arg) => positionals.push(arg),
    (option) => {
      const value = (example: string) => option.value(`a value, e.g. ${option.name} ${example}`);
      switch (option.name) {
        case '-h':
        case '--help':
          option.flag();
          command.help = true;
          break;
        case '-d':
        case '--dry':
          option.flag();
          command.dry = true;
          break;
        case '-p':
        case '--print':
          option.flag();
          command.print = true;
          break;
        case '--session':
          command.session = value('"requireAuth from @/lib/auth"');
          break;
        case '--scope':
          command.scope.push(value('session.accountId'));
          break;
        case '--config':
          command.config = value('tenant-guard.config.json');
          break;
        default:
          throw new UsageError(`unknown option '${option.arg}' for migrate. ${HINT}`);
      }
    },
    HINT,
  );
  if (command.help) return command;

  const [codemod, ...paths] = positionals;
  const names = Object.keys(codemods).join(', ');
  if (codemod === undefined) throw new UsageError(`missing codemod: tenant-guard migrate <codemod> [paths…] (codemods: ${names}). ${HINT}`);
  if (!Object.hasOwn(codemods, codemod)) throw new UsageError(`unknown codemod '${codemod}' (codemods: ${names}). ${HINT}`);
  try {
    if (command.session !== undefined) parseSessionCall(command.session);
    parseScope(command.scope);
  } catch (error) {
    if (error instanceof CodemodOptionError) throw new UsageError(`${error.message}. ${HINT}`);
    throw error;
  }
  return { ...command, codemod, paths: paths.length > 0 ? paths : ['.'] };
}
