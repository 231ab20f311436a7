/**
 * The commit decision of `run_sql`, asked of a person through MCP elicitation. The agent never
 * decides: without a client that can ask, production never commits.
 */
import { describeSummary } from '../cli/runPrompt';
import { Environment } from '../analysis/types';
import { ConfirmSummary, Decision } from '../engine/types';

export interface ElicitForm {
  message: string;
  requestedSchema: {
    type: 'object';
    properties: Record<string, { type: 'string'; title: string; description: string } | { type: 'boolean'; title: string; description: string; default: boolean }>;
    required: string[];
  };
}

export type ElicitAnswer = { action: 'accept' | 'decline' | 'cancel'; content?: Record<string, unknown> };

/** What the person is shown: connection, environment, every statement with its real count. */
export function confirmForm(summary: ConfirmSummary): ElicitForm {
  const ask = summary.irreversible
    ? 'This statement cannot run inside a transaction: once run it CANNOT be rolled back.'
    : 'The transaction is open and holds these changes uncommitted.';
  const message = `An agent asks to commit SQL on a ${summary.environment} database.\n${describeSummary(summary)}${ask}`;
  if (summary.typed) {
    return {
      message: `${message}\n${summary.typed.why}.`,
      requestedSchema: {
        type: 'object',
        properties: { typed: { type: 'string', title: `Type ${summary.typed.expected} to ${summary.irreversible ? 'run it' : 'commit'}`, description: 'Anything else rolls back.' } },
        required: ['typed'],
      },
    };
  }
  return {
    message,
    requestedSchema: {
      type: 'object',
      properties: { commit: { type: 'boolean', title: 'Commit these changes', description: 'Leave unticked to roll back.', default: false } },
      required: ['commit'],
    },
  };
}

/** The person's answer as the engine's decision. Anything but an explicit yes rolls back. */
export function decisionOf(answer: ElicitAnswer, summary: ConfirmSummary): Decision {
  if (answer.action !== 'accept') return { commit: false, reason: `the person ${answer.action === 'decline' ? 'declined' : 'cancelled'}` };
  if (summary.typed) {
    const typed = answer.content?.typed;
    return typeof typed === 'string' ? { commit: true, typed } : { commit: false, reason: 'no count was typed' };
  }
  return answer.content?.commit === true ? { commit: true } : { commit: false, reason: 'the person did not tick commit' };
}

/** When no person can be asked: development may commit; anywhere else nothing is committed. */
export function decisionWithoutPerson(summary: ConfirmSummary, environment: Environment): Decision {
  if (environment === 'development') return summary.typed ? { commit: true, typed: summary.typed.expected } : { commit: true };
  return {
    commit: false,
    impossible: true,
    reason: `on ${environment} a person must decide, and this MCP client cannot ask one (no elicitation); run it in the editor or with safe-sql run`,
  };
}
