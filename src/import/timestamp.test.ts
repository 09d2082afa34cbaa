import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.ts';

const iso = (input: unknown) => {
  const t = parseTimestamp(input);
  return t.ok ? new Date(t.ms).toISOString() : null;
};

describe('parseTimestamp', () => {
  it('reads ISO 8601 with an offset, in any of its spellings', () => {
    expect(iso('2026-03-02T09:14:05Z')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso('2026-03-02T11:14:05+02:00')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso('2026-03-02T11:14:05+0200')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso('2026-03-02 04:14:05.250-05')).toBe('2026-03-02T09:14:05.250Z');
  });

  it('reads dates and offset-less date-times as UTC, whatever the machine\'s time zone', () => {
    expect(iso('2026-03-02')).toBe('2026-03-02T00:00:00.000Z');
    expect(iso('2026-03-02 09:14')).toBe('2026-03-02T09:14:00.000Z');
    expect(iso('2026-03-02 09:14:05')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso('2026-03-02T09:14:05.5')).toBe('2026-03-02T09:14:05.500Z');
  });

  it('reads epoch seconds and milliseconds, as text or numbers', () => {
    expect(iso('1772442845')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso('1772442845.5')).toBe('2026-03-02T09:14:05.500Z');
    expect(iso('1772442845000')).toBe('2026-03-02T09:14:05.000Z');
    expect(iso(1772442845)).toBe('2026-03-02T09:14:05.000Z');
    expect(iso(1772442845000)).toBe('2026-03-02T09:14:05.000Z');
  });

  it('refuses what it would have to guess: impossible dates, day/month order, words, compact dates', () => {
    for (const bad of ['2026-02-31', '2026-13-01', '2026-03-02 24:00:00', '31/03/2026', '03/31/2026', 'yesterday', '20260302', '', true, null]) {
      expect(parseTimestamp(bad).ok, String(bad)).toBe(false);
    }
  });
});
