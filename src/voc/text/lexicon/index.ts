/**
 * The hand-written lexicons, one per language, compiled on first use. Each also gets the universal
 * emoji and emoticon entries.
 */
import { compileLexicon, type CompiledLexicon } from './scorer.ts';
import type { LexiconSpec } from './types.ts';
import { UNIVERSAL } from './universal.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { he } from './he.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import { tr } from './tr.ts';
import { zh } from './zh.ts';

const SPECS: Record<string, LexiconSpec> = { de, en, es, fr, he, pl, pt, tr, zh };
export const LEXICON_LANGUAGES: readonly string[] = Object.keys(SPECS).sort();

const compiled = new Map<string, CompiledLexicon>();
const universalOnly = compileLexicon({ ...UNIVERSAL, negators: '' });

const join = (a: string | undefined, b: string) => (a ? `${a},\n${b}` : b);

/** The compiled lexicon of a language; emoji only for languages without one. */
export function lexiconFor(language: string): CompiledLexicon {
  let lex = compiled.get(language);
  if (!lex) {
    const spec = SPECS[language];
    if (!spec) return universalOnly;
    lex = compileLexicon({
      ...spec,
      positive: join(spec.positive, UNIVERSAL.positive),
      strongPositive: join(spec.strongPositive, UNIVERSAL.strongPositive),
      negative: join(spec.negative, UNIVERSAL.negative),
      strongNegative: join(spec.strongNegative, UNIVERSAL.strongNegative),
    }, language);
    compiled.set(language, lex);
  }
  return lex;
}
