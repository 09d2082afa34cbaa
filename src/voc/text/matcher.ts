/**
 * Longest-match lookup of hand-written word lists over folded tokens, shared by the sentiment
 * lexicons and the theme keywords. An entry is one or more words; `word*` matches any word starting
 * with `word` (inflection, Turkish suffixes), `word~` the same but marks a verb stem; CJK entries
 * match one character per token, so no word segmentation is needed.
 */
import { foldText, tokenize } from './normalize.ts';

export interface Part {
  text: string;
  stem: boolean;
}

export interface Entry<T> {
  parts: Part[];
  value: T;
  /** Written as `stem~`: a verb stem whose suffix may negate it. */
  verb: boolean;
}

export interface Match<T> {
  entry: Entry<T>;
  /** Tokens covered. */
  length: number;
  /** What followed the stem in the first word ("medim" in "beğenmedim"). */
  rest: string;
}

/** Comma- or newline-separated list, trimmed. */
export const splitList = (s: string | undefined): string[] =>
  (s ?? '').split(/[,\n]/).map((x) => x.trim()).filter(Boolean);

/** Split an entry into matchable parts: words by spaces, CJK one character at a time; folded as text in `language` is. */
export function entryParts(raw: string, language?: string): Part[] {
  const out: Part[] = [];
  const body = raw.endsWith('~') ? `${raw.slice(0, -1)}*` : raw;
  for (const w of body.split(/\s+/)) {
    const stem = w.endsWith('*');
    const toks = tokenize(foldText(stem ? w.slice(0, -1) : w, language)).filter((t) => t !== '|');
    toks.forEach((t, i) => out.push({ text: t, stem: stem && i === toks.length - 1 }));
  }
  return out;
}

const partMatches = (p: Part, tok: string | undefined) =>
  tok !== undefined && tok !== '|' && (p.stem ? tok.startsWith(p.text) : tok === p.text);

export class PhraseMatcher<T> {
  private readonly exact = new Map<string, Entry<T>[]>();
  private readonly stems = new Map<string, Entry<T>[]>();
  /** Single-word exact entries by their stripped form (see `endings`). */
  private readonly inflected = new Map<string, Entry<T>[]>();
  private minStem = Infinity;
  private sorted = true;

  /**
   * @param prefixes one-letter prefixes glued to words that may be stripped (Hebrew ו, ה, ב…).
   * @param endings inflectional endings (Polish -ego, -ych, -ami…): a word that matches nothing else
   *   matches a one-word entry with the same form once the longest ending is taken off both, so "miły"
   *   also matches "miłych", "miłemu".
   * @param language the language of the texts matched: entries are folded as its texts are (foldText).
   */
  constructor(
    private readonly prefixes: readonly string[] = [],
    private readonly endings: readonly string[] = [],
    private readonly language?: string,
  ) {
    this.endings = [...endings].sort((a, b) => b.length - a.length);
  }

  /** `w` without its longest listed ending, keeping at least three letters; null when none applies. */
  private strip(w: string): string | null {
    for (const e of this.endings) if (w.length - e.length >= 3 && w.endsWith(e)) return w.slice(0, -e.length);
    return null;
  }

  add(raw: string, value: T): void {
    const parts = entryParts(raw, this.language);
    if (parts.length === 0) return;
    const first = parts[0];
    const map = first.stem ? this.stems : this.exact;
    const entry: Entry<T> = { parts, value, verb: raw.endsWith('~') };
    const bucket = map.get(first.text);
    if (bucket) bucket.push(entry);
    else map.set(first.text, [entry]);
    if (this.endings.length > 0 && parts.length === 1 && !first.stem) {
      const key = this.strip(first.text) ?? first.text;
      const b = this.inflected.get(key);
      if (b) b.push(entry);
      else this.inflected.set(key, [entry]);
    }
    if (first.stem) this.minStem = Math.min(this.minStem, first.text.length);
    this.sorted = false;
  }

  addAll(list: string | undefined, value: T): void {
    for (const raw of splitList(list)) this.add(raw, value);
  }

  /** The longest entry starting at token `i`, or null. */
  match(toks: readonly string[], i: number): Match<T> | null {
    const t = toks[i];
    if (t === undefined || t === '|') return null;
    if (!this.sorted) this.sort();
    const m = this.matchWord(toks, i, t);
    if (m) return m;
    if (this.endings.length > 0) {
      const key = this.strip(t);
      const e = key === null ? undefined : this.inflected.get(key)?.[0];
      if (e) return { entry: e, length: 1, rest: '' };
    }
    if (this.prefixes.length === 0) return null;
    // Glued prefixes ("והשירות" = ו + ה + שירות): strip up to two and retry.
    let w = t;
    for (let k = 0; k < 2; k++) {
      const p = this.prefixes.find((x) => w.startsWith(x) && w.length - x.length >= 2);
      if (!p) break;
      w = w.slice(p.length);
      const m2 = this.matchWord(toks, i, w);
      if (m2) return m2;
    }
    return null;
  }

  private matchWord(toks: readonly string[], i: number, first: string): Match<T> | null {
    let best: Match<T> | null = null;
    const consider = (entries: Entry<T>[] | undefined, rest: string) => {
      if (!entries) return;
      for (const e of entries) {
        if (best && best.length >= e.parts.length) continue;
        let ok = true;
        for (let k = 1; k < e.parts.length && ok; k++) ok = partMatches(e.parts[k], toks[i + k]);
        if (ok) best = { entry: e, length: e.parts.length, rest };
      }
    };
    consider(this.exact.get(first), '');
    // Longest stem first, so "başarısız*" wins over "başarı*".
    for (let n = first.length; n >= this.minStem && !best; n--) consider(this.stems.get(first.slice(0, n)), first.slice(n));
    return best;
  }

  private sort() {
    for (const m of [this.exact, this.stems]) for (const b of m.values()) b.sort((a, c) => c.parts.length - a.parts.length);
    this.sorted = true;
  }
}
