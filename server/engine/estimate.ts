/**
 * The planner's row estimate for an UPDATE or DELETE, shown above the statement while typing.
 *
 * Plain `EXPLAIN (FORMAT JSON)` plans without executing. On top of that the session is read-only,
 * the extended protocol refuses a second statement, and a statement is only sent when the analysis
 * parsed it as exactly one UPDATE or DELETE with no error-severity finding. Each connection has a
 * small pool (2 clients, 500 ms statement timeout), one EXPLAIN in flight (the newest request
 * waits, older ones are dropped), and a cache per statement text. An unreachable database gives no
 * estimate, is logged once per reason, and is not tried again for a while.
 */
import { Pool } from 'pg';
import { StatementInfo } from '../analysis/analyze';
import { ConnectionProfile, effectiveSsl } from '../config/settings';
import { describeConnectError, resolveConnection } from './connect';
import { Estimate, EstimateCache, LatestWins } from './estimateCache';
import { everyRowOf } from './planCheck';

export interface EstimatorOptions {
  /** The stored password, never prompting (this is background work). */
  password(profile: ConnectionProfile): Promise<string | undefined>;
  /** A new estimate arrived: the editor should ask for its code lenses again. */
  onEstimate(): void;
  log(message: string): void;
  statementTimeoutMs?: number;
  /** After a failed connect, no new attempt on that connection for this long. */
  retryAfterMs?: number;
  cacheTtlMs?: number;
}

const ESTIMABLE = new Set(['UpdateStmt', 'DeleteStmt']);

/** Only one top-level UPDATE or DELETE, parsed, nothing opaque, no error-severity finding. */
export function estimable(statement: StatementInfo): boolean {
  const a = statement.analysis;
  if (a.status !== 'parsed' || a.opaque.length > 0 || a.executed.length !== 1) return false;
  const only = a.executed[0];
  if (!only.topLevel || !ESTIMABLE.has(only.kind)) return false;
  return !statement.findings.some((f) => f.severity === 'error');
}

/** What identifies where an estimate comes from: everything that changes the connection, no secret. */
export function connectionKey(profile: ConnectionProfile): string {
  return JSON.stringify([profile.name, profile.host ?? '', profile.port ?? 0, profile.database ?? '', profile.user ?? '', effectiveSsl(profile) ?? '']);
}

/** Rows the planner expects the statement to touch: the input of ModifyTable, which itself reports 0. */
export function planRows(explain: unknown): number | undefined {
  const top = (Array.isArray(explain) ? explain[0] : undefined) as { Plan?: PlanNode } | undefined;
  const plan = top?.Plan;
  if (!plan) return undefined;
  let node: PlanNode | undefined = plan;
  if (plan['Node Type'] === 'ModifyTable') node = plan.Plans?.find((p) => p['Parent Relationship'] === 'Outer') ?? plan.Plans?.[0];
  const rows = node?.['Plan Rows'];
  return typeof rows === 'number' && Number.isFinite(rows) ? Math.round(rows) : undefined;
}

interface PlanNode {
  'Node Type'?: string;
  'Parent Relationship'?: string;
  'Plan Rows'?: number;
  Plans?: PlanNode[];
}

interface PerConnection {
  profile: ConnectionProfile;
  slot: LatestWins<StatementInfo>;
  pool?: Pool;
  poolPassword?: string;
  downUntil: number;
  lastReason?: string;
}

export class Estimator {
  private readonly cache: EstimateCache;
  private readonly connections = new Map<string, PerConnection>();
  private readonly timeoutMs: number;
  private readonly retryAfterMs: number;

  constructor(private readonly options: EstimatorOptions) {
    this.cache = new EstimateCache({ ttlMs: options.cacheTtlMs ?? 5 * 60_000, maxEntries: 2_000 });
    this.timeoutMs = options.statementTimeoutMs ?? 500;
    this.retryAfterMs = options.retryAfterMs ?? 30_000;
  }

  /**
   * The estimate when known; otherwise undefined, and (when the statement may be estimated and
   * the database was not just found unreachable) an EXPLAIN is scheduled. `onEstimate` fires when
   * it lands.
   */
  peek(profile: ConnectionProfile, statement: StatementInfo): Estimate | undefined {
    if (!estimable(statement)) return undefined;
    const key = connectionKey(profile);
    const known = this.cache.get(key, statement.text);
    if (known !== undefined) return known;
    let c = this.connections.get(key);
    if (!c) {
      const created: PerConnection = { profile, downUntil: 0, slot: new LatestWins((s) => this.explain(key, created, s)) };
      c = created;
      this.connections.set(key, c);
    }
    if (Date.now() >= c.downUntil) c.slot.submit(statement);
    return undefined;
  }

  /** Ends every pool (server shutdown, tests). */
  async close(): Promise<void> {
    const pools = [...this.connections.values()].map((c) => c.pool).filter((p): p is Pool => p !== undefined);
    this.connections.clear();
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
  }

  private async explain(key: string, c: PerConnection, statement: StatementInfo): Promise<void> {
    if (this.cache.get(key, statement.text) !== undefined || Date.now() < c.downUntil) return;
    let password: string | undefined;
    try {
      password = await this.options.password(c.profile);
    } catch {
      password = undefined;
    }
    const resolved = resolveConnection({ kind: 'profile', profile: c.profile, password });
    if (!resolved.ok) return this.down(c, resolved.reason);
    if (!c.pool || c.poolPassword !== password) {
      const old = c.pool;
      c.pool = new Pool({
        ...resolved.value.config,
        max: 2,
        connectionTimeoutMillis: 3_000,
        idleTimeoutMillis: 60_000,
        allowExitOnIdle: true,
        statement_timeout: this.timeoutMs,
        // Belt and braces: nothing sent on this session can write.
        options: '-c default_transaction_read_only=on',
        application_name: 'safe-sql estimate',
      });
      c.pool.on('error', () => undefined);
      c.poolPassword = password;
      void old?.end().catch(() => undefined);
    }
    const body = statement.text.replace(/;\s*$/, '');
    try {
      const result = await c.pool.query<{ 'QUERY PLAN': unknown }>({ text: `EXPLAIN (FORMAT JSON) ${body}`, queryMode: 'extended' } as never);
      const plan = result.rows[0]?.['QUERY PLAN'];
      const rows = planRows(plan);
      // The same check as before a production write: no filter and no index condition on the target.
      const every = everyRowOf(plan);
      this.cache.set(key, statement.text, every ? { everyRowOf: every.table, rows: every.rows } : rows ?? null);
      c.lastReason = undefined;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // A SQLSTATE outside connection classes (08, 28, 3D, 53, 57P) is about this statement: no estimate for it.
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|28|3D|53|57P)/.test(code)) {
        this.cache.set(key, statement.text, null);
      } else {
        return this.down(c, describeConnectError(error, resolved.value));
      }
    }
    this.options.onEstimate();
  }

  private down(c: PerConnection, reason: string): void {
    c.downUntil = Date.now() + this.retryAfterMs;
    if (c.lastReason === reason) return;
    c.lastReason = reason;
    this.options.log(`Safe SQL: no row estimates for connection "${c.profile.name}": ${reason}`);
  }
}
