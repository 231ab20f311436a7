/** The one place a run gets its id: it ties the result, the audit record and every message together. */
import { randomUUID } from 'node:crypto';

export function newRunId(): string {
  return randomUUID();
}
