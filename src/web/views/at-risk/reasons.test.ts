import { describe, expect, it } from 'vitest';
import { reasonText } from './reasons.ts';

const STAGES = ['Pre-purchase', 'Purchase', 'Post-purchase'];

describe('reasonText', () => {
  it('names the furthest journey stage instead of its number', () => {
    expect(reasonText({ feature: 'stage', value: 1 }, STAGES)).toBe('Got no further than “Pre-purchase”');
    expect(reasonText({ feature: 'stage', value: 2 }, STAGES)).toBe('Got no further than “Purchase”');
    expect(reasonText({ feature: 'stage', value: 3 }, STAGES)).toBe('Reached “Post-purchase”');
    expect(reasonText({ feature: 'stage', value: 0 }, STAGES)).toBe('Never reached a journey stage');
  });

  it('falls back to the number while the journey is loading or has changed', () => {
    expect(reasonText({ feature: 'stage', value: 2 })).toBe('Got as far as journey stage 2');
    expect(reasonText({ feature: 'stage', value: 5 }, STAGES)).toBe('Got as far as journey stage 5');
  });

  it('words the other features', () => {
    expect(reasonText({ feature: 'late_deliveries', value: 1 })).toBe('1 late delivery');
    expect(reasonText({ feature: 'days_since_last_order', value: 365 })).toBe('Never ordered');
  });
});
