import { describe, expect, it } from 'vitest';
import { HEALTH_THRESHOLDS, touchpointHealth } from './health.ts';

const base = { conversion: 0.5, stageConversion: 0.5, inStage: 100, frictionRate: 0, events: 100 };

describe('touchpointHealth', () => {
  it('judges conversion relative to the stage average', () => {
    expect(touchpointHealth(base)).toBe('good');
    expect(touchpointHealth({ ...base, conversion: 0.45 })).toBe('good'); // 90 % of the stage
    expect(touchpointHealth({ ...base, conversion: 0.44 })).toBe('warning');
    expect(touchpointHealth({ ...base, conversion: 0.375 })).toBe('warning'); // 75 %
    expect(touchpointHealth({ ...base, conversion: 0.37 })).toBe('bad');
  });

  it('judges friction per event of the touchpoint', () => {
    expect(touchpointHealth({ ...base, frictionRate: 0.099 })).toBe('good');
    expect(touchpointHealth({ ...base, frictionRate: 0.1 })).toBe('warning');
    expect(touchpointHealth({ ...base, frictionRate: 0.25 })).toBe('bad');
  });

  it('takes the worse of the two', () => {
    expect(touchpointHealth({ ...base, conversion: 0.44, frictionRate: 0.3 })).toBe('bad');
    expect(touchpointHealth({ ...base, conversion: 0.3, frictionRate: 0.12 })).toBe('bad');
  });

  it('needs a minimum sample, and has no conversion judgement in the last stage', () => {
    const few = HEALTH_THRESHOLDS.minSample - 1;
    expect(touchpointHealth({ ...base, conversion: 0, inStage: few })).toBe('good');
    expect(touchpointHealth({ ...base, frictionRate: 1, events: few })).toBe('good');
    expect(touchpointHealth({ ...base, conversion: null, stageConversion: null })).toBe('good');
    expect(touchpointHealth({ ...base, conversion: 0, stageConversion: 0 })).toBe('good');
  });
});
