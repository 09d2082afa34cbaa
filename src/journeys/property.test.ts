import { describe, expect, it } from 'vitest';
import { jsonAt, numberOf, resolveProperty, textOf } from './property.ts';

describe('resolveProperty', () => {
  it('maps columns, timestamp, JSON paths, page shorthands and bare names', () => {
    expect(resolveProperty('channel')).toEqual({ kind: 'column', column: 'channel' });
    expect(resolveProperty('timestamp')).toEqual({ kind: 'timestamp' });
    expect(resolveProperty('properties.product.category')).toEqual({ kind: 'json', sources: [{ column: 'properties', path: ['product', 'category'] }] });
    expect(resolveProperty('context.page.path')).toEqual({ kind: 'json', sources: [{ column: 'context', path: ['page', 'path'] }] });
    expect(resolveProperty('path')).toEqual({ kind: 'json', sources: [{ column: 'properties', path: ['path'] }, { column: 'context', path: ['page', 'path'] }] });
    expect(resolveProperty('total')).toEqual({ kind: 'json', sources: [{ column: 'properties', path: ['total'] }] });
  });

  it('refuses names that could change a JSON path, and bare column names without a key', () => {
    expect(resolveProperty("properties.a'b")).toHaveProperty('error');
    expect(resolveProperty('properties.a"b')).toHaveProperty('error');
    expect(resolveProperty('properties..a')).toHaveProperty('error');
    expect(resolveProperty('properties')).toEqual({ error: '"properties" needs a key, e.g. "properties.plan"' });
    expect(resolveProperty('page.path')).toHaveProperty('error');
  });
});

describe('value coercions (the contract of dialect.jsonText / jsonNumber)', () => {
  it('text: strings as is, other JSON as JSON text, absent as null', () => {
    expect(textOf('a')).toBe('a');
    expect(textOf(5)).toBe('5');
    expect(textOf(true)).toBe('true');
    expect(textOf({ a: 1 })).toBe('{"a":1}');
    expect(textOf(null)).toBeNull();
  });

  it('number: JSON numbers and decimal strings only', () => {
    expect(numberOf(49.99)).toBe(49.99);
    expect(numberOf('49.99')).toBe(49.99);
    expect(numberOf(' -1e3 ')).toBe(-1000);
    expect(numberOf('.5')).toBe(0.5);
    expect(numberOf('12abc')).toBeNull();
    expect(numberOf('')).toBeNull();
    expect(numberOf(true)).toBeNull();
    expect(numberOf([1])).toBeNull();
  });

  it('jsonAt walks objects, never arrays', () => {
    expect(jsonAt({ a: { b: 2 } }, ['a', 'b'])).toBe(2);
    expect(jsonAt({ a: [10, 20] }, ['a', '0'])).toBeNull();
    expect(jsonAt({ a: null }, ['a'])).toBeNull();
    expect(jsonAt(null, ['a'])).toBeNull();
  });
});
