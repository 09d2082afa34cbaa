import { describe, expect, it } from 'vitest';
import type { Json } from '../ingest/event.ts';
import { mapRow, type MapContext, type RowInput } from './map-row.ts';
import { defaultType, parseMapSpec } from './mapping.ts';

const NOW = Date.parse('2026-06-01T00:00:00Z');

/** A CSV row as the reader gives it: cells by header name. */
function csvRow(cells: Record<string, string>): RowInput {
  return { get: (c) => cells[c], content: JSON.stringify(Object.values(cells)) };
}

function map(spec: string, cells: Record<string, string>, ctx: Partial<MapContext> = {}) {
  const mapping = parseMapSpec(spec);
  return mapRow(csvRow(cells), mapping, { fileName: '/data/calls.csv', now: NOW, defaultType: defaultType(mapping), ...ctx });
}

const ok = (r: ReturnType<typeof map>): Json => {
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r.message;
};

describe('mapRow', () => {
  const CALL = { 'Customer ID': 'cust-1', 'Call Date': '2026-03-02 09:14:05', Reason: 'Where is my order', Duration: '312', Resolved: 'Yes', Tier: 'gold' };
  const SPEC = 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,'
    + 'properties.reason=Reason,properties.duration_s=Duration:number,properties.resolved=Resolved:boolean,'
    + 'context.traits.tier=Tier,properties.call.date=Call Date:date';

  it('builds a Segment track message: fields, nested properties/context, constants, converted types, UTC time', () => {
    expect(ok(map(SPEC, CALL))).toEqual({
      type: 'track', userId: 'cust-1', event: 'Call Completed', timestamp: '2026-03-02T09:14:05.000Z',
      context: { channel: 'phone', traits: { tier: 'gold' } },
      properties: { reason: 'Where is my order', duration_s: 312, resolved: true, call: { date: '2026-03-02T09:14:05.000Z' } },
      messageId: expect.stringMatching(/^import-[0-9a-f]{32}$/),
    });
  });

  it('maps the remaining targets: type, anonymousId, messageId, name, traits', () => {
    const m = ok(map('type=Kind,anonymousId=Device,messageId=Ticket,name=Screen,traits.email=Mail', { Kind: 'PAGE', Device: 'd-9', Ticket: 'T-1', Screen: 'Store locator', Mail: 'a@example.com' }));
    expect(m).toEqual({ type: 'page', anonymousId: 'd-9', messageId: 'T-1', name: 'Store locator', traits: { email: 'a@example.com' } });
    expect(ok(map('userId=Id,traits.plan=Plan', { Id: 'u', Plan: 'pro' })).type).toBe('identify');
  });

  it('leaves empty cells out instead of sending empty strings', () => {
    const m = ok(map('userId=Id,event=:E,properties.order_id=Order,properties.n=N:number', { Id: 'u', Order: '  ', N: '' }));
    expect(m.properties).toBeUndefined();
  });

  it('derives the same messageId for the same file name and row, wherever the file lives', () => {
    const a = ok(map('userId=Id,event=:E', { Id: 'u', X: '1' }));
    const b = ok(map('userId=Id,event=:E', { Id: 'u', X: '1' }, { fileName: '/elsewhere/calls.csv' }));
    const c = ok(map('userId=Id,event=:E', { Id: 'u', X: '2' }));
    const d = ok(map('userId=Id,event=:E', { Id: 'u', X: '1' }, { fileName: 'other.csv' }));
    expect(a.messageId).toBe(b.messageId);
    expect(new Set([a.messageId, c.messageId, d.messageId]).size).toBe(3);
  });

  it('rejects a row with a reason that names the column, and the offending value apart (so reasons group)', () => {
    const SPEC = 'userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,'
      + 'properties.duration_s=Duration:number,properties.resolved=Resolved:boolean';
    expect(map(SPEC, { ...CALL, 'Call Date': '31/02/2026' })).toEqual({
      ok: false, value: '31/02/2026',
      reason: 'timestamp (column "Call Date") is not a date; use ISO 8601, YYYY-MM-DD, YYYY-MM-DD HH:mm:ss (UTC) or epoch seconds/ms',
    });
    expect(map(SPEC, { ...CALL, 'Call Date': '2026-06-03' })).toMatchObject({ ok: false, reason: 'timestamp (column "Call Date") is more than 24 hours in the future' });
    expect(map(SPEC, { ...CALL, 'Call Date': '1999-12-31' })).toMatchObject({ ok: false, reason: 'timestamp (column "Call Date") is before the year 2000' });
    expect(map(SPEC, { ...CALL, Duration: '5 min' })).toEqual({ ok: false, reason: 'properties.duration_s (column "Duration") is not a number', value: '5 min' });
    expect(map(SPEC, { ...CALL, Resolved: 'maybe' })).toMatchObject({ ok: false, reason: 'properties.resolved (column "Resolved") is not a boolean (true/false, yes/no, 1/0)' });
    expect(map(SPEC, { ...CALL, 'Customer ID': '' })).toEqual({ ok: false, reason: 'userId or anonymousId is required (column "Customer ID" is empty)' });
    expect(map('userId=Id,event=Ev', { Id: 'u', Ev: '' })).toEqual({ ok: false, reason: 'event is required for track calls (column "Ev" is empty)' });
    expect(map('userId=Id,event=:E,channel=Ch', { Id: 'u', Ch: 'fax' })).toMatchObject({ ok: false, value: 'fax', reason: expect.stringMatching(/^channel \(column "Ch"\) must be one of web, app, email/) });
    expect(map('userId=Id,event=:E,type=T', { Id: 'u', T: 'shout' })).toMatchObject({ ok: false, reason: expect.stringMatching(/^type \(column "T"\) must be one of track/) });
  });

  it('normalises channel spelling (Phone → phone)', () => {
    expect(ok(map('userId=Id,event=:E,channel=Ch', { Id: 'u', Ch: ' Phone ' })).context).toEqual({ channel: 'phone' });
  });
});

describe('mapRow on NDJSON lines', () => {
  const line = (obj: Json): RowInput => ({ get: (c) => c.split('.').reduce<unknown>((o, k) => (o as Json | undefined)?.[k], obj), base: obj, content: JSON.stringify(obj) });
  const ctx: MapContext = { fileName: 'purchases.ndjson', now: NOW };

  it('passes a Segment message through, adding type, a derived messageId and a UTC timestamp', () => {
    const r = mapRow(line({ event: 'Order Completed', userId: 'c1', timestamp: '2026-03-01 11:20:00', properties: { total: 10 } }), [], ctx);
    expect(r).toEqual({ ok: true, message: { type: 'track', event: 'Order Completed', userId: 'c1', timestamp: '2026-03-01T11:20:00.000Z', properties: { total: 10 }, messageId: expect.stringMatching(/^import-/) } });
  });

  it('renames fields of other shapes with --map, keeping JSON types', () => {
    const r = mapRow(line({ customer: 'c2', at: 1772442845, order: { id: 'S-1', total: 99.5 } }),
      parseMapSpec('userId=customer,timestamp=at,event=:Order Completed,channel=:store,properties.order_id=order.id,properties.total=order.total'), ctx);
    expect(r.ok && r.message).toMatchObject({ type: 'track', userId: 'c2', event: 'Order Completed', timestamp: '2026-03-02T09:14:05.000Z', context: { channel: 'store' }, properties: { order_id: 'S-1', total: 99.5 } });
  });
});
