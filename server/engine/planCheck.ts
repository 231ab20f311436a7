/**
 * The planner as a second oracle: a condition PostgreSQL reduces to true (`WHERE 1 = 1`,
 * `WHERE id = id OR true`) leaves the target scanned with no filter and no index condition. The
 * analysis cannot always see that; the plan can. Used before a production UPDATE, DELETE or MERGE
 * runs, and by the estimate above the statement.
 */

export interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  Schema?: string;
  'Plan Rows'?: number;
  'Parent Relationship'?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

/** Every key by which a node restricts the rows it passes on. */
const CONDITIONS = ['Filter', 'Index Cond', 'Recheck Cond', 'TID Cond', 'One-Time Filter', 'Join Filter', 'Hash Cond', 'Merge Cond', 'Subplans Removed'];
/** Nodes that pass on every row of their input. */
const PASS_THROUGH = new Set(['Append', 'Merge Append', 'Result', 'Materialize', 'Gather', 'Gather Merge', 'Sort', 'Incremental Sort', 'Memoize', 'Unique']);
const FULL_SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Tid Range Scan']);

export interface EveryRow {
  /** schema.table when the plan names the schema, else the table. */
  table: string;
  /** The planner's estimate of the rows it will touch. */
  rows: number;
}

/** The EXPLAIN (FORMAT JSON) text for a statement; GENERIC_PLAN (16+) lets $1 appear. */
export function explainSql(statement: string, serverVersionNum: number): string {
  const body = statement.replace(/;\s*$/, '');
  return `EXPLAIN (FORMAT JSON, VERBOSE${serverVersionNum >= 160000 ? ', GENERIC_PLAN' : ''}) ${body}\n`;
}

/** The first ModifyTable whose input is every row of its target, if any. */
export function everyRowOf(explain: unknown): EveryRow | undefined {
  const parsed = typeof explain === 'string' ? (JSON.parse(explain) as unknown) : explain;
  const top = (Array.isArray(parsed) ? parsed[0] : undefined) as { Plan?: PlanNode } | undefined;
  return top?.Plan ? findModify(top.Plan) : undefined;
}

function findModify(node: PlanNode): EveryRow | undefined {
  if (node['Node Type'] === 'ModifyTable') {
    const input = node.Plans?.find((p) => p['Parent Relationship'] === 'Outer') ?? node.Plans?.[0];
    const rows = input ? unrestrictedRows(input) : undefined;
    if (rows !== undefined) {
      const name = node['Relation Name'] ?? 'the target';
      return { table: node.Schema ? `${node.Schema}.${name}` : name, rows };
    }
  }
  for (const child of node.Plans ?? []) {
    const found = findModify(child);
    if (found) return found;
  }
  return undefined;
}

/** The rows a subtree passes on when nothing in it restricts them; undefined when something does. */
function unrestrictedRows(node: PlanNode): number | undefined {
  if (CONDITIONS.some((k) => node[k] !== undefined)) return undefined;
  const type = node['Node Type'] ?? '';
  if (FULL_SCANS.has(type)) return typeof node['Plan Rows'] === 'number' ? Math.round(node['Plan Rows']) : 0;
  if (!PASS_THROUGH.has(type) || !node.Plans || node.Plans.length === 0) return undefined;
  let sum = 0;
  for (const child of node.Plans) {
    if (child['Parent Relationship'] === 'InitPlan' || child['Parent Relationship'] === 'SubPlan') continue;
    const rows = unrestrictedRows(child);
    if (rows === undefined) return undefined;
    sum += rows;
  }
  return sum;
}

export class PlanRefusal extends Error {}
