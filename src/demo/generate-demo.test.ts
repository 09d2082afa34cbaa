import { describe, expect, it } from 'vitest';
import { customerOf, defaultDemo, range } from './demo-fixture.ts';
import { DEMO_DEFAULTS, generateDemo, generateDemoArray } from './generate-demo.ts';
import { SEGMENT_TYPES, type SegmentMessage } from './segment-message.ts';
import { DAY } from './time.ts';

const TOP_LEVEL = new Set(['type', 'messageId', 'timestamp', 'userId', 'anonymousId', 'event', 'name', 'groupId', 'previousId', 'properties', 'traits', 'context']);
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

/** Problems with one message against the Segment HTTP API spec; empty when valid. */
function segmentProblems(m: SegmentMessage): string[] {
  const p: string[] = [];
  if (!(SEGMENT_TYPES as readonly string[]).includes(m.type)) p.push(`type ${m.type}`);
  if (!nonEmpty(m.messageId)) p.push('messageId');
  if (!nonEmpty(m.timestamp) || new Date(m.timestamp).toISOString() !== m.timestamp) p.push('timestamp is not ISO 8601');
  if (!nonEmpty(m.userId) && !nonEmpty(m.anonymousId)) p.push('neither userId nor anonymousId');
  for (const k of Object.keys(m)) if (!TOP_LEVEL.has(k)) p.push(`unknown field ${k}`);
  for (const k of ['properties', 'traits', 'context'] as const) if (k in m && !isObject(m[k])) p.push(`${k} is not an object`);
  if (!isObject(m.context?.library) || !nonEmpty(m.context?.library.name) || !nonEmpty(m.context?.library.version)) p.push('context.library');
  switch (m.type) {
    case 'track': if (!nonEmpty(m.event)) p.push('track without event'); break;
    case 'page': case 'screen': if (!nonEmpty(m.name)) p.push(`${m.type} without name`); break;
    case 'identify': if (!isObject(m.traits)) p.push('identify without traits'); break;
    case 'group': if (!nonEmpty(m.groupId)) p.push('group without groupId'); break;
    case 'alias': if (!nonEmpty(m.userId) || !nonEmpty(m.previousId)) p.push('alias needs userId and previousId'); break;
  }
  if (m.type !== 'track' && m.event !== undefined) p.push('event on a non-track call');
  return p;
}

const eventSequence = (ms: SegmentMessage[]) => ms.map((m) => `${m.type}:${m.event ?? m.name ?? ''}@${m.timestamp}`);

describe('generateDemo', () => {
  it('is deterministic: the same options give identical messages', () => {
    expect(generateDemoArray({ customers: 150, seed: 9 })).toEqual(generateDemoArray({ customers: 150, seed: 9 }));
  });

  it('gives a different dataset for a different seed', () => {
    const a = eventSequence(generateDemoArray({ customers: 150, seed: 1 }));
    const b = eventSequence(generateDemoArray({ customers: 150, seed: 2 }));
    expect(a).not.toEqual(b);
    const shared = new Set(a);
    expect(b.filter((x) => shared.has(x)).length / b.length).toBeLessThan(0.05);
  });

  it('uses the documented defaults, with a fixed end date rather than now', () => {
    const explicit = { customers: 100, seed: 42, days: 120, end: new Date('2026-11-01T00:00:00Z') };
    expect(generateDemoArray({ customers: 100 })).toEqual(generateDemoArray(explicit));
    expect(DEMO_DEFAULTS.customers).toBe(2000);
  });

  it('streams lazily, one customer at a time', () => {
    const it = generateDemo({ customers: 10_000_000 });
    const first = it.next();
    expect(first.done).toBe(false);
    expect(customerOf(first.value as SegmentMessage)).toBe('0001');
    it.return(undefined);
  });

  it('tells each customer the same story whatever the number of customers', () => {
    const few = generateDemoArray({ customers: 40 });
    expect(generateDemoArray({ customers: 80 }).slice(0, few.length)).toEqual(few);
  });

  it('scales linearly with customers', () => {
    const small = generateDemoArray({ customers: 400 }).length;
    const large = generateDemoArray({ customers: 800 }).length;
    expect(large / small).toBeGreaterThan(1.8);
    expect(large / small).toBeLessThan(2.2);
  });

  it('produces 100k–200k messages for 2000 customers over 120 days', () => {
    expect(defaultDemo().length).toBeGreaterThan(100_000);
    expect(defaultDemo().length).toBeLessThan(200_000);
  });

  it('gives every message a unique messageId', () => {
    const ids = defaultDemo().map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every timestamp inside [end - days, end)', () => {
    const end = DEMO_DEFAULTS.end.getTime();
    const all = range(defaultDemo().map((m) => Date.parse(m.timestamp)));
    expect(all.min).toBeGreaterThanOrEqual(end - 120 * DAY);
    expect(all.max).toBeLessThan(end);

    const customEnd = new Date('2025-03-01T00:00:00Z');
    const custom = range(generateDemoArray({ customers: 200, days: 30, end: customEnd }).map((m) => Date.parse(m.timestamp)));
    expect(custom.min).toBeGreaterThanOrEqual(customEnd.getTime() - 30 * DAY);
    expect(custom.max).toBeLessThan(customEnd.getTime());
    // The window is used, not just respected: activity reaches both ends of it.
    expect(custom.max - custom.min).toBeGreaterThan(25 * DAY);
  });

  it('emits only valid Segment messages', () => {
    const invalid = defaultDemo().map((m) => ({ m, problems: segmentProblems(m) })).filter((x) => x.problems.length);
    expect(invalid.slice(0, 3)).toEqual([]);
  });

  it('catches malformed messages (the validator above is not vacuous)', () => {
    const ok = defaultDemo()[0];
    expect(segmentProblems(ok)).toEqual([]);
    expect(segmentProblems({ ...ok, type: 'track', event: '' })).toContain('track without event');
    expect(segmentProblems({ ...ok, userId: undefined, anonymousId: undefined })).toContain('neither userId nor anonymousId');
  });

  it('survives JSON round trips and stays under Segment’s 32 KB per-call limit', () => {
    for (const m of defaultDemo().filter((_, i) => i % 10 === 0)) {
      const json = JSON.stringify(m);
      expect(JSON.parse(json)).toEqual(m);
      expect(json.length).toBeLessThan(32 * 1024);
    }
  });

  it('rejects an empty window', () => {
    expect(() => generateDemoArray({ days: 0 })).toThrow(RangeError);
  });
});
