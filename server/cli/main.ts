/**
 * `safe-sql`: the command line. Each subcommand lives in its own file and returns its exit code.
 */
import { checkCommand } from './check';
import { lspCommand } from './lsp';
import { runCommand } from './run';

const USAGE = `Usage: safe-sql <command> [options]

Commands:
  check [PATH|-]...   Analyse SQL files (default environment: production)
  run [FILE|-]        Run SQL guarded: one transaction, real row counts, commit only when confirmed
  lsp --stdio         Start the language server on stdin/stdout

Run 'safe-sql <command> --help' for a command's options.
`;

type Command = (args: string[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  run: runCommand,
  lsp: lspCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`safe-sql: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command(rest);
}

declare const SAFE_SQL_VERSION: string | undefined;
const VERSION = typeof SAFE_SQL_VERSION === 'string' ? SAFE_SQL_VERSION : 'dev';

main(process.argv.slice(2)).then(
  (code) => {
    // Let stdout drain before exiting: output to a pipe is asynchronous.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`safe-sql: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
