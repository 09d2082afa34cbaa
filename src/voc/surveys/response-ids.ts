import { sql } from '../../storage/sql.ts';
import type { Store } from '../../storage/store.ts';
import { hashId } from '../../ingest/dedup-index.ts';

/** Bits per stored id: with 7 probes, ~1 % of new ids are taken for maybe-stored (then one query tells). */
const BITS_PER_ID = 10;
const PROBES = 7;
/** Room for this many ids beyond those stored at load before the false positives grow past ~1 %. */
const HEADROOM = 1_000_000;

/**
 * Which response ids may already be stored, per workspace: a Bloom filter over every stored response
 * (Bloom 1970), so a submission with a fresh client-made id (nearly all of them) learns it is new without
 * a query; the query cost ~1–3 ms of CPU a batch whatever it found. `false` is certain; `true` means
 * "maybe": the caller reads the table, as before. Exact because record.ts is the only writer of
 * survey_responses and adds every id before its transaction (an id whose commit fails only costs a
 * needless query later). Filled from the table once, in the background; until then every id is "maybe".
 */
export class ResponseIds {
  private bits: Uint32Array | null = null;
  private mask = 0;
  /** Ids added before the filter was sized (during the load); folded in once it is. */
  private early: [string, string][] = [];
  private loading: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  /** False when `id` is certainly not stored in the workspace; true when it may be. */
  mayExist(workspaceId: string, id: string): boolean {
    if (!this.bits) { void this.ready(); return true; }
    const [h1, h2] = hashes(workspaceId, id);
    for (let i = 0; i < PROBES; i++) {
      const b = (h1 + i * h2) & this.mask;
      if ((this.bits[b >>> 5] & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }

  /** Fills the filter from the table, once; resolves when done (submissions never wait for it). */
  ready(): Promise<void> {
    this.loading ??= this.load().catch(() => { this.loading = null; });
    return this.loading;
  }

  /** Records an id about to be stored. */
  add(workspaceId: string, id: string): void {
    if (!this.bits) { this.early.push([workspaceId, id]); return; }
    this.set(workspaceId, id);
  }

  private set(workspaceId: string, id: string): void {
    const [h1, h2] = hashes(workspaceId, id);
    for (let i = 0; i < PROBES; i++) {
      const b = (h1 + i * h2) & this.mask;
      this.bits![b >>> 5] |= 1 << (b & 31);
    }
  }

  private async load(): Promise<void> {
    const rows = await this.store.query<{ workspace_id: string; response_id: string }>(sql`SELECT workspace_id, response_id FROM survey_responses`);
    // A power of two of bits, so a probe is a mask; at least 2^24 bits (2 MB).
    const size = Math.max(1 << 24, 2 ** Math.ceil(Math.log2((rows.length + HEADROOM) * BITS_PER_ID)));
    this.mask = size - 1;
    this.bits = new Uint32Array(size / 32);
    for (const r of rows) this.set(r.workspace_id, r.response_id);
    for (const [w, id] of this.early) this.set(w, id);
    this.early = [];
  }
}

const pair = new Int32Array(2);
/** Two 32-bit hashes for double hashing (Kirsch & Mitzenmacher): the ingest dedup index's 64-bit id hash, split; the step is odd. */
function hashes(workspaceId: string, id: string): [number, number] {
  hashId(workspaceId, id, pair);
  return [pair[1] >>> 0, (pair[0] | 1) >>> 0];
}

const byStore = new WeakMap<Store, ResponseIds>();
/** The filter of a store's responses, one per open store. */
export function responseIds(store: Store): ResponseIds {
  let ids = byStore.get(store);
  if (!ids) byStore.set(store, (ids = new ResponseIds(store)));
  return ids;
}
