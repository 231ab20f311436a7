/** Asking for the decision: with a deadline, aborted when the link is lost or the run is cancelled. */
import { formatRange } from './expectations';
import { plainMessage } from './internalError';
import { ConfirmSummary, Ending, RunHooks } from './types';
import { formatCount } from '../../shared/labels';

export type Answer = { kind: 'commit'; typed?: string } | { kind: 'rollback'; ending: Ending; reason: string };

export function typedRequirement(total: number, maxRows: number, suppressed: string[]): ConfirmSummary['typed'] {
  const count = String(total);
  if (total > maxRows) return { expected: count, why: `${formatCount(total)} rows is above this connection's limit of ${formatRange({ min: maxRows, max: maxRows })}: type the exact row count to commit` };
  if (suppressed.length > 0) return { expected: count, why: `a finding was suppressed (${suppressed.join('; ')}): type the exact row count to commit` };
  return undefined;
}

/** Thousands separators and spaces are allowed in a typed count. */
export function typedMatches(typed: string | undefined, expected: string): boolean {
  if (typed === undefined) return false;
  const norm = (s: string) => (/^[\d,_\s]+$/.test(s.trim()) ? s.replace(/[,_\s]/g, '') : s.trim());
  return norm(typed) === norm(expected);
}

export async function confirmWithin(hooks: RunHooks, lost: Promise<Error>, summary: ConfirmSummary): Promise<Answer> {
  const asked = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  const onAbort = () => asked.abort();
  hooks.signal?.addEventListener('abort', onAbort);
  try {
    const deadline = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'rollback', ending: 'confirm-timeout', reason: `no confirmation within ${Math.round(summary.timeoutMs / 1000)} s; rolled back` }), summary.timeoutMs);
    });
    const linkLost = lost.then((e): Answer => ({ kind: 'rollback', ending: 'link-lost', reason: `the connection was lost while waiting for confirmation (${e.message}); the server rolls back an unfinished transaction` }));
    const cancelled = new Promise<Answer>((resolve) => {
      const done = () => resolve({ kind: 'rollback', ending: 'cancelled', reason: 'cancelled while waiting for confirmation; rolled back' });
      if (hooks.signal?.aborted) done();
      else hooks.signal?.addEventListener('abort', done, { once: true });
    });
    const decided = hooks.confirm(summary, asked.signal).then(
      (d): Answer => {
        if (d.commit) return d.typed === undefined ? { kind: 'commit' } : { kind: 'commit', typed: d.typed };
        if (d.impossible) return { kind: 'rollback', ending: 'confirm-impossible', reason: `${d.reason ?? 'confirmation was impossible'}; rolled back` };
        return { kind: 'rollback', ending: 'declined', reason: `${d.reason ?? 'declined'}; rolled back` };
      },
      (e: unknown): Answer => ({ kind: 'rollback', ending: 'confirm-impossible', reason: `the confirmation failed (${plainMessage(e)}); rolled back` }),
    );
    const answer = await Promise.race([decided, deadline, linkLost, cancelled]);
    summary.elapsedMs = Date.now() - started;
    return answer;
  } finally {
    clearTimeout(timer);
    asked.abort();
    hooks.signal?.removeEventListener('abort', onAbort);
  }
}
