/**
 * The one reader of command-line arguments every subcommand uses: `--name value`, `--name=value`,
 * flags without a value, and positionals (`-` alone is a positional: standard input).
 */
export type Arg = { kind: 'flag'; name: string; value?: string } | { kind: 'positional'; value: string };

/** `valued` names the flags that take a value; a missing value is an error. */
export function readArgv(args: readonly string[], valued: ReadonlySet<string>): { ok: true; args: Arg[] } | { ok: false; error: string } {
  const out: Arg[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('-') || arg === '-') {
      out.push({ kind: 'positional', value: arg });
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    let value = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (valued.has(name) && value === undefined) {
      if (i + 1 >= args.length) return { ok: false, error: `${name} needs a value` };
      value = args[++i];
    }
    out.push(value === undefined ? { kind: 'flag', name } : { kind: 'flag', name, value });
  }
  return { ok: true, args: out };
}
