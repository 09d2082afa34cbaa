import { describe, expect, it } from 'vitest';
import { decodeFunnel, emptyStep, encodeFunnel, fitExclusions, funnelRequest, isComplete, type FunnelDef } from './definition.ts';

const def: FunnelDef = {
  steps: [emptyStep('Product Viewed'), emptyStep('Product Added'), emptyStep('Order Completed')],
  window: '7d', order: 'ordered', breakdown: '', exclusions: [{ event: 'Support Chat Started', fromStep: 1, toStep: 2 }],
};
const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' };

describe('funnel exclusions in the builder definition', () => {
  it('survive the address and go to the API 0-based as chosen', () => {
    expect(decodeFunnel(encodeFunnel(def))).toEqual(def);
    expect(funnelRequest(def, range).exclusions).toEqual([{ event: 'Support Chat Started', fromStep: 1, toStep: 2 }]);
    expect(funnelRequest({ ...def, exclusions: [] }, range)).not.toHaveProperty('exclusions');
  });

  it('an old link without exclusions still reads', () => {
    expect(decodeFunnel(JSON.stringify({ steps: def.steps, window: '1d' }))?.exclusions).toEqual([]);
  });

  it('an exclusion without an event, or with an empty step range, is not ready to run', () => {
    expect(isComplete(def)).toBe(true);
    expect(isComplete({ ...def, exclusions: [{ event: '', fromStep: 0, toStep: 1 }] })).toBe(false);
    expect(isComplete({ ...def, exclusions: [{ event: 'X', fromStep: 2, toStep: 2 }] })).toBe(false);
  });

  it('removing the last step pulls exclusions back into range and drops empty ones', () => {
    expect(fitExclusions([{ event: 'A', fromStep: 0, toStep: 2 }, { event: 'B', fromStep: 1, toStep: 2 }], 2))
      .toEqual([{ event: 'A', fromStep: 0, toStep: 1 }]);
  });
});
