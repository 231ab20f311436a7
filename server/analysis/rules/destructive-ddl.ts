/** destructive-ddl: DROP of any object, and ALTER TABLE … DROP COLUMN, destroy data or schema. */
import { nodeAs } from '../ast';
import { Executed } from '../executed';
import { nodeRule, where } from './rule';

export const destructiveDdl = nodeRule({
  id: 'destructive-ddl',
  severity: 'warning',
  summary: 'DROP TABLE, SCHEMA, DATABASE and other DROPs; ALTER TABLE … DROP COLUMN',
  examples: {
    flagged: [
      'DROP TABLE IF EXISTS users CASCADE;',
      'ALTER TABLE users DROP COLUMN email;',
      'DROP DATABASE shop;          -- also non-transactional',
    ],
    passes: [
      'ALTER TABLE users ADD COLUMN phone text;',
      'SELECT \'DROP TABLE users\';',
    ],
  },

  kinds: ['DropStmt', 'DropdbStmt', 'DropRoleStmt', 'DropOwnedStmt', 'DropTableSpaceStmt', 'DropSubscriptionStmt', 'DropUserMappingStmt', 'AlterTableStmt'],
  visit(e, _ctx, report) {
    const what = describe(e);
    if (what) report({ span: e.site.firstWord(), message: `${what}${where(e)} cannot be undone by anything but a restore.` });
  },
});

function describe(e: Executed): string | undefined {
  if (e.kind === 'DropStmt') {
    const type = String(e.body.removeType ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ');
    return `DROP ${type}`;
  }
  if (e.kind === 'DropdbStmt') return 'DROP DATABASE';
  if (e.kind.startsWith('Drop')) return `DROP ${e.kind.slice(4).replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}`;
  if (e.kind === 'AlterTableStmt') {
    const dropped = (e.body.cmds ?? [])
      .map((c) => nodeAs(c, 'AlterTableCmd'))
      .filter((c) => c?.subtype === 'AT_DropColumn')
      .map((c) => c?.name ?? '?');
    if (dropped.length > 0) return `ALTER TABLE … DROP COLUMN ${dropped.join(', ')}`;
  }
  return undefined;
}
