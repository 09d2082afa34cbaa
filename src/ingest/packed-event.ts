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

/** A batch worker's event on the main thread (see PACKED_FIELDS). */
export class PackedEvent implements TouchEvent {
  customerId = '';
  messageId: string;
  type: EventType;
  event: string;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  previousId: string | null;
  groupId: string | null;
  channel: Channel;
  device: Device | null;
  source: string | null;
  timestamp: number;
  private readonly traitsText: string | null;
  private parsedTraits: Json | null | undefined;
  private json: { properties: Json; context: Json } | null = null;

  constructor(readonly workspaceId: string, readonly receivedAt: number, f: PackedFields, i: number, readonly spoolTail: Uint8Array) {
    this.messageId = f[i] as string;
    this.type = f[i + 1] as EventType;
    this.event = f[i + 2] as string;
    this.name = f[i + 3] as string | null;
    this.anonymousId = f[i + 4] as string | null;
    this.userId = f[i + 5] as string | null;
    this.previousId = f[i + 6] as string | null;
    this.groupId = f[i + 7] as string | null;
    this.channel = f[i + 8] as Channel;
    this.device = f[i + 9] as Device | null;
    this.source = f[i + 10] as string | null;
    this.timestamp = f[i + 11] as number;
    this.traitsText = f[i + 12] as string | null;
  }

  get properties(): Json { return this.parsed().properties; }
  get traits(): Json | null {
    if (this.parsedTraits === undefined) this.parsedTraits = this.traitsText === null ? null : JSON.parse(this.traitsText) as Json;
    return this.parsedTraits;
  }
  get context(): Json { return this.parsed().context; }

  private parsed() {
    if (!this.json) {
      const [p, , c] = spoolJsonColumns(Buffer.from(this.spoolTail.buffer, this.spoolTail.byteOffset, this.spoolTail.byteLength).toString('utf8'));
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
    events[k] = new PackedEvent(workspaceId, receivedAt, fields, k * PACKED_FIELDS, rows.subarray(start, ends[k]));
    start = ends[k];
  }
  return events;
}
