import { describe, expect, it } from 'vitest';
import { DedupIndex, hashId } from './dedup-index.ts';

describe('DedupIndex', () => {
  it('matches a Map in insertion order through adds, evictions, trims and rollbacks', () => {
    const index = new DedupIndex(500);
    const model = new Map<string, number>();
    const h = new Int32Array(2);
    const key = (n: number) => { hashId('ws', 'm' + n, h); return `${h[0]}:${h[1]}`; };
    let seed = 7;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let time = 0;
    for (let round = 0; round < 400; round++) {
      const n = 1 + Math.floor(rand() * 60);
      const group: string[] = [];
      for (let i = 0; i < n; i++) {
        const id = Math.floor(rand() * 3000);
        const k = key(id);
        if (index.find(h[0], h[1]) >= 0) { expect(model.has(k) || group.includes(k)).toBe(true); continue; }
        expect(model.has(k) || group.includes(k)).toBe(false);
        index.add(h[0], h[1], 0);
        group.push(k);
      }
      time += 10;
      if (rand() < 0.2) { index.dropNewest(group.length); continue; }
      index.stampNewest(group.length, time);
      for (const k of group) model.set(k, time);
      // The model as the old writer: oldest out while over the limit or older than the window.
      for (const [k, t] of model) {
        if (model.size <= 400 && t > time - 1500) break;
        model.delete(k);
      }
      index.trim(400, time - 1500);
      expect(index.size).toBe(model.size);
      for (let id = 0; id < 3000; id += 7) {
        const k = key(id);
        expect(index.find(h[0], h[1]) >= 0).toBe(model.has(k));
      }
    }
  });

  it('hashes workspace and messageId apart', () => {
    const a = new Int32Array(2);
    const b = new Int32Array(2);
    hashId('ws1', 'abc', a);
    hashId('ws', '1abc', b);
    expect([...a]).not.toEqual([...b]);
  });
});
