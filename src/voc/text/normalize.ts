/**
 * Text normalisation and tokenisation shared by the sentiment model (training and inference), the
 * hand-written lexicons and the theme matcher, so all three see the same tokens.
 *
 * Folding is deliberately aggressive: customer feedback and social posts often drop diacritics
 * (Turkish reviews write ı, ş, ğ as i, s, g; Portuguese and Spanish posts drop accents), so every
 * lexicon entry and every model feature is built from the folded form.
 *
 * One exception per language where stripping a mark changes the word and writers have another spelling
 * (PRE_FOLD): German ä, ö, ü become ae, oe, ue, as Germans type them without umlaut keys, so "schön"
 * (nice) and "schoen" meet, and neither meets "schon" (already). Turkish keeps ö → o, ü → u: its reviews
 * drop the marks. Pass the text's language wherever it is known (analysis, lexicons, themes, training).
 */

// Latin combining diacritics, Hebrew points (niqqud, cantillation) and Arabic harakat. Devanagari and
// other Indic vowel signs are marks too but carry meaning, so they are left alone.
const STRIP_MARKS = /[\u0300-\u036f\u0591-\u05c7\u064b-\u065f\u0670\u0640]/g;
const SPECIAL: Record<string, string> = {
  'ł': 'l', 'ı': 'i', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'đ': 'd', 'ð': 'd', 'þ': 'th',
  // Arabic letter variants written interchangeably online.
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ى': 'ي', 'ة': 'ه',
  '’': "'", '‘': "'", 'ʼ': "'", '`': "'",
};
const SPECIAL_RE = /[łıøßæœđðþأإآىة’‘ʼ`]/g;

// Feedback pasted from web pages and social posts often keeps these escaped ("&lt;3").
const HTML_ENTITY = /&(?:lt|gt|amp|quot|apos|#39);/g;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'", '&#39;': "'" };

/** Letters a language spells out instead of losing their mark; applied after lower-casing, before NFD. */
const PRE_FOLD: Record<string, { re: RegExp; map: Record<string, string> }> = {
  de: { re: /[äöü]/g, map: { 'ä': 'ae', 'ö': 'oe', 'ü': 'ue' } },
};

/**
 * Lower-case, NFKC (undoes Arabic presentation forms, full-width Latin), strip diacritics; `language`
 * (ISO 639-1) selects its PRE_FOLD spellings, any other value or none folds the same for all.
 */
export function foldText(text: string, language?: string): string {
  const lower = text
    .replace(HTML_ENTITY, (e) => ENTITIES[e] ?? e)
    .normalize('NFKC')
    .replace(/İ/g, 'i')
    .toLowerCase();
  const pre = language === undefined ? undefined : PRE_FOLD[language];
  return (pre ? lower.replace(pre.re, (c) => pre.map[c] ?? c) : lower)
    .normalize('NFD')
    .replace(STRIP_MARKS, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c)
    .normalize('NFC');
}

/** Scripts written without spaces between words: tokenised one character at a time. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
export const isCjkChar = (ch: string): boolean => CJK.test(ch);

/**
 * Token classes:
 * - words (letters, digits, inner apostrophes), repeated letters squeezed to two ("sooo" → "soo");
 * - one token per CJK character;
 * - emoji and text emoticons;
 * - clause breaks as the token "|" (sentence punctuation, commas, semicolons), used to bound negation.
 * URLs and @mentions become "_url_" / "_user_"; "!" and "?" runs become "!" / "?".
 */
const TOKEN_RE = new RegExp(
  [
    String.raw`https?:\/\/\S+|www\.\S+`,
    String.raw`@\w+`,
    String.raw`[:;=]-?[()dp\]\[\/\\|]+|<3|\(:|\):`,
    String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]`,
    String.raw`[\p{L}\p{M}\p{N}]+(?:['\-][\p{L}\p{M}\p{N}]+)*`,
    String.raw`\p{Extended_Pictographic}`,
    String.raw`[!?！？]+`,
    String.raw`[.,;:。，；：、…\n]+`,
  ].join('|'),
  'gu',
);

/**
 * Text emoticons, checked before punctuation (they start with ":" or ";"). ":(((" and ":DD" become
 * ":(" and ":d": a repeated mouth only intensifies (the count is not kept).
 */
const EMOTICON = /^(?:[:;=]-?[()dp\]\[\/\\|]+|\(:|\):)$/;

const ELISION = /^([a-z]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|dell|nell|dall|sull|all|quell|quest|un)'(?=\p{L})/u;

export function tokenize(folded: string): string[] {
  const out: string[] = [];
  for (const m of folded.matchAll(TOKEN_RE)) {
    const t = m[0];
    const c = t.charCodeAt(0);
    if (c === 104 && /^https?:|^www\./.test(t)) out.push('_url_');
    else if (t === 'www' || t.startsWith('www.')) out.push('_url_');
    else if (c === 64 /* @ */) out.push('_user_');
    else if (/^[!！]/.test(t)) out.push('!');
    else if (/^[?？]/.test(t)) out.push('?');
    else if (EMOTICON.test(t)) out.push(t.replace(/(.)\1+$/, '$1'));
    else if (/^[.,;:。，；：、…\n]/.test(t)) { if (out[out.length - 1] !== '|') out.push('|'); }
    else {
      const w = t.length > 3 ? t.replace(/(\p{L})\1{2,}/gu, '$1$1') : t;
      // French and Italian elision (l'accueil, n'est, qu'il, dell'ordine): the article is its own word.
      const el = ELISION.exec(w);
      if (el) out.push(el[1], w.slice(el[0].length));
      else out.push(w);
    }
  }
  return out;
}

/** Folded tokens of a text in `language` (see foldText), the form every lexicon and feature is built from. */
export function textTokens(text: string, language?: string): string[] {
  return tokenize(foldText(text, language));
}
