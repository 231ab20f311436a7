/** The few calls the guarded run makes into undo, kept here so the run's own flow stays short. */
import { Client } from 'pg';
import { Plan } from '../plan';
import { ConfirmSummary, RunRequest } from '../types';
import { Capture } from './capture';
import { undoSettings } from './settings';
import { UndoStatus } from './types';

export async function startUndo(req: RunRequest, client: Client, plan: Extract<Plan, { ok: true }>): Promise<Capture | undefined> {
  const settings = undoSettings(req);
  if (!settings || plan.readOnly) return undefined;
  return Capture.start(client, plan.statements, settings);
}

/** Production without undo because of the limits: only the typed row count commits. */
export function undoTyped(req: RunRequest, total: number, undo: UndoStatus | undefined): ConfirmSummary['typed'] {
  if (req.environment !== 'production' || !undo || undo.available || !/over the limit/.test(undo.reason)) return undefined;
  return { expected: String(total), why: `${undo.reason}: type the exact row count to commit` };
}
