/**
 * Planner estimates remembered per connection and statement text, so that typing elsewhere in a
 * document never asks the database again for a statement it has already estimated. Pure: the
 * clock is passed in. Entries expire (statistics change) and the oldest go first when full.
 */

export interface EstimateCacheOptions {
  /** How long an estimate stays valid. */
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

/** `null`: the database answered, but there is no estimate (the table does not exist, a timeout). */
/** Rows the planner expects; or, when its condition was reduced to true, every row of the table; null: none. */
export type Estimate = number | null | { everyRowOf: string; rows: number };

interface Entry {
  rows: Estimate;
  at: number;
}

export class EstimateCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: EstimateCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  static key(connectionKey: string, statement: string): string {
    return `${connectionKey}\u0000${statement}`;
  }

  /** The estimate, `null` when there is none to show, undefined when not known (ask). */
  get(connectionKey: string, statement: string): Estimate | undefined {
    const key = EstimateCache.key(connectionKey, statement);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last, so eviction takes the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.rows;
  }

  set(connectionKey: string, statement: string, rows: Estimate): void {
    const key = EstimateCache.key(connectionKey, statement);
    this.entries.delete(key);
    this.entries.set(key, { rows, at: this.now() });
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Forgets one connection's estimates (its settings changed). */
  forgetConnection(connectionKey: string): void {
    const prefix = `${connectionKey}\u0000`;
    for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One request slot per connection: at most one EXPLAIN in flight, and of the requests that arrive
 * meanwhile only the newest waits (typing makes every older one stale). Pure scheduling.
 */
export class LatestWins<T> {
  private running = false;
  private waiting: T | undefined;

  constructor(private readonly work: (item: T) => Promise<void>) {}

  /** Starts `item` now, or queues it in place of whatever was waiting. */
  submit(item: T): void {
    if (this.running) {
      this.waiting = item;
      return;
    }
    void this.run(item);
  }

  get busy(): boolean {
    return this.running;
  }

  private async run(item: T): Promise<void> {
    this.running = true;
    try {
      await this.work(item);
    } catch {
      // The work reports its own failures; the slot must stay usable.
    } finally {
      this.running = false;
    }
    const next = this.waiting;
    this.waiting = undefined;
    if (next !== undefined) void this.run(next);
  }
}
