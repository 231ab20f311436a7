/**
 * `safe-sql`: the command line. Each subcommand lives in its own file and returns its exit code.
 */

const USAGE = `Usage: safe-sql <command> [options]

Commands:
  check [PATH|-]...   Analyse SQL files (default environment: production)
  run [FILE|-]        Run SQL guarded: one transaction, real row counts, commit only when confirmed
  undo RUN_ID|--last  Take a committed run back, as a guarded run
  lsp --stdio         Start the language server on stdin/stdout
  mcp --stdio         Serve the guard to agents over the Model Context Protocol

Run 'safe-sql <command> --help' for a command's options.
`;

import { setFlagsFromString } from 'node:v8';

type Command = (args: string[]) => Promise<number>;

// Each command is a bundle of its own (dist/cli-<name>.js), required by path so that a command
// loads only what it needs: start-up time counts in CI and scripts.
const COMMANDS: Record<string, () => Command> = {
  check: () => (load('check') as typeof import('./check')).checkCommand,
  run: () => (load('run') as typeof import('./run')).runCommand,
  lsp: () => (load('lsp') as typeof import('./lsp')).lspCommand,
  mcp: () => (load('mcp') as typeof import('./mcp')).mcpCommand,
  undo: () => (load('undo') as typeof import('./undo')).undoCommand,
};

function load(name: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`${__dirname}/cli-${name}.js`);
}

/** Commands that run once and exit: their time goes to start-up, not to a warm parser. */
const SHORT_LIVED = new Set(['check', 'run']);

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (SHORT_LIVED.has(name)) {
    // Before the parser's WASM loads: the baseline compiler alone starts it in a fraction of the
    // time, and parses a 10,000-statement file faster than with tiering up (see npm run bench).
    setFlagsFromString('--liftoff-only');
  }
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`safe-sql: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return command()(rest);
}

declare const SAFE_SQL_VERSION: string | undefined;
const VERSION = typeof SAFE_SQL_VERSION === 'string' ? SAFE_SQL_VERSION : 'dev';

/** Resolves once everything written so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

main(process.argv.slice(2)).then(
  async (code) => {
    process.exitCode = code;
    // Exit as soon as the output is out: left to itself, Node waits for the WASM parser's
    // background compilation to finish, which is most of a short command's run time.
    await drained(process.stdout);
    await drained(process.stderr);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`safe-sql: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
