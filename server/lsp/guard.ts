/**
 * Keeps the server alive: a handler that throws or rejects is logged and answered with a
 * fallback, never left to end the process.
 */
import { Connection } from 'vscode-languageserver/node';

export type Log = (message: string) => void;

export function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Wraps a handler: errors (thrown or rejected) are logged and the fallback is returned. */
export function guard<P extends unknown[], R>(log: Log, name: string, fallback: R, handler: (...args: P) => R | Promise<R>): (...args: P) => Promise<R> {
  return async (...args: P) => {
    try {
      return await handler(...args);
    } catch (error) {
      log(`Safe SQL: ${name} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}

/** Logs what escaped every handler instead of letting Node end the server. */
export function installProcessGuards(connection: Connection): void {
  const log = (what: string) => (error: unknown) => {
    try {
      connection.console.error(`Safe SQL: ${what}: ${describeError(error)}`);
    } catch {
      // The connection itself is gone: nothing left to tell.
    }
  };
  process.on('uncaughtException', log('uncaught exception'));
  process.on('unhandledRejection', log('unhandled rejection'));
}
