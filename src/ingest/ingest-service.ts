import type { ErrorDetail } from '../api/errors.ts';
import type { Json, TouchEvent } from './event.ts';
import { normalizeMessage, type NormalizeContext } from './normalize.ts';
import type { SegmentType } from './segment-schema.ts';
import type { AlsoStore, IngestWriter } from './writer.ts';

export const MAX_BATCH_MESSAGES = 5000;

export interface IngestResult {
  /** Messages stored by this request. */
  stored: number;
  /** Valid messages already stored earlier (same messageId): acknowledged, not stored twice. */
  duplicates: number;
  rejected: ErrorDetail[];
}

export interface IngestInput {
  workspaceId: string;
  messages: unknown[];
  impliedType?: SegmentType;
  batchContext?: Json;
  sentAt?: string;
  source?: string;
  /** Path prefix for error details (`batch`), so a detail reads `batch[3].timestamp`. */
  pathPrefix?: string;
  /** Statements and rows committed in the same transaction as the valid messages (IngestWriter.write). */
  also?: AlsoStore;
}

/**
 * Validate → normalise → (stitch + de-duplicate + durable append in the writer) → result. Invalid
 * messages are reported one by one; valid ones in the same batch are still stored (see README:
 * "Batches with bad messages").
 */
export class IngestService {
  constructor(private readonly writer: IngestWriter) {}

  async ingest(input: IngestInput): Promise<IngestResult> {
    const ctx: NormalizeContext = {
      workspaceId: input.workspaceId, receivedAt: Date.now(), impliedType: input.impliedType,
      batchContext: input.batchContext, sentAt: input.sentAt, source: input.source,
    };
    const { valid, rejected } = normalizeAll(input.messages, ctx, input.pathPrefix);
    const written = await this.writer.write(valid, input.also);
    return { stored: written.stored, duplicates: written.duplicates, rejected };
  }

  /** Events a batch worker already validated and normalised (batch-pool.ts), for one workspace. */
  async ingestPrepared(events: TouchEvent[], rejected: ErrorDetail[]): Promise<IngestResult> {
    const written = await this.writer.write(events);
    return { stored: written.stored, duplicates: written.duplicates, rejected };
  }
}

/** Every message normalised; the invalid ones as details carrying their index (and messageId when given). */
export function normalizeAll(messages: unknown[], ctx: NormalizeContext, pathPrefix?: string): { valid: TouchEvent[]; rejected: ErrorDetail[] } {
  const valid: TouchEvent[] = [];
  const rejected: ErrorDetail[] = [];
  messages.forEach((raw, index) => {
    const prefix = pathPrefix ? `${pathPrefix}[${index}]` : '';
    const outcome = normalizeMessage(raw, ctx, prefix);
    if (outcome.ok) valid.push(outcome.event);
    else {
      const messageId = typeof (raw as Json | null)?.messageId === 'string' ? (raw as Json).messageId as string : undefined;
      for (const d of outcome.details) rejected.push({ ...d, index, ...(messageId ? { messageId } : {}) });
    }
  });
  return { valid, rejected };
}
