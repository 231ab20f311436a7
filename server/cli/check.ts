/**
 * `safe-sql check`: analyses SQL files the way the language server does and prints the findings
 * as compiler-style text, JSON or SARIF. The default environment is production, because CI checks
 * what will run against production.
 *
 * Exit codes: 0 no error-severity finding; 1 at least one; 2 usage or I/O error.
 */
import { grade } from '../analysis/grade';
// Synchronous reads: the files are read one after another anyway, and a short command starts
// faster without Node's promise-based file system module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Analyzer } from '../analysis/analyze';
import { loadParser } from '../analysis/parser';
import { Environment, ENVIRONMENTS } from '../analysis/types';
import { ConfigFileError, settingsFromJsonText } from '../config/file';
import { environmentWithFlag } from '../config/runEnvironment';
import { DEFAULT_SETTINGS, SafeSqlSettings } from '../config/settings';
import { optionValue, parseArgs, UsageError } from './args';
import { formatJson } from './format/json';
import { LineIndex } from '../analysis/lines';
import { FileReport } from './format/report';
import { formatSarif } from './format/sarif';
import { formatText, summaryLine } from './format/text';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const CHECK_USAGE = `Usage: safe-sql check [--env production|staging|development] [--format text|json|sarif]
                      [--config FILE] [PATH|-]...

Analyses SQL files and reports statements that could hurt a production database.
Directories are searched recursively for *.sql files (node_modules and .git are skipped);
- reads standard input.

Options:
  --env ENV        production (default), staging or development. With --config, the stricter
                   of --env and the file's own binding wins.
  --format FORMAT  text (default), json or sarif
  --config FILE    a JSON file with the Safe SQL settings (connections, documentConnections,
                   defaultEnvironment; keys may be prefixed "safeSql.")
  -h, --help       show this help

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or I/O error.
`;

declare const SAFE_SQL_VERSION: string | undefined;
const VERSION = typeof SAFE_SQL_VERSION === 'string' ? SAFE_SQL_VERSION : 'dev';

/** A failure that ends the command with exit code 2; its message names the file. */
class CheckIoError extends Error {}

interface Source {
  /** As given, or found under a given directory; `-` for stdin. */
  path: string;
  text: string;
}

interface Config {
  settings: SafeSqlSettings;
  /** Globs are matched relative to the config file's folder, like a workspace folder. */
  base?: string;
  /** The environment --env asked for, when given. */
  env?: Environment;
}

export async function checkCommand(argv: string[]): Promise<number> {
  let format: Format = 'text';
  let config: Config;
  let paths: string[];
  try {
    const args = parseArgs(argv, [
      { name: 'env', value: true, choices: ENVIRONMENTS },
      { name: 'format', value: true, choices: FORMATS },
      { name: 'config', value: true },
      { name: 'help', short: 'h' },
    ]);
    if (args.options.has('help')) {
      process.stdout.write(CHECK_USAGE);
      return 0;
    }
    format = (optionValue(args, 'format') ?? 'text') as Format;
    paths = args.positionals;
    if (paths.length === 0) throw new UsageError('no PATH given; pass files or directories, or - to read standard input');
    if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) is given more than once');
    config = loadConfig(optionValue(args, 'config'), optionValue(args, 'env') as Environment | undefined);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`safe-sql check: ${error.message}\n\n${CHECK_USAGE}`);
      return 2;
    }
    if (error instanceof CheckIoError) {
      process.stderr.write(`safe-sql check: ${error.message}\n`);
      return 2;
    }
    throw error;
  }

  const { sources, problems } = await readSources(paths);
  for (const p of problems) process.stderr.write(`safe-sql check: ${p}\n`);
  if (problems.length > 0) return 2;

  await loadParser();
  // `safe-sql check … | head` closes the pipe early: that is the reader's choice, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  const analyzer = new Analyzer();
  const reports: FileReport[] = sources.map((s) => checkSource(analyzer, s, config));

  if (format === 'json') process.stdout.write(formatJson(reports));
  else if (format === 'sarif') process.stdout.write(formatSarif(reports, VERSION));
  else {
    process.stdout.write(formatText(reports));
    process.stderr.write(summaryLine(reports));
  }
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function checkSource(analyzer: Analyzer, source: Source, config: Config): FileReport {
  // Analysed once; the directive it finds decides the environment the findings are graded for.
  const analysis = analyzer.analyze(source.text);
  const environment = environmentOf(source, analysis.connectionDirective, config);
  return { path: source.path, environment, findings: [...grade(analysis.findings, environment)], lines: new LineIndex(source.text) };
}

