import { describe, expect, it } from 'vitest';
import { textTokens } from '../normalize.ts';
import { he } from './he.ts';
import { lexiconFor } from './index.ts';
import { scoreTokens } from './scorer.ts';

const score = (text: string) => scoreTokens(lexiconFor('he'), textTokens(text, 'he')).sum;

describe('Hebrew lexicon', () => {
  it('stems written with a final letter also match forms where that letter is medial', () => {
    // מקסים* (charming) → מקסימה, נעים* (pleasant) → נעימה, טעים* (tasty) → טעימות, with a glued ו.
    expect(score('מקסים')).toBeGreaterThan(0);
    expect(score('מקסימה')).toBeGreaterThan(0);
    expect(score('ונעימה')).toBeGreaterThan(0);
    expect(score('טעימות')).toBeGreaterThan(0);
    expect(score('מלוכלכת')).toBeLessThan(0);
    // A neutral stem keeps its medial form neutral too: מאמינה (she believes) is not מ + אמינה (reliable).
    expect(score('מאמינה')).toBe(0);
    expect(he.positive).toContain('מקסימ*');
  });
});
