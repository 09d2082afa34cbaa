import { describe, expect, it } from 'vitest';
import { SubmitBatcher } from './submit-batcher.ts';
import type { ResponseInput } from './responses.ts';

const input = (userId: string, responseId?: string): ResponseInput => ({ surveyId: 's', userId, answers: {}, responseId });

describe('SubmitBatcher (group commit)', () => {
  it('stores a lone submission at once and the ones that arrive meanwhile together in the next batch', async () => {
    const batches: string[][] = [];
    const b = new SubmitBatcher(async (_key, inputs) => {
      batches.push(inputs.map((i) => i.userId!));
      await new Promise((r) => setTimeout(r, 5));
      return inputs.map((i) => ({ responseId: `r-${i.userId}`, complete: true, customerId: i.userId! }));
    });
    const all = await Promise.all(['a', 'b', 'c', 'd'].map((u) => b.submit('k', input(u))));
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    expect(all.map((r) => r.responseId)).toEqual(['r-a', 'r-b', 'r-c', 'r-d']);
  });

  it('keeps queues apart per key, sends a resent response id in a later batch, and fails only the bad item', async () => {
    const batches: string[][] = [];
    const b = new SubmitBatcher(async (key, inputs) => {
      batches.push(inputs.map((i) => `${key}:${i.userId}`));
      if (inputs.some((i) => i.userId === 'bad')) throw new Error('already submitted');
      return inputs.map((i) => ({ responseId: i.responseId ?? 'x', complete: true, customerId: null }));
    });
    const results = await Promise.allSettled([
      b.submit('k1', input('a')), b.submit('k1', input('b', 'resp-1')), b.submit('k1', input('c', 'resp-1')), b.submit('k1', input('bad')), b.submit('k2', input('z')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    // k1: 'a' alone; then b and bad together (c waits: same response id as b), which fails, so each is retried alone; then c.
    expect(batches).toEqual([['k1:a'], ['k2:z'], ['k1:b', 'k1:bad'], ['k1:b'], ['k1:bad'], ['k1:c']]);
  });

  it('under load, waits a moment so that responses arriving a few ms apart share one batch; alone, it does not wait', async () => {
    const batches: string[][] = [];
    const b = new SubmitBatcher(async (_key, inputs) => {
      batches.push(inputs.map((i) => i.userId!));
      return inputs.map((i) => ({ responseId: `r-${i.userId}`, complete: true, customerId: i.userId! }));
    }, { lingerMs: 30, busyWindowMs: 1000 });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const t0 = performance.now();
    await b.submit('k', input('a'));
    expect(performance.now() - t0).toBeLessThan(25); // the first one, with no batch before it, went at once
    const second = b.submit('k', input('b')); // a batch just ran: this one waits 30 ms for company
    await sleep(10);
    const third = b.submit('k', input('c'));
    await Promise.all([second, third]);
    expect(batches).toEqual([['a'], ['b', 'c']]);
    const lone = new SubmitBatcher(async (_key, inputs) => {
      batches.push(inputs.map((i) => `lone:${i.userId}`));
      return inputs.map((i) => ({ responseId: `r-${i.userId}`, complete: true, customerId: null }));
    }, { lingerMs: 0, busyWindowMs: 1000 });
    await lone.submit('k', input('x'));
    const y = lone.submit('k', input('y'));
    await sleep(10);
    await Promise.all([y, lone.submit('k', input('z'))]);
    expect(batches.slice(2)).toEqual([['lone:x'], ['lone:y'], ['lone:z']]);
  });
});
