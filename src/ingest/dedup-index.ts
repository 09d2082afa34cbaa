/**
 * The messageIds the ingest writer has stored recently, as 64-bit hashes in typed arrays instead of a
 * Map of a million strings: ~24 MB in a few flat arrays that the garbage collector does not walk,
 * against ~165 MB of strings and Map entries that it marked again and again under sustained ingest.
 *
 * A hit only says "probably seen": the writer confirms it (in the same group, against the event it
 * has; otherwise against the events table) before it drops an event, so a hash collision (about one in
 * 10^7 over a million ids) never loses data.
 *
 * Layout: a ring in insertion order (hash halves and time of each entry), so the oldest entries go
 * first, as the Map did; and an open-addressing table (linear probing, at most half full) of ring
 * positions + 1, deleted from with backward shift, so no tombstones pile up.
 */
export class DedupIndex {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly time: Float64Array;
  private readonly table: Int32Array;
  private readonly mask: number;
  /** Ring: the oldest entry at `head`, `count` entries. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.hi = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.time = new Float64Array(capacity);
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.table = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number { return this.count; }

  /** The ring position of an entry with this hash, or -1. */
  find(h: number, l: number): number {
    for (let i = l & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.table[i];
      if (v === 0) return -1;
      const p = v - 1;
      if (this.lo[p] === l && this.hi[p] === h) return p;
    }
  }

  /** Adds an entry (the oldest goes when full) and returns its ring position. */
  add(h: number, l: number, time: number): number {
    if (this.count === this.capacity) this.removeOldest();
    const p = (this.head + this.count) % this.capacity;
    this.hi[p] = h;
    this.lo[p] = l;
    this.time[p] = time;
    this.count++;
    let i = l & this.mask;
    while (this.table[i] !== 0) i = (i + 1) & this.mask;
    this.table[i] = p + 1;
    return p;
  }

  /** Sets the time of the newest `n` entries (added before their commit, stamped after it). */
  stampNewest(n: number, time: number): void {
    for (let k = this.count - n; k < this.count; k++) this.time[(this.head + k) % this.capacity] = time;
  }

  /** Removes the newest `n` entries (a group that did not commit). */
  dropNewest(n: number): void {
    for (; n > 0 && this.count > 0; n--) {
      const p = (this.head + this.count - 1) % this.capacity;
      this.unlink(p);
      this.count--;
    }
  }

  /** Removes the oldest entries while there are more than `max` or they are not after `oldest`. */
  trim(max: number, oldest: number): void {
    while (this.count > 0 && (this.count > max || this.time[this.head] <= oldest)) this.removeOldest();
  }

  private removeOldest(): void {
    this.unlink(this.head);
    this.head = (this.head + 1) % this.capacity;
    this.count--;
  }

  /** Takes ring position `p` out of the table (backward-shift deletion). */
  private unlink(p: number): void {
    const mask = this.mask;
    let i = this.lo[p] & mask;
    while (this.table[i] !== p + 1) i = (i + 1) & mask;
    let j = i;
    for (;;) {
      j = (j + 1) & mask;
      const v = this.table[j];
      if (v === 0) break;
      const home = this.lo[v - 1] & mask;
      // The entry at j may move into the hole at i if its home is not cyclically within (i, j].
      if (i <= j ? home <= i || home > j : home <= i && home > j) {
        this.table[i] = v;
        i = j;
      }
    }
    this.table[i] = 0;
  }
}

/**
 * A 64-bit hash of workspace + messageId as two 32-bit halves (two multiplicative string hashes with
 * different multipliers and a final mix each). Written to `out` to avoid an allocation per event.
 */
export function hashId(workspaceId: string, messageId: string, out: Int32Array): void {
  let a = 0x811c9dc5 | 0;
  let b = 0x2545f491 | 0;
  for (let i = 0; i < workspaceId.length; i++) {
    const c = workspaceId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a ^ 0xffff, 0x01000193);
  b = Math.imul(b ^ 0xffff, 0x5bd1e995);
  for (let i = 0; i < messageId.length; i++) {
    const c = messageId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  out[0] = fmix(b ^ messageId.length);
  out[1] = fmix(a);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
