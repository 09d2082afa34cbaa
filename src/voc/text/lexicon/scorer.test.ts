import { describe, expect, it } from 'vitest';
import { textTokens } from '../normalize.ts';
import { lexiconFor } from './index.ts';
import { compileLexicon, scoreTokens } from './scorer.ts';

const score = (lang: string, text: string) => scoreTokens(lexiconFor(lang), textTokens(text, lang)).sum;

describe('lexicon scorer', () => {
  const tiny = compileLexicon({
    positive: 'good, recommend*', negative: 'slow', strongNegative: 'waste of time',
    negators: 'not', intensifiers: 'very', contrast: 'but', neutral: 'good morning',
  });
  const s = (text: string) => scoreTokens(tiny, textTokens(text));

  it('adds word values, stems match inflections, phrases win over their words', () => {
    expect(s('good').sum).toBe(1);
    expect(s('I recommended it').sum).toBe(1);
    // Negative expressions weigh 1.5 (SO-CAL).
    expect(s('a waste of time').sum).toBe(-3);
    expect(s('good morning').hits).toBe(0);
  });

  it('negation flips and weakens; a clause break ends it', () => {
    expect(s('not good').sum).toBeCloseTo(-0.8 * 1.5);
    expect(s('not very good').sum).toBeCloseTo(-1.2 * 1.5);
    expect(s('not slow').sum).toBeCloseTo(0.8);
    expect(s('not now').negations).toBe(1);
    expect(s('not now, good').sum).toBe(1);
  });

  it('what follows "but" weighs more', () => {
    expect(s('good but slow').sum).toBeLessThan(0);
  });

  it('Turkish: negative verb suffix and değil flip; text without ı, ş, ğ matches', () => {
    expect(score('tr', 'beğendim')).toBeGreaterThan(0);
    expect(score('tr', 'beğenmedim')).toBeLessThan(0);
    expect(score('tr', 'hic begenmedim')).toBeLessThan(0);
    expect(score('tr', 'iyi değil')).toBeLessThan(0);
    expect(score('tr', 'başarısız')).toBeLessThan(0);
    expect(score('tr', 'başarılı')).toBeGreaterThan(0);
  });

  it('Chinese: longest match by character, so 不错 is praise and 不好 is not', () => {
    expect(score('zh', '不错')).toBeGreaterThan(0);
    expect(score('zh', '不好')).toBeLessThan(0);
    expect(score('zh', '不是很好吃')).toBeLessThan(0);
    expect(score('zh', '好慢')).toBeLessThan(0);
    expect(score('zh', '美团')).toBe(0);
  });

  it('Hebrew: glued prefixes are stripped', () => {
    expect(score('he', 'והשירות גרוע')).toBeLessThan(0);
    expect(score('he', 'ומעולה')).toBeGreaterThan(0);
  });

  it('Polish: "nie" glued to a word negates it', () => {
    expect(score('pl', 'niemiły')).toBeLessThan(0);
    expect(score('pl', 'niezły')).toBeGreaterThan(0);
    expect(score('pl', 'niedziela')).toBe(0);
  });

  it('Turkish: a negated verb outside the lexicon counts as a bare negation', () => {
    expect(scoreTokens(lexiconFor('tr'), textTokens('kargo gelmedi')).negations).toBe(1);
    expect(scoreTokens(lexiconFor('tr'), textTokens('bir komedi')).negations).toBe(0);
  });

  it('Polish: a negated action reads as a complaint', () => {
    expect(score('pl', 'Lekarz nie zbadał mnie')).toBeLessThan(0);
    expect(score('pl', 'Nie było mnie w domu')).toBe(0);
    expect(score('pl', 'nie było kolejki')).toBeGreaterThan(0);
  });

  it('Polish: inflected forms match by ending, "naj-"/"prze-" intensify', () => {
    const tinyPl = compileLexicon({ positive: 'mily, milsz*', negative: 'drogo', neutral: 'droga', negators: 'nie',
      endings: 'a, e, y, ych, emu', gluedIntensifiers: 'naj, prze' });
    const p = (text: string) => scoreTokens(tinyPl, textTokens(text)).sum;
    expect(p('milych ludzi')).toBe(1);
    expect(p('milemu panu')).toBe(1);
    expect(p('drogie')).toBe(0); // the neutral "droga" is listed first
    expect(p('najmilszy')).toBe(1.5);
    expect(p('przemily')).toBe(1.5);
    expect(p('nie najmilszy')).toBeLessThan(0);
    expect(score('pl', 'Odradzamy tę przychodnię')).toBeLessThan(0);
    expect(score('pl', 'Bardzo miłych lekarzy')).toBeGreaterThan(0);
  });

  it('English: "like" as a preposition and "can\'t wait" are not sentiment words gone wrong', () => {
    expect(score('en', 'It looks like rain')).toBe(0);
    expect(score('en', 'I like it')).toBeGreaterThan(0);
    expect(score('en', "Can't wait for the weekend")).toBeGreaterThan(0);
    expect(score('en', 'We had to wait an hour')).toBeLessThan(0);
  });

  it('emoji count in every language', () => {
    expect(score('xx', '👍')).toBeGreaterThan(0);
    expect(score('pl', '😡')).toBeLessThan(0);
  });
});
