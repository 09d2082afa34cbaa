import { spoolJsonColumns } from '../storage/duckdb/spool.ts';
import type { Channel, Device, EventType, Json, TouchEvent } from './event.ts';

/**
 * What a batch worker sends per valid event, flattened into one array for the whole batch (one
 * structured clone of primitives instead of an object graph): the fields the writer, identity
 * stitching and rules read directly. Properties and context travel only inside the encoded spool row
 * and are parsed from it when something asks for them (rules).
 */
export const PACKED_FIELDS = 13;
export type PackedFields = (string | number | null)[];

export function packFields(e: TouchEvent, out: PackedFields): void {
  out.push(e.messageId, e.type, e.event, e.name, e.anonymousId, e.userId, e.previousId, e.groupId, e.channel, e.device, e.source, e.timestamp,
    // Traits go as text too: identity stitching asks every event for them (most have none).
    e.traits === null ? null : JSON.stringify(e.traits));
}

/**
 * A batch worker's event on the main thread (see PACKED_FIELDS). It keeps only a reference to the
 * batch's field array, its offset and the row's bounds: events live until their group has committed
 * (long enough to be promoted to the old generation), and a small object per event there is less for
 * the garbage collector to copy and mark than seventeen fields and a Uint8Array view each.
 */
export class PackedEvent implements TouchEvent {
  customerId = '';
  private parsedTraits: Json | null | undefined;
  private json: { properties: Json; context: Json } | null = null;

  constructor(readonly workspaceId: string, readonly receivedAt: number, private readonly f: PackedFields, private readonly i: number,
    private readonly rows: Uint8Array, private readonly start: number, private readonly end: number) {}

  get messageId(): string { return this.f[this.i] as string; }
  get type(): EventType { return this.f[this.i + 1] as EventType; }
  get event(): string { return this.f[this.i + 2] as string; }
  get name(): string | null { return this.f[this.i + 3] as string | null; }
  get anonymousId(): string | null { return this.f[this.i + 4] as string | null; }
  get userId(): string | null { return this.f[this.i + 5] as string | null; }
  get previousId(): string | null { return this.f[this.i + 6] as string | null; }
  get groupId(): string | null { return this.f[this.i + 7] as string | null; }
  get channel(): Channel { return this.f[this.i + 8] as Channel; }
  get device(): Device | null { return this.f[this.i + 9] as Device | null; }
  get source(): string | null { return this.f[this.i + 10] as string | null; }
  get timestamp(): number { return this.f[this.i + 11] as number; }
  /** The encoded tail of its spool row (a view made when asked: the writer asks once, at the commit). */
  get spoolTail(): Uint8Array { return this.rows.subarray(this.start, this.end); }

  get properties(): Json { return this.parsed().properties; }
  get traits(): Json | null {
    if (this.parsedTraits === undefined) {
      const text = this.f[this.i + 12] as string | null;
      this.parsedTraits = text === null ? null : JSON.parse(text) as Json;
    }
    return this.parsedTraits;
  }
  get context(): Json { return this.parsed().context; }

  private parsed() {
    if (!this.json) {
      const [p, , c] = spoolJsonColumns(Buffer.from(this.rows.buffer, this.rows.byteOffset + this.start, this.end - this.start).toString('utf8'));
      this.json = { properties: JSON.parse(p) as Json, context: JSON.parse(c) as Json };
    }
    return this.json;
  }
}

/** The batch's events from a worker's answer. */
export function unpackEvents(workspaceId: string, receivedAt: number, fields: PackedFields, rows: Uint8Array, ends: Uint32Array): TouchEvent[] {
  const events: TouchEvent[] = new Array(ends.length);
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    events[k] = new PackedEvent(workspaceId, receivedAt, fields, k * PACKED_FIELDS, rows, start, ends[k]);
    start = ends[k];
  }
  return events;
}
