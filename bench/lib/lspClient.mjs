// @ts-check
// A small LSP client for the benchmark: spawns the built server over stdio, answers
// workspace/configuration, and resolves a promise when the diagnostics of a given version arrive.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

export class BenchClient {
  constructor(serverPath, settings) {
    this.process = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.waiters = new Map();
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const key = `${p.uri}@${p.version}`;
      const waiter = this.waiters.get(key);
      if (waiter) {
        this.waiters.delete(key);
        waiter(p);
      }
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  async initialize() {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await this.connection.sendNotification('initialized', {});
  }

  diagnosticsFor(uri, version) {
    return new Promise((resolve) => this.waiters.set(`${uri}@${version}`, resolve));
  }

  async open(uri, text) {
    const published = this.diagnosticsFor(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version: 1, text } });
    return published;
  }

  async change(uri, version, range, text) {
    const published = this.diagnosticsFor(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return published;
  }

  /** Current and peak resident set size of the server process, in MB. */
  memory() {
    const status = readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  }

  /** CPU time the server process has used so far (user + system), in ms. */
  cpuMs() {
    const stat = readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), in clock ticks; 100 per second on Linux.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  }

  async stop() {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    await new Promise((/** @type {(v?: unknown) => void} */ resolve) => (this.process.exitCode !== null ? resolve() : this.process.on('exit', resolve)));
    this.connection.dispose();
  }
}
