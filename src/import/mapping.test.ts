import { describe, expect, it } from 'vitest';
import { defaultType, parseMapFile, parseMapSpec } from './mapping.ts';

describe('parseMapSpec', () => {
  it('reads columns, constants and type suffixes for every kind of target', () => {
    const m = parseMapSpec('userId=Customer ID, event=:Call Completed,channel=:phone,properties.duration_s=Duration:number,'
      + 'traits.vip=VIP:boolean,context.locale=Locale,properties.called_at=Call Date:date,timestamp=When');
    expect(m.map((x) => [x.label, x.target, x.source, x.valueType])).toEqual([
      ['userId', { kind: 'field', field: 'userId' }, { kind: 'column', column: 'Customer ID' }, undefined],
      ['event', { kind: 'field', field: 'event' }, { kind: 'constant', value: 'Call Completed' }, undefined],
      ['channel', { kind: 'field', field: 'channel' }, { kind: 'constant', value: 'phone' }, undefined],
      ['properties.duration_s', { kind: 'nested', root: 'properties', path: ['duration_s'] }, { kind: 'column', column: 'Duration' }, 'number'],
      ['traits.vip', { kind: 'nested', root: 'traits', path: ['vip'] }, { kind: 'column', column: 'VIP' }, 'boolean'],
      ['context.locale', { kind: 'nested', root: 'context', path: ['locale'] }, { kind: 'column', column: 'Locale' }, undefined],
      ['properties.called_at', { kind: 'nested', root: 'properties', path: ['called_at'] }, { kind: 'column', column: 'Call Date' }, 'date'],
      ['timestamp', { kind: 'field', field: 'timestamp' }, { kind: 'column', column: 'When' }, undefined],
    ]);
  });

  it('keeps colons inside names, escapes commas, adds up repeated --map flags, treats context.channel as channel', () => {
    const m = parseMapSpec(['properties.note=Note: internal', 'event=:Visit\\, in store', 'context.channel=:store', 'properties.n=:42:number']);
    expect(m.map((x) => [x.label, x.source, x.valueType])).toEqual([
      ['properties.note', { kind: 'column', column: 'Note: internal' }, undefined],
      ['event', { kind: 'constant', value: 'Visit, in store' }, undefined],
      ['context.channel', { kind: 'constant', value: 'store' }, undefined],
      ['properties.n', { kind: 'constant', value: '42' }, 'number'],
    ]);
    expect(m[2].target).toEqual({ kind: 'field', field: 'channel' });
  });

  it('explains mistakes', () => {
    expect(() => parseMapSpec('user=Customer ID')).toThrow(/Unknown map target "user"/);
    expect(() => parseMapSpec('properties.=X')).toThrow(/Unknown map target/);
    expect(() => parseMapSpec('userId')).toThrow(/target=Column/);
    expect(() => parseMapSpec('userId=A,userId=B')).toThrow(/userId is mapped twice/);
    expect(() => parseMapSpec('channel=:phone,context.channel=:store')).toThrow(/channel is mapped twice/);
  });
});

describe('parseMapFile', () => {
  it('accepts the mini-syntax and spelled-out sources, constants of any JSON scalar type', () => {
    const m = parseMapFile({ userId: 'Customer ID', event: { value: 'Call Completed' }, 'properties.duration_s': { column: 'Duration', type: 'number' }, 'properties.priority': { value: 2 } });
    expect(m.map((x) => [x.label, x.source, x.valueType])).toEqual([
      ['userId', { kind: 'column', column: 'Customer ID' }, undefined],
      ['event', { kind: 'constant', value: 'Call Completed' }, undefined],
      ['properties.duration_s', { kind: 'column', column: 'Duration' }, 'number'],
      ['properties.priority', { kind: 'constant', value: 2 }, undefined],
    ]);
  });

  it('refuses shapes it does not understand', () => {
    expect(() => parseMapFile([], 'm.json')).toThrow(/m.json must hold a JSON object/);
    expect(() => parseMapFile({ userId: { col: 'x' } }, 'm.json')).toThrow(/"userId" should be/);
    expect(() => parseMapFile({ userId: { column: 'x', type: 'int' } })).toThrow(/type must be one of/);
  });
});

describe('defaultType', () => {
  it('is track, or identify when only traits are mapped (as Segment)', () => {
    expect(defaultType(parseMapSpec('userId=a,event=:E'))).toBe('track');
    expect(defaultType(parseMapSpec('userId=a,traits.email=b'))).toBe('identify');
    expect(defaultType(parseMapSpec('userId=a,event=:E,traits.email=b'))).toBe('track');
  });
});
