/**
 * Loaders for the human-labelled sentiment sets in shared/data (formats and licences:
 * shared/data/README.md), with the fixed train / held-out split that both `train.ts` and the benchmark
 * use, so no held-out text is ever trained on.
 *
 * - xlmt/<language>: train_* trains, val_* is held out (never trained on, never used for tuning).
 * - hebrew/train.tsv, olist reviews: one file each, split by a hash of the text: 1 in 5 is held out.
 * - polish, turkish, chinese: evaluation only (licence), so every row is evaluation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { hash32 } from '../../src/voc/text/features.ts';

export type Gold = 'negative' | 'neutral' | 'positive';
export interface Example {
  text: string;
  label: Gold;
}

export const XLMT: Record<string, string> = {
  en: 'english', de: 'german', es: 'spanish', fr: 'french', pt: 'portuguese', it: 'italian', ar: 'arabic',
};

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
/** XLM-T text files keep some characters as literal "\u2019"-style escapes. */
const unescape = (s: string) => s.replace(/\\u([0-9a-fA-F]{4})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
/** Split on the last tab: some texts contain tabs themselves. */
const lastTab = (l: string): [string, string] => {
  const i = l.lastIndexOf('\t');
  return [l.slice(0, i), l.slice(i + 1).trim()];
};
/** Deterministic 80/20 split by text, stable whatever the row order. */
export const isHeldOut = (text: string): boolean => hash32(`split:${text}`) % 5 === 0;

export function loadXlmt(dir: string, lang: string, part: 'train' | 'val'): Example[] {
  const base = join(dir, 'xlmt', XLMT[lang]);
  const texts = lines(join(base, `${part}_text.txt`));
  const labels = lines(join(base, `${part}_labels.txt`));
  const map: Record<string, Gold> = { '0': 'negative', '1': 'neutral', '2': 'positive' };
  return texts.map((t, i) => ({ text: unescape(t).trim(), label: map[labels[i].trim()] }));
}

/** Hebrew comments: 0 positive, 1 negative, 2 off-topic (dropped). */
export function loadHebrew(dir: string, part: 'train' | 'test'): Example[] {
  const out: Example[] = [];
  for (const l of lines(join(dir, 'hebrew', 'train.tsv'))) {
    const [text, label] = lastTab(l);
    if (label !== '0' && label !== '1') continue;
    if (isHeldOut(text) !== (part === 'test')) continue;
    out.push({ text: text.trim(), label: label === '0' ? 'positive' : 'negative' });
  }
  return out;
}

/** Olist order reviews (Portuguese): 1–2 negative, 3 neutral, 4–5 positive; title and comment joined. */
export function loadOlist(olistDir: string, part: 'train' | 'test'): Example[] {
  const file = join(olistDir, 'olist_order_reviews_dataset.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const out: Example[] = [];
  for (const r of rows) {
    const text = [r.review_comment_title, r.review_comment_message].filter((s) => s && s.trim()).join('. ').trim();
    if (!text) continue;
    if (isHeldOut(text) !== (part === 'test')) continue;
    const s = Number(r.review_score);
    out.push({ text, label: s <= 2 ? 'negative' : s >= 4 ? 'positive' : 'neutral' });
  }
  return out;
}

/** PolEmo 2.0 sentences: positive, negative, neutral, ambivalent (the last two are not pos/neg). */
export function loadPolish(dir: string): Example[] {
  return lines(join(dir, 'polish', 'train.tsv')).map((l) => {
    const [text, label] = lastTab(l);
    return { text, label: label === 'positive' ? 'positive' : label === 'negative' ? 'negative' : 'neutral' };
  });
}

export function loadTurkish(dir: string): Example[] {
  return lines(join(dir, 'turkish', 'train.tsv')).map((l) => {
    const [text, label] = lastTab(l);
    return { text, label: label === 'positive' ? 'positive' : 'negative' };
  });
}

/** waimai_10k: `label,review`, 1 positive, 0 negative; the review may contain commas. */
export function loadChinese(dir: string): Example[] {
  return lines(join(dir, 'chinese', 'waimai-10k.csv'))
    .slice(1)
    .map((l) => ({ text: l.slice(2).replace(/^"|"$/g, ''), label: l[0] === '1' ? 'positive' : 'negative' }));
}

export const exists = (p: string) => existsSync(p);

/** mulberry32: small seeded PRNG so the evaluation sample is the same on every machine. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
