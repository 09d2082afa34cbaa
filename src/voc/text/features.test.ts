import { describe, expect, it } from 'vitest';
import { featureHashes, hash32 } from './features.ts';
import { textTokens } from './normalize.ts';

const negators = new Set(['not']);

describe('featureHashes', () => {
  it('marks words after a negator and adds word pairs and character n-grams', () => {
    const f = featureHashes(textTokens('not cheap here'), negators);
    expect(f).toContain(hash32('w not'));
    expect(f).toContain(hash32('w !cheap'));
    expect(f).toContain(hash32('b not cheap'));
    expect(f).toContain(hash32('c che'));
    expect(f).not.toContain(hash32('w cheap'));
  });
});
