import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.u32());

describe('Rng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(draw(new Rng(42, 7), 100)).toEqual(draw(new Rng(42, 7), 100));
  });

  it('gives different sequences for neighbouring seeds and streams', () => {
    const base = draw(new Rng(42, 7), 20);
    expect(draw(new Rng(43, 7), 20)).not.toEqual(base);
    expect(draw(new Rng(42, 8), 20)).not.toEqual(base);
    // Swapping seed and stream must not collide either.
    expect(draw(new Rng(7, 42), 20)).not.toEqual(base);
  });

  it('keeps next() in [0, 1) with a mean near 0.5', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('int() covers both bounds and nothing outside', () => {
    const rng = new Rng(2);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('weighted() follows the weights', () => {
    const rng = new Rng(3);
    let a = 0;
    for (let i = 0; i < 20_000; i++) if (rng.weighted({ a: 3, b: 1 }) === 'a') a++;
    expect(a / 20_000).toBeGreaterThan(0.73);
    expect(a / 20_000).toBeLessThan(0.77);
  });

  it('logNormal() is centred on its median', () => {
    const rng = new Rng(4);
    const xs = Array.from({ length: 10_001 }, () => rng.logNormal(800, 0.5)).sort((x, y) => x - y);
    expect(xs[5000]).toBeGreaterThan(760);
    expect(xs[5000]).toBeLessThan(840);
  });

  it('uuid() looks like a version-4 UUID and does not repeat', () => {
    const rng = new Rng(5);
    const ids = Array.from({ length: 5000 }, () => rng.uuid());
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
