/** destructive-ddl: DROP of any object, and ALTER TABLE … DROP COLUMN, destroy data or schema. */
import { Executed } from '../executed';
import { Node } from '../parser';
import { Rule, where } from './rule';

export const destructiveDdl: Rule = {
  id: 'destructive-ddl',
  severity: 'warning',
  summary: 'DROP TABLE, SCHEMA, DATABASE and other DROPs; ALTER TABLE … DROP COLUMN',
  check(statement, report) {
    if (statement.status !== 'parsed') return;
    for (const e of statement.executed) {
      const what = describe(e);
      if (what) report({ span: e.site.firstWord(), message: `${what}${where(e)} cannot be undone by anything but a restore.` });
    }
  },
};

function describe(e: Executed): string | undefined {
  if (e.kind === 'DropStmt') {
    const type = String(e.body.removeType ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ');
    return `DROP ${type}`;
  }
  if (e.kind === 'DropdbStmt') return 'DROP DATABASE';
  if (e.kind.startsWith('Drop')) return `DROP ${e.kind.slice(4).replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}`;
  if (e.kind === 'AlterTableStmt') {
    const cmds = (e.body.cmds as Node[] | undefined) ?? [];
    const dropped = cmds
      .map((c) => c.AlterTableCmd as { subtype?: string; name?: string } | undefined)
      .filter((c) => c?.subtype === 'AT_DropColumn')
      .map((c) => c?.name ?? '?');
    if (dropped.length > 0) return `ALTER TABLE … DROP COLUMN ${dropped.join(', ')}`;
  }
  return undefined;
}
