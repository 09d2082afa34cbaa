import { describe, expect, it } from 'vitest';
import { clickhouse, duckdb, ident, postgres, sql } from '../storage/sql.ts';
import type { Matcher } from './matcher.ts';
import { matcherSql } from './matcher-sql.ts';

const m: Matcher = {
  event: ['Order Completed', 'Order Refunded'],
  channel: 'web',
  where: [
    { property: 'properties.total', op: 'gt', value: 100 },
    { property: 'path', op: 'starts_with', value: "/check'out" },
    { property: 'plan', op: 'in', value: ['PRO_PLAN', 'STUDIO_PLAN'] },
  ],
};

describe('matcherSql', () => {
  it('binds every value: nothing from the definition appears in the SQL text', () => {
    const { text, values } = matcherSql(m).compile(duckdb);
    for (const literal of ['Order Completed', 'web', "/check'out", 'PRO_PLAN', 'STUDIO_PLAN', '100']) expect(text).not.toContain(literal);
    expect(values).toEqual(expect.arrayContaining(['Order Completed', 'Order Refunded', 'web', 100, "/check'out", 'PRO_PLAN', 'STUDIO_PLAN']));
    expect(text).toContain('"event" IN ($1, $2)');
  });

  it('compiles for every dialect from the one description', () => {
    expect(matcherSql(m).compile(postgres).text).toContain('#>>');
    const ch = matcherSql(m).compile(clickhouse).text;
    expect(ch).toContain('JSONExtract(');
    expect(ch).toMatch(/\{p\d+:String\}/);
    expect(ch).toMatch(/\{p\d+:Int64\}/);
  });

  it('references columns through the caller, e.g. with a table alias', () => {
    const { text } = matcherSql({ event: 'x', where: [{ property: 'total', op: 'gte', value: 1 }] }, { column: (c) => sql`e.${ident(c)}` }).compile(duckdb);
    expect(text).toContain('e."event" = $1');
    expect(text).toContain('json_extract_string(e."properties"');
  });

  it('an empty channel list (disjoint touchpoint channels) matches nothing rather than being invalid SQL', () => {
    expect(matcherSql({ channel: [] }).compile(duckdb).text).toBe('(FALSE)');
  });

  it('a timestamp condition binds a Date', () => {
    const { values } = matcherSql({ where: [{ property: 'timestamp', op: 'gte', value: '2024-05-01T00:00:00Z' }] }).compile(duckdb);
    expect(values).toEqual([new Date('2024-05-01T00:00:00Z')]);
  });
});
