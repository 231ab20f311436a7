/**
 * Sends several statements in one simple-query message and reads each statement's own result:
 * command tag, row count, the first rows, and when it finished. PostgreSQL still executes them one
 * at a time (statement_timeout applies to each), but the run pays one round trip per batch rather
 * than per statement. When one fails, the error says which: the number of results before it.
 *
 * node-postgres accepts any object with `submit(connection)` as a query and routes the protocol
 * messages to its `handle…` methods.
 */
import { Client } from 'pg';
import { RowBudget } from './rowBudget';
import type { CaptureSpec } from './undo/capture';

export interface BatchItemResult {
  command?: string;
  rows: number | null;
  /** Milliseconds since the batch was sent when this statement's result arrived. */
  at: number;
  fields?: string[];
  sample?: Array<Array<string | null>>;
}

export class BatchError extends Error {
  constructor(
    readonly cause: Error & { code?: string; position?: string },
    /** Results of the statements that completed before the failing one. */
    readonly completed: BatchItemResult[],
  ) {
    super(cause.message);
  }
}

interface Connection {
  query(text: string): void;
  sendCopyFail(message: string): void;
}

interface FieldMessage {
  fields: Array<{ name: string }>;
}

class BatchQuery {
  private readonly results: BatchItemResult[] = [];
  private current: BatchItemResult | undefined;
  private sampleFull = false;
  private readonly started = performance.now();
  callback?: (err: Error | null) => void;

  constructor(
    private readonly text: string,
    private readonly rowLimit: number,
    private readonly budget: RowBudget,
    private readonly done: (err: Error | null, results: BatchItemResult[]) => void,
    /** Index of the engine's own probe query, whose one row is kept whole, outside the budget. */
    private readonly probeIndex = -1,
    // undo: per statement of the batch, the capture columns to split off its rows (server/engine/undo)
    private readonly capture: Array<CaptureSpec | undefined> = [],
  ) {}

  private budgetNow(): RowBudget {
    return this.results.length === this.probeIndex ? UNBOUNDED : this.budget;
  }

  submit(connection: Connection): null {
    connection.query(this.text);
    return null;
  }

  private item(): BatchItemResult {
    this.current ??= { rows: null, at: 0 };
    return this.current;
  }

  handleRowDescription(msg: FieldMessage): void {
    const item = this.item();
    const spec = this.capture[this.results.length]; // undo
    if (spec && !spec.userReturning) return; // undo
    item.fields = msg.fields.map((f) => f.name).slice(0, spec ? -spec.extra : undefined);
    item.sample = [];
    this.sampleFull = false;
    this.budgetNow().startStatement();
  }

  handleDataRow(msg: { fields: Array<string | null> }): void {
    const item = this.item();
    let fields = msg.fields.map((v) => (v === null ? null : String(v)));
    const spec = this.capture[this.results.length]; // undo
    if (spec) {
      spec.sink(fields.slice(-spec.extra));
      fields = fields.slice(0, -spec.extra);
    }
    if (!item.sample || this.sampleFull || item.sample.length >= this.rowLimit) return;
    const row = this.budgetNow().keep(fields);
    if (row) item.sample.push(row);
    // The budget is spent: later rows of this statement are counted, not kept.
    else this.sampleFull = true;
  }

  handleCommandComplete(msg: { text: string }): void {
    const item = this.item();
    const m = /^([A-Za-z ]*?[A-Za-z])(?: (\d+))?(?: (\d+))?$/.exec(msg.text);
    item.command = m ? m[1] : msg.text;
    const count = m?.[3] ?? m?.[2];
    item.rows = count === undefined ? null : Number(count);
    item.at = performance.now() - this.started;
    this.results.push(item);
    this.current = undefined;
  }

  handleEmptyQuery(): void {
    this.results.push({ command: 'EMPTY', rows: null, at: performance.now() - this.started });
    this.current = undefined;
  }

  handleError(err: Error): void {
    this.done(new BatchError(err, this.results), this.results);
  }

  handleReadyForQuery(): void {
    this.done(null, this.results);
  }

  handleCopyInResponse(connection: Connection): void {
    connection.sendCopyFail('safe-sql does not send COPY data');
  }

  handleCopyData(): void {}

  handlePortalSuspended(): void {}
}

/** The engine's own probe is read whole: a cut or dropped probe would fail the run. */
const UNBOUNDED = new RowBudget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);

/**
 * Runs the statements' texts in one message; resolves with one result per statement. With
 * `probe`, the last text is the engine's own query, whose row the budget does not limit.
 */
export function runBatch(client: Client, texts: string[], rowLimit: number, budget: RowBudget = new RowBudget(), probe = false, capture?: Array<CaptureSpec | undefined>): Promise<BatchItemResult[]> {
  // A statement without its own `;` (the last one of a file) is closed on a new line, so a trailing
  // line comment cannot swallow the separator.
  const text = texts.map((t) => (/;\s*$/.test(t) ? t : `${t}\n;`)).join('\n');
  return new Promise((resolve, reject) => {
    let settled = false;
    const query = new BatchQuery(text, rowLimit, budget, (err, results) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else if (results.length !== texts.length) reject(new BatchError(new Error(`the server returned ${results.length} results for ${texts.length} statements`), results));
      else resolve(results);
    }, probe ? texts.length - 1 : -1, capture);
    // Errors that never reach the handlers (a dropped link) arrive through the callback.
    query.callback = (err) => {
      if (err && !settled) {
        settled = true;
        reject(new BatchError(err, []));
      }
    };
    (client as unknown as { query(q: unknown): void }).query(query);
  });
}
