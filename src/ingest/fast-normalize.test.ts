import { describe, expect, it } from 'vitest';
import { fastValidate } from './fast-normalize.ts';
import { MAX_DEPTH } from './limits.ts';
import { validate } from './normalize.ts';
import { isSegmentType, type SegmentType } from './segment-schema.ts';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });
const wide = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

/** Values a client might send in any field, good and bad. */
const VALUES: unknown[] = [
  undefined, null, '', ' ', 'x', '  Product Viewed  ', 'user-1', 'ü', 'a'.repeat(200), 'a'.repeat(201), 'a'.repeat(255), 'a'.repeat(256),
  0, 1, -1.5, 42, Number.MAX_VALUE, true, false, [], ['a'], {}, { a: 1 }, { email: 'x@y.z' },
  '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.123+02:00', 'not a date', '1700000000000', '2026-13-45', 'x'.repeat(65),
  nested(MAX_DEPTH - 1), nested(MAX_DEPTH), nested(MAX_DEPTH + 1), nested(MAX_DEPTH + 2), wide(999), wide(1001), 'é'.repeat(11_000), 'e'.repeat(33_000),
];
const FIELDS = ['type', 'messageId', 'userId', 'anonymousId', 'timestamp', 'originalTimestamp', 'sentAt', 'context', 'integrations',
  'event', 'name', 'category', 'properties', 'traits', 'groupId', 'previousId', 'extra'];
const TYPES: SegmentType[] = ['track', 'page', 'screen', 'identify', 'group', 'alias'];

function base(type: SegmentType): Record<string, unknown> {
  return {
    type, messageId: 'm-1', anonymousId: 'anon-1', timestamp: '2026-11-20T10:00:00.000Z',
    context: { library: { name: 'analytics.js' }, page: { path: '/', url: 'https://x.test/' } },
    ...(type === 'track' ? { event: 'Product Viewed', properties: { price: 10 } } : {}),
    ...(type === 'page' || type === 'screen' ? { name: 'Home', properties: { path: '/' } } : {}),
    ...(type === 'identify' || type === 'group' ? { traits: { email: 'a@b.c' } } : {}),
    ...(type === 'group' ? { groupId: 'g1' } : {}),
    ...(type === 'alias' ? { userId: 'u1', previousId: 'anon-1' } : {}),
  };
}

describe('fastValidate', () => {
  it('takes the usual messages of every type', () => {
    for (const type of TYPES) expect(fastValidate(base(type), type), type).toBeDefined();
  });

  it('never accepts what the zod schemas refuse, and agrees with them on what they accept', () => {
    const r = random(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    let fast = 0;
    for (let i = 0; i < 20_000; i++) {
      const message = base(pick(TYPES));
      for (let k = Math.floor(r() * 4); k > 0; k--) {
        const v = pick(VALUES);
        if (v === undefined) delete message[pick(FIELDS)];
        else message[pick(FIELDS)] = v;
      }
      const type = message.type;
      if (!isSegmentType(type)) continue;
      const quick = fastValidate(message, type);
      if (quick === undefined) continue;
      fast++;
      expect(validate(message, type), JSON.stringify(message).slice(0, 500)).toEqual(quick);
    }
    expect(fast).toBeGreaterThan(5_000);
  });

  it('leaves limits to the schema path (which writes the details)', () => {
    const track = base('track');
    for (const properties of [nested(MAX_DEPTH + 2), wide(1001), { big: 'e'.repeat(33_000) }]) {
      expect(fastValidate({ ...track, properties }, 'track')).toBeUndefined();
      expect(validate({ ...track, properties }, 'track')).toMatchObject({ ok: false });
    }
    expect(fastValidate({ ...track, properties: nested(MAX_DEPTH + 1) }, 'track')).toBeDefined();
  });
});
