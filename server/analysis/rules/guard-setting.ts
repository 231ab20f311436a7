/**
 * guard-setting: statements that switch off the limits the guarded run relies on (timeouts,
 * read-only, replication role). A run is meant to be stoppable and to fire every trigger and
 * foreign key; a script must not be able to loosen that from inside. The settings and the values
 * that switch them off are in ../effects/guard-settings.ts.
 */
import { nodeAs, NodeOf, PgNode } from '../ast';
import { functionCalls } from '../calls';
import { isGuardSetting, switchesGuardOff } from '../effects/guard-settings';
import { Executed } from '../executed';
import { Span } from '../types';
import { everyExecuted, Report, statementRule, where } from './rule';

export const guardSetting = statementRule({
  id: 'guard-setting',
  severity: 'error',
  summary: 'SET, RESET, set_config() or DISCARD ALL that switch off a timeout, read-only mode or trigger firing the guard relies on',
  examples: {
    flagged: [
      'SET statement_timeout = 0;',
      'SET LOCAL lock_timeout TO \'0s\';',
      'SET "lock_timeout" TO DEFAULT;',
      'RESET idle_in_transaction_session_timeout;',
      'RESET ALL;',
      'SET session_replication_role = replica;',
      'SET TRANSACTION READ WRITE;',
      'SELECT set_config(\'statement_timeout\', \'0\', false);',
      'DO $$ BEGIN PERFORM set_config(\'lock_timeout\', \'0\', true); END $$;',
    ],
    passes: [
      'SET statement_timeout = \'30s\';',
      'SET lock_timeout = 2000;',
      'SET search_path = app, public;',
      'SELECT current_setting(\'statement_timeout\');',
    ],
  },

  check: everyExecuted(visit),
});

function visit(e: Executed, report: Report): void {
  const flag = (span: Span, what: string) => report({ span, message: `${what}${where(e)}: the guarded run relies on it, and nothing inside the run may switch it off.` });
  if (e.kind === 'VariableSetStmt') {
    const problem = setProblem(e.body);
    if (problem) flag(e.body.location ? e.site.spanAtByte(e.body.location) : e.site.firstWord(), problem);
  } else if (e.kind === 'DiscardStmt' && e.body.target === 'DISCARD_ALL') {
    flag(e.site.firstWord(), 'DISCARD ALL resets every setting, the guard\'s timeouts included');
  } else if (e.kind === 'UpdateStmt' && e.body.relation?.relname?.toLowerCase() === 'pg_settings') {
    flag(e.site.keywordBefore(e.body.relation.location, ['update']), 'UPDATE of pg_settings changes settings like SET does');
  }
  for (const f of functionCalls(e)) {
    if (f.name !== 'set_config') continue;
    const problem = setConfigProblem(f.call.args ?? []);
    if (problem) flag(f.call.location === undefined ? e.site.firstWord() : e.site.spanAtByte(f.call.location), problem);
  }
}

function setProblem(set: NodeOf<'VariableSetStmt'>): string | undefined {
  const name = (set.name ?? '').toLowerCase();
  switch (set.kind) {
    case 'VAR_RESET_ALL':
      return 'RESET ALL resets every setting, the guard\'s timeouts included';
    case 'VAR_SET_MULTI':
      // SET TRANSACTION … / SET SESSION CHARACTERISTICS AS TRANSACTION …
      for (const arg of set.args ?? []) {
        const def = nodeAs(arg, 'DefElem');
        if (def?.defname !== 'transaction_read_only') continue;
        const value = constantValue(def.arg);
        if (value === undefined || switchesGuardOff('transaction_read_only', value)) return `SET ${set.name ?? ''} READ WRITE turns read-only off`;
      }
      return undefined;
    default:
      break;
  }
  if (!isGuardSetting(name)) return undefined;
  if (set.kind === 'VAR_RESET' || set.kind === 'VAR_SET_DEFAULT') return `${set.kind === 'VAR_RESET' ? 'RESET' : 'SET … TO DEFAULT'} of ${name} drops the guard's value`;
  if (set.kind !== 'VAR_SET_VALUE' || (set.args ?? []).length !== 1) return `SET ${name} to a value that is not one constant`;
  const value = constantValue(set.args?.[0]);
  if (value === undefined) return `SET ${name} to a value that is not a constant`;
  const why = switchesGuardOff(name, value);
  return why ? `SET ${name}: ${why}` : undefined;
}

function setConfigProblem(args: readonly PgNode[]): string | undefined {
  const name = constantValue(args[0]);
  if (name === undefined) return 'set_config() with a setting name that is not a constant could switch off any setting';
  if (!isGuardSetting(name)) return undefined;
  const value = constantValue(args[1]);
  if (value === undefined) return `set_config('${name}') with a value that is not a constant`;
  const why = switchesGuardOff(name, value);
  return why ? `set_config('${name}'): ${why}` : undefined;
}

/** The text of a constant (through casts), as PostgreSQL would read it for a setting; else undefined. */
function constantValue(n: PgNode | undefined): string | undefined {
  const cast = nodeAs(n, 'TypeCast');
  if (cast) return constantValue(cast.arg);
  const c = nodeAs(n, 'A_Const');
  if (!c || c.isnull) return undefined;
  if (c.sval) return c.sval.sval ?? '';
  if (c.fval) return c.fval.fval ?? '0';
  if (c.boolval) return c.boolval.boolval ? 'on' : 'off';
  if (c.ival) return String(c.ival.ival ?? 0);
  return undefined;
}
