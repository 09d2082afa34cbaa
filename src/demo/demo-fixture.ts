import { generateDemoArray } from './generate-demo.ts';
import type { SegmentMessage } from './segment-message.ts';

/**
 * Helpers shared by the demo tests. The full default demo (2000 customers × 120 days) is generated
 * once per test file: proportions are only meaningful at that size.
 */
let cached: SegmentMessage[] | undefined;
export function defaultDemo(): SegmentMessage[] {
  return (cached ??= generateDemoArray());
}

/** Channel as ingest resolves it: explicit `context.channel`, else web (analytics.js traffic). */
export function channelOf(m: SegmentMessage): string {
  return m.context?.channel ?? 'web';
}

/** The simulated customer behind a message: message ids are `demo-<seed>-<customer>-<sequence>`. */
export function customerOf(m: SegmentMessage): string {
  return m.messageId.split('-')[2];
}

export function prop<T = unknown>(m: SegmentMessage, key: string): T {
  return m.properties?.[key] as T;
}

export function tracks(messages: readonly SegmentMessage[], event: string): SegmentMessage[] {
  return messages.filter((m) => m.type === 'track' && m.event === event);
}

export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Min and max without spreading (Math.min(...xs) overflows the stack at ~100k values). */
export function range(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}

export { groupBy } from '../common/collections.ts';
