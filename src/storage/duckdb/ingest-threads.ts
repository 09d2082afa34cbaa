/** Groups closer together than this belong to one stretch of ingest. */
const GAP_MS = 250;
/** Ingest sustained this long switches DuckDB to one thread… */
const SUSTAINED_MS = 1000;
/** …and a pause this long gives queries their threads back. */
const IDLE_MS = 1000;

/**
 * DuckDB's thread count while ingest is sustained. An ingest group (INSERT from the spool, then COMMIT)
 * costs ~4.3 µs of CPU per row with `threads = 1` and ~6.7–8 µs with 2 threads on a 2-core machine
 * (bench/ingest-steps.ts; the second thread mostly waits for work it cannot share), and under
 * sustained load the cores are busy with the HTTP side anyway. So after a second of back-to-back
 * groups DuckDB runs on one thread, and a second after ingest pauses it gets its configured count
 * back. Queries that run meanwhile get one thread: slower, same answers. `threads` is a global
 * DuckDB setting; `set` runs it on the writer connection, inside the store's write lock.
 */
export class IngestThreads {
  private single = false;
  private streakStart = Number.NEGATIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly configured: number, private readonly set: (threads: number) => Promise<void>, private readonly now = Date.now) {}

  /** Before each ingest group. */
  async beforeGroup(): Promise<void> {
    const t = this.now();
    if (t - this.last > GAP_MS) this.streakStart = t;
    this.last = t;
    if (!this.single && this.configured > 1 && t - this.streakStart >= SUSTAINED_MS) {
      await this.set(1);
      this.single = true;
    }
  }

  /** Ingest groups have come back to back for a second or more, up to now. */
  get sustained(): boolean {
    const t = this.now();
    return t - this.last <= GAP_MS && this.last - this.streakStart >= SUSTAINED_MS;
  }

  /** Milliseconds since the last ingest group. */
  get idleMs(): number {
    return this.now() - this.last;
  }

  /** Whether `restore` has something to do (checked before taking the write lock). */
  get reduced(): boolean {
    return this.single && this.now() - this.last >= IDLE_MS;
  }

  /** Gives DuckDB its configured threads back once ingest has paused. */
  async restore(): Promise<void> {
    if (!this.reduced) return;
    await this.set(this.configured);
    this.single = false;
  }
}
