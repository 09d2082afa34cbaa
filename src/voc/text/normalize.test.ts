import { describe, expect, it } from 'vitest';
import { analyzeText } from './analyze.ts';
import { lexiconFor } from './lexicon/index.ts';
import { scoreTokens } from './lexicon/scorer.ts';
import { foldText, textTokens } from './normalize.ts';
import { sentimentOfTokens } from './sentiment.ts';

// Hand-written for these tests; none comes from a data set.
const SAMPLES = [
  'Schön, FÜR Ärger und Öl: Straße, Grüße!',
  'Ürün güzel, çok memnun kaldım; kargo hızlı gelmedi ama İyİ.',
  'Bardzo miła obsługa, źle zapakowane, łatwo.',
  'Crème brûlée à l’hôtel, où naïve Zoë a dîné… &lt;3 :((( https://x.y @anna',
  'Canción pingüino, ação não, perché così',
  'השירות היה מעולה, ממליץ בחום',
  'أحببت المنتج جدا',
  '送餐很快，味道很好',
  'A\u0308rger (decomposed) and ＦＵＬＬ width',
];
const OTHERS = [undefined, 'en', 'tr', 'pl', 'fr', 'es', 'pt', 'it', 'he', 'ar', 'zh', 'und', 'nl'];

describe('language-aware folding', () => {
  it('folds every language but German exactly as without a language (Turkish keeps ü → u)', () => {
    for (const text of SAMPLES) {
      const base = textTokens(text);
      for (const lang of OTHERS) expect(textTokens(text, lang)).toEqual(base);
    }
    // Every Latin letter with a mark, one by one.
    for (let c = 0xc0; c <= 0x24f; c++) {
      const ch = String.fromCharCode(c);
      for (const lang of OTHERS) expect(foldText(ch, lang)).toBe(foldText(ch));
    }
    expect(foldText('Schön für Ärger, güzel, Öl, Straße', 'tr')).toBe('schon fur arger, guzel, ol, strasse');
  });

  it('German spells ä, ö, ü out as ae, oe, ue, upper case and decomposed too; other marks as before', () => {
    expect(foldText('Schön für Ärger, ÜBER Öl, Straße', 'de')).toBe('schoen fuer aerger, ueber oel, strasse');
    expect(foldText('A\u0308rger', 'de')).toBe('aerger');
    expect(foldText('Café à la crème', 'de')).toBe(foldText('Café à la crème'));
    expect(textTokens('Schön', 'de')).toEqual(textTokens('schoen', 'de'));
    expect(textTokens('schön', 'de')).not.toEqual(textTokens('schon', 'de'));
  });

  it('German "schön" and "schoen" read as positive, "schon" (already) does not', () => {
    const de = lexiconFor('de');
    for (const text of ['Das ist schön', 'Das ist schoen', 'Das ist SCHÖN']) {
      expect(scoreTokens(de, textTokens(text, 'de')).sum).toBeGreaterThan(0);
      expect(sentimentOfTokens('de', textTokens(text, 'de')).label).toBe('positive');
    }
    const schon = scoreTokens(de, textTokens('Das Paket ist schon da', 'de'));
    expect(schon.hits).toBe(0);
    // Entries written with umlauts match both spellings of the text, and no longer the umlaut-less word.
    expect(scoreTokens(de, textTokens('Die Lieferung war ueberteuert', 'de')).sum).toBeLessThan(0);
    expect(scoreTokens(de, textTokens('Die Lieferung war überteuert', 'de')).sum).toBeLessThan(0);
  });

  it('analyzeText folds after choosing the language: German themes and sentiment with or without umlauts', () => {
    for (const text of ['Die Qualität ist schön und die Rücksendung war problemlos.', 'Die Qualitaet ist schoen und die Ruecksendung war problemlos.']) {
      const r = analyzeText(text, { hint: 'de' });
      expect(r.language).toBe('de');
      expect(r.sentiment.label).toBe('positive');
      expect(r.themes.map((t) => t.id)).toEqual(['returns', 'product']);
    }
  });
});
