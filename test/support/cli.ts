/** Runs the built CLI (`dist/cli.js`) as a child process, without and with a pseudo-terminal. */
import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...cleanEnv(), ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** The environment without PG* variables, so a test decides the connection. */
export function cleanEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('PG') || k === 'SAFE_SQL_AUDIT_LOG') delete env[k];
  return env;
}

export interface PtyRun {
  child: ChildProcess;
  output(): string;
  /** Resolves when the output contains the text. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  type(text: string): void;
  exited: Promise<number | null>;
  /** The pid of the CLI's own node process (script runs it under a shell). */
  cliPid(): number | undefined;
}

export const hasScript = existsSync('/usr/bin/script');

/** Runs the CLI on a pseudo-terminal through util-linux `script`. */
export function runCliOnPty(args: string[]): PtyRun {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qfec', quoted, '/dev/null'], { env: { ...cleanEnv(), TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiters: Array<() => void> = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    type: (text) => child.stdin!.write(text),
    waitFor(text, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(text)}; output so far:\n${out}`)), timeoutMs);
        const check = () => {
          if (typeof text === 'string' ? out.includes(text) : text.test(out)) {
            clearTimeout(timer);
            resolve();
          } else waiters.push(check);
        };
        check();
      });
    },
    cliPid: () => findDescendant(child.pid!, CLI),
  };
}

function findDescendant(pid: number, marker: string): number | undefined {
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    const cmd = existsSync(`/proc/${p}/cmdline`) ? readFileSync(`/proc/${p}/cmdline`, 'utf8') : '';
    if (p !== pid && cmd.includes(marker) && cmd.startsWith(process.execPath)) return p;
    const taskDir = `/proc/${p}/task`;
    if (!existsSync(taskDir)) continue;
    for (const t of readdirSync(taskDir)) {
      const children = `${taskDir}/${t}/children`;
      if (existsSync(children)) queue.push(...readFileSync(children, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return undefined;
}

/** Polls until `probe` resolves true, at most `timeoutMs`; returns how long it took. */
export async function within(timeoutMs: number, probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
