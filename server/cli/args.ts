/**
 * A small command-line parser shared by the subcommands: `--name value`, `--name=value`, boolean
 * flags, `--` to end the options, and `-` as a positional (stdin). Problems are thrown as
 * UsageError so that each command can print them with its usage and exit 2.
 */

export interface OptionSpec {
  /** Without the leading dashes: `env` for `--env`. */
  name: string;
  /** A one-letter alias, without the dash: `h` for `-h`. */
  short?: string;
  /** True when the option takes a value; otherwise it is a flag. */
  value?: boolean;
  /** When set, the value must be one of these. */
  choices?: readonly string[];
}

export interface ParsedArgs {
  /** Option name → its value; flags map to `true`. */
  options: Map<string, string | true>;
  positionals: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const options = new Map<string, string | true>();
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const long = arg.startsWith('--');
    const eq = long ? arg.indexOf('=') : -1;
    const key = long ? arg.slice(2, eq < 0 ? undefined : eq) : arg.slice(1);
    const spec = long ? byName.get(key) : byShort.get(key);
    if (!spec) throw new UsageError(`unknown option ${long ? `--${key}` : arg}`);
    if (options.has(spec.name)) throw new UsageError(`--${spec.name} is given more than once`);

    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`--${spec.name} takes no value`);
      options.set(spec.name, true);
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${spec.name} needs a value`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`--${spec.name} must be one of ${spec.choices.join(', ')}, not "${value}"`);
    }
    options.set(spec.name, value);
  }
  return { options, positionals };
}

/** The value of an option that takes one, or undefined when it was not given. */
export function optionValue(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}
