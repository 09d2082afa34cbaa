import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ev, storeWith, T0 } from '../analytics/common/fixtures.ts';
import type { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { sql } from '../storage/sql.ts';
import type { Matcher } from './matcher.ts';
import { matcherPrefilter } from './matcher-prefilter.ts';
import { matcherSql } from './matcher-sql.ts';

/** The prefilter is only a shortcut: `prefilter AND matcher` must equal `matcher` on every event. */
const VALUES: unknown[] = ['/', '/blog/a', '/blog', 'x/blog/', 'true', true, false, null, 5, -5, 4.5, '4.5', '-x', [1, 2], { a: 1 },
  'a"b', 'a\\b', 'é/', 'deal', 'Big deal', 'tr', 'nul', '[1', '{"a":1}'];
const CONDITIONS: Matcher['where'] = [
  { property: 'v', op: 'eq', value: '/' }, { property: 'v', op: 'eq', value: 'true' }, { property: 'v', op: 'eq', value: 'false' },
  { property: 'v', op: 'eq', value: '[1,2]' }, { property: 'v', op: 'eq', value: '-x' },
  { property: 'v', op: 'starts_with', value: '/blog/' }, { property: 'v', op: 'starts_with', value: 'tr' }, { property: 'v', op: 'starts_with', value: '-' },
  { property: 'v', op: 'starts_with', value: '[1' }, { property: 'v', op: 'starts_with', value: 'nu' }, { property: 'v', op: 'starts_with', value: 'x/' },
  { property: 'v', op: 'contains', value: 'deal' }, { property: 'v', op: 'contains', value: 'blog/' },
  { property: 'v', op: 'in', value: ['/', 'true', '/blog'] }, { property: 'path', op: 'starts_with', value: '/blog/' },
];

let store: DuckDBStore;
beforeAll(async () => {
  store = await storeWith(VALUES.flatMap((v, i) => [
    ev(`c${i}`, 'Page Viewed', T0 + i, { properties: { v, path: v } }),
    ev(`c${i}`, 'Page Viewed', T0 + i, { context: { page: { path: v } } }),
  ]));
});
afterAll(() => store.close());

describe('matcherPrefilter', () => {
  it.each(CONDITIONS!.map((c) => [JSON.stringify(c), c] as const))('never changes the answer: %s', async (_, c) => {
    const m: Matcher = { where: [c] };
    const pre = matcherPrefilter(m);
    expect(pre).not.toBeNull();
    const rows = await store.query<{ same: number; hits: number }>(sql`
      SELECT count(CASE WHEN (${pre!} AND ${matcherSql(m)}) = ${matcherSql(m)} THEN 1 END) AS same, count(CASE WHEN ${matcherSql(m)} THEN 1 END) AS hits, count(*) AS n FROM events`);
    expect(rows[0].same).toBe(VALUES.length * 2);
  });

  it('is left out for conditions it cannot speed up safely', () => {
    expect(matcherPrefilter({ event: 'x' })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'v', op: 'eq', value: 5 }] })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'v', op: 'eq', value: '5' }] })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'v', op: 'neq', value: 'a' }] })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'v', op: 'eq', value: 'a"b' }] })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'v', op: 'eq', value: 'é' }] })).toBeNull();
    expect(matcherPrefilter({ where: [{ property: 'channel', op: 'eq', value: 'web' }] })).toBeNull();
  });
});
