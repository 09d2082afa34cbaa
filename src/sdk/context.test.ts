import { describe, expect, it } from 'vitest';
import { campaign } from './context.ts';
import { uuid } from './uuid.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('campaign', () => {
  it('maps utm_* parameters to Segment campaign fields', () => {
    expect(campaign('?utm_source=news&utm_medium=email&utm_campaign=spring&utm_term=shoes&utm_content=hero&x=1')).toEqual({
      source: 'news',
      medium: 'email',
      name: 'spring',
      term: 'shoes',
      content: 'hero',
    });
  });

  it('is absent without utm parameters', () => {
    expect(campaign('?page=2')).toBeUndefined();
    expect(campaign('')).toBeUndefined();
  });
});

describe('uuid', () => {
  it('uses crypto.randomUUID when the page is a secure context', () => {
    expect(uuid({ randomUUID: () => '00000000-0000-4000-8000-000000000000' })).toBe('00000000-0000-4000-8000-000000000000');
  });

  it('falls back to getRandomValues, then Math.random, keeping the v4 layout', () => {
    const viaRandomValues = uuid({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => a });
    expect(viaRandomValues).toBe('00000000-0000-4000-8000-000000000000');
    const ids = new Set(Array.from({ length: 50 }, () => uuid({})));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