/**
 * The file's bindings (globs, the `connection=` directive) and an explicit --env are all sources;
 * the stricter wins. defaultEnvironment applies only when none binds the file.
 */
function environmentOf(source: Source, directive: string | undefined, config: Config): Environment {
  const globPath = source.path === '-' ? undefined : matchPath(source.path, config.base);
  return environmentWithFlag(config.settings, globPath, directive, config.env).environment;
}

/** The path globs are matched against: relative to the config's folder when inside it. */
function matchPath(path: string, base: string | undefined): string {
  const abs = resolve(path);
  const rel = relative(base ?? process.cwd(), abs);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return (inside ? rel : abs).split(sep).join('/');
}

function loadConfig(file: string | undefined, env: Environment | undefined): Config {
  if (file === undefined) {
    // No settings: every file is unbound and gets --env, else production.
    return { settings: { ...DEFAULT_SETTINGS, defaultEnvironment: 'production' }, ...(env ? { env } : {}) };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CheckIoError(`cannot read config file ${file}: ${describeIoError(error)}`);
  }
  try {
    // A config without defaultEnvironment leaves unbound files on production, like no config.
    const { settings, problems } = settingsFromJsonText(text, 'production');
    for (const p of problems) process.stderr.write(`safe-sql check: ${file}: ${p.message}\n`);
    return { settings, base: globBase(file), ...(env ? { env } : {}) };
  } catch (error) {
    if (error instanceof ConfigFileError) throw new CheckIoError(`config file ${file} ${error.message}`);
    throw error;
  }
}

/**
 * The folder documentConnections globs are relative to: the config file's folder, or, for a
 * workspace's own `.vscode/settings.json`, the workspace folder (as in the editor).
 */
function globBase(configFile: string): string {
  const dir = dirname(resolve(configFile));
  return dir.endsWith(`${sep}.vscode`) ? dirname(dir) : dir;
}

/** Reads every file named or found under a named directory, in order; collects I/O problems. */
async function readSources(paths: readonly string[]): Promise<{ sources: Source[]; problems: string[] }> {
  const sources: Source[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      if (path === '-') {
        sources.push({ path, text: decode(await readStdin()) });
        continue;
      }
      const stat = statSync(path);
      const files = stat.isDirectory() ? sqlFilesUnder(path) : [path];
      for (const file of files) sources.push({ path: file, text: decode(readFileNamed(file)) });
    } catch (error) {
      problems.push(error instanceof CheckIoError ? error.message : `cannot read ${path === '-' ? 'standard input' : path}: ${describeIoError(error)}`);
    }
  }
  return { sources, problems };
}

function readFileNamed(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new CheckIoError(`cannot read ${file}: ${describeIoError(error)}`);
  }
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** `*.sql` files under a directory, sorted, as paths that start with the directory as given. */
function sqlFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      throw new CheckIoError(`cannot read directory ${current}: ${describeIoError(error)}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      // Concatenated, not joined: the directory keeps the spelling it was given (`./migrations`).
      const child = current.endsWith('/') || current.endsWith(sep) ? current + entry.name : `${current}${sep}${entry.name}`;
      // Symbolic links to directories are not followed: they can form cycles.
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(child);
      } else if (/\.sql$/i.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(child)))) {
        found.push(child);
      }
    }
  };
  walk(dir);
  return found;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Bytes → text as Node decodes UTF-8: invalid sequences become U+FFFD, which the analysis then
 * reports. A leading byte-order mark is dropped, as editors do, so positions match the editor's.
 */
function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory';
    default: return error instanceof Error ? error.message : String(error);
  }
}
