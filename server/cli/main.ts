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
import { cacheFolder, LoadedBundle, loadWithCodeCache } from './codeCache';

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

/**
 * Commands that run once and exit: their time goes to start-up, not to a warm parser. Each lists
 * the Node modules it loads after start-up (see `main`).
 */
const SHORT_LIVED: Record<string, readonly string[]> = {
  check: ['node:net'],
  run: ['node:fs/promises', 'node:os', 'node:util/types', 'node:crypto', 'node:dns', 'node:net', 'node:readline', 'node:readline/promises', 'node:perf_hooks'],
};

let loaded: LoadedBundle | undefined;

function load(name: string): unknown {
  const file = `${__dirname}/cli-${name}.js`;
  if (!Object.hasOwn(SHORT_LIVED, name)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file);
  }
  loaded = loadWithCodeCache(file, cacheFolder());
  return loaded.exports;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (Object.hasOwn(SHORT_LIVED, name)) {
    // Node's own modules come with compiled code that V8 refuses once a flag has changed (8 ms
    // for a run): the ones the command needs are loaded first.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const builtin of SHORT_LIVED[name]) require(builtin);
    // pg signs in with Web Crypto (SCRAM), which Node loads on first use.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    if (name === 'run') void (require('node:crypto') as typeof import('node:crypto')).webcrypto.subtle;
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
    loaded?.save();
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`safe-sql: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
