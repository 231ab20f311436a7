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

type Command = (args: string[]) => Promise<number>;

// Loaded on demand: each command pulls in only what it needs (startup time counts in CI and scripts).
const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./check.js')).checkCommand,
  run: async () => (await import('./run.js')).runCommand,
  undo: async () => (await import('./undo.js')).undoCommand,
  lsp: async () => (await import('./lsp.js')).lspCommand,
  // A bundle of its own (dist/mcp.js), loaded by path so esbuild leaves it out of cli.js: the
  // MCP SDK would slow every other command's start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  mcp: async () => (require(`${__dirname}/mcp.js`) as typeof import('./mcp')).mcpCommand,
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
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    process.stderr.write(`safe-sql: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  return (await load())(rest);
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
