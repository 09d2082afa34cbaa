import type { DuckDBConnection } from '@duckdb/node-api';
import type { Mutex } from './mutex.ts';
import { SequenceCompactor } from './sequence-compactor.ts';
import type { IngestThreads } from './ingest-threads.ts';
import { runQuery } from './run-query.ts';

/**
 * ~180 MB of write-ahead log with typical web events (replayed in seconds after a crash). A checkpoint
 * took ~0.7 s of CPU at 300,000 events, not much less when it had less to write (it also rewrites what
 * the last compaction replaced): every 128,000 events that was ~2 µs of CPU per ingested event.
 */
const CHECKPOINT_EVERY_EVENTS = 256_000;
/** When ingest has paused this long, at least this many events in the WAL are checkpointed (no writer is waiting then). */
const IDLE_CHECKPOINT_MS = 2000;
const IDLE_CHECKPOINT_MIN_EVENTS = 20_000;
/** New events folded into the customer sequences at a time (a query merges fewer than this in). */
const COMPACT_EVERY_EVENTS = 100_000;
/**
 * While ingest is sustained, compactions are this many times rarer: each one rewrites the sequences
 * of nearly every active customer, so its cost grows with the data, not with the tail it folds in.
 */
const SUSTAINED_COMPACT_FACTOR = 3;

/**
 * The store's background upkeep after ingest groups: checkpoints of the write-ahead log, compactions
 * of the customer sequences (storage/sequences.ts), and giving DuckDB its threads back when ingest
 * pauses (ingest-threads.ts). Each runs on its own connection or behind the store's locks.
 */
export class Upkeep {
  /** Events committed since the last checkpoint, and the checkpoint running in the background. */
  private uncheckpointed = 0;
  private checkpointing: Promise<void> | null = null;
  /** Events since the last compaction, and the one running. */
  private uncompacted = 0;
  private compacting: Promise<void> | null = null;
  private readonly backgroundSequencer: SequenceCompactor;
  /** The timer that gives threads back after sustained ingest and checkpoints when ingest pauses. */
  private readonly restoreTimer: NodeJS.Timeout;

  constructor(
    /** Its own connection: a CHECKPOINT must not queue behind (or in front of) read queries. */
    private readonly checkpointer: DuckDBConnection,
    /**
     * Background compaction runs on its own connection, not behind the write lock: it takes up to a
     * second on a million events, and single tracks waited behind it (p99 255 ms instead of 20 ms).
     * Ingest groups only append to the tables it rewrites, except when customers merge: a merge
     * rewrites the same sequences, so merging groups and compactions take `sequenceLock` (before the
     * write lock, always in that order) and never overlap.
     */
    private readonly compactor: DuckDBConnection,
    private readonly ingestThreads: IngestThreads,
    private readonly writeLock: Mutex,
    private readonly sequenceLock: Mutex,
    private readonly compactEvery = COMPACT_EVERY_EVENTS,
  ) {
    this.backgroundSequencer = new SequenceCompactor((q) => runQuery(compactor, q));
    this.restoreTimer = setInterval(() => {
      if (this.ingestThreads.reduced) void this.writeLock.run(() => this.ingestThreads.restore()).catch(() => undefined);
      if (this.uncheckpointed >= IDLE_CHECKPOINT_MIN_EVENTS && !this.checkpointing && this.ingestThreads.idleMs >= IDLE_CHECKPOINT_MS) this.checkpointInBackground();
    }, 500).unref();
  }

  /** After each committed ingest group: starts a compaction or a checkpoint when one is due. */
  afterGroup(events: number): void {
    this.uncompacted += events;
    const compactEvery = this.ingestThreads.sustained ? SUSTAINED_COMPACT_FACTOR * this.compactEvery : this.compactEvery;
    if (this.uncompacted >= compactEvery && !this.compacting) this.compactInBackground();
    this.uncheckpointed += events;
    if (this.uncheckpointed >= CHECKPOINT_EVERY_EVENTS && !this.checkpointing) this.checkpointInBackground();
  }

  /** Stops a running compaction (it is retried later). */
  interruptCompaction(): void {
    if (this.compacting) this.compactor.interrupt();
  }

  /** The compaction running in the background, if any. */
  get runningCompaction(): Promise<void> | null {
    return this.compacting;
  }

  /** The checkpoint running in the background, if any. */
  get runningCheckpoint(): Promise<void> | null {
    return this.checkpointing;
  }

  /** Its connections, for the store to close. */
  get connections(): DuckDBConnection[] {
    return [this.checkpointer, this.compactor];
  }

  stopTimer(): void {
    clearInterval(this.restoreTimer);
  }

  /**
   * DuckDB's automatic checkpoint (WAL over 16 MB: ~23,000 events) runs inside the COMMIT that crosses
   * the threshold, stalling that group for 0.4–2.7 s, and at that frequency costs ~8 µs CPU per event.
   * So the threshold (1 GB) is only a safety net: a CHECKPOINT runs on its own connection every
   * CHECKPOINT_EVERY_EVENTS and when ingest pauses, and DuckDB lets the writer keep committing meanwhile
   * (a commit waits while the checkpoint writes, up to ~1 s). A failed checkpoint is retried after the
   * next CHECKPOINT_EVERY_EVENTS or pause; close() waits for a running one.
   */
  private checkpointInBackground(): void {
    this.uncheckpointed = 0;
    this.checkpointing = this.checkpointer.run('CHECKPOINT').then(() => undefined, () => undefined).finally(() => { this.checkpointing = null; });
  }

  /**
   * On its own connection while ingest goes on (see `compactor`). It folds the events committed
   * before it started; later ones get row ids after its watermark and wait for the next compaction.
   * A failed or interrupted one is retried after half of COMPACT_EVERY_EVENTS (queries merge the tail
   * in meanwhile, so answers stay exact).
   */
  private compactInBackground(): void {
    this.uncompacted = 0;
    this.compacting = this.sequenceLock.run(() => this.backgroundSequencer.compact(this.compactor))
      .then(() => undefined, () => { this.uncompacted += this.compactEvery / 2; }).finally(() => { this.compacting = null; });
  }
}
