/**
 * destructive-ddl: DROP of any object, DROP OWNED, ALTER TABLE … DROP COLUMN, and ALTER COLUMN …
 * TYPE that may change stored values. They destroy data or schema; CASCADE says what else goes.
 */
import { nodeAs, NodeOf, stringOf } from '../ast';
import { Executed } from '../executed';
import { nodeRule, where } from './rule';

export const destructiveDdl = nodeRule({
  id: 'destructive-ddl',
  severity: 'error',
  summary: 'DROP of any object, DROP OWNED, ALTER TABLE … DROP COLUMN, ALTER COLUMN … TYPE with USING or to a type that may not hold every value',
  examples: {
    flagged: [
      'DROP TABLE IF EXISTS users CASCADE;',
      'ALTER TABLE users DROP COLUMN email;',
      'DROP DATABASE shop;          -- also non-transactional',
      'DROP OWNED BY old_app;',
      'ALTER TABLE orders ALTER COLUMN total TYPE integer USING round(total);',
      'ALTER TABLE orders ALTER COLUMN note TYPE varchar(20);',
    ],
    passes: [
      'ALTER TABLE users ADD COLUMN phone text;',
      'SELECT \'DROP TABLE users\';',
      'ALTER TABLE orders ALTER COLUMN note TYPE text;',
    ],
  },

  kinds: ['DropStmt', 'DropdbStmt', 'DropRoleStmt', 'DropOwnedStmt', 'DropTableSpaceStmt', 'DropSubscriptionStmt', 'DropUserMappingStmt', 'AlterTableStmt'],
  visit(e, _ctx, report) {
    for (const what of describe(e)) report({ span: e.site.firstWord(), message: `${what}${where(e)} cannot be undone by anything but a restore.` });
  },
});

const CASCADES = ': CASCADE also drops every object that depends on it (views, foreign keys, functions…)';

function describe(e: Executed): string[] {
  if (e.kind === 'DropStmt') {
    const type = String(e.body.removeType ?? 'OBJECT').replace(/^OBJECT_/, '').replace(/_/g, ' ');
    const cascade = e.body.behavior === 'DROP_CASCADE' ? (type === 'SCHEMA' ? ': CASCADE also drops every object in the schema' : CASCADES) : '';
    return [`DROP ${type}${cascade}`];
  }
  if (e.kind === 'DropdbStmt') return ['DROP DATABASE'];
  if (e.kind === 'DropOwnedStmt') return [`DROP OWNED drops every object the role owns${e.body.behavior === 'DROP_CASCADE' ? CASCADES : ''}`];
  if (e.kind.startsWith('Drop')) return [`DROP ${e.kind.slice(4).replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase()}`];
  if (e.kind !== 'AlterTableStmt') return [];
  const dropped: string[] = [];
  let cascade = '';
  const found: string[] = [];
  for (const c of e.body.cmds ?? []) {
    const cmd = nodeAs(c, 'AlterTableCmd');
    if (cmd?.subtype === 'AT_DropColumn') {
      dropped.push(cmd.name ?? '?');
      if (cmd.behavior === 'DROP_CASCADE') cascade = CASCADES;
    }
    if (cmd?.subtype === 'AT_AlterColumnType') {
      const change = typeChange(nodeAs(cmd.def, 'ColumnDef'));
      if (change) found.push(`ALTER COLUMN ${cmd.name ?? '?'} TYPE ${change}`);
    }
  }
  if (dropped.length > 0) found.unshift(`ALTER TABLE … DROP COLUMN ${dropped.join(', ')}${cascade}`);
  // One finding per statement: its parts share the statement's position.
  return found.length > 0 ? [found.join('; ')] : [];
}

/**
 * Why a column type change may lose data, or undefined when it cannot. The old type is not known
 * here, so only a target that holds every value of any type converted to it counts as widening:
 * text, and varchar or numeric without a limit. USING computes every new value: always flagged.
 */
function typeChange(def: NodeOf<'ColumnDef'> | undefined): string | undefined {
  if (def?.raw_default) return 'USING rewrites every row with a computed value';
  const names = (def?.typeName?.names ?? []).map((n) => stringOf(n));
  const name = names[names.length - 1];
  const limited = (def?.typeName?.typmods ?? []).length > 0 || (def?.typeName?.arrayBounds ?? []).length > 0;
  if ((name === 'text' || name === 'varchar' || name === 'numeric') && !limited) return undefined;
  return 'rewrites every row, and a narrower type cuts, rounds or rejects values';
}
