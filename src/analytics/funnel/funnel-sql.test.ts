import { describe, expect, it } from 'vitest';
import { clickhouse, duckdb, sql } from '../../storage/sql.ts';
import { funnelSql } from './funnel-sql.ts';
import { FunnelRequestSchema, ORDERS } from './types.ts';

/**
 * The funnel is described once and compiled per dialect: the ClickHouse text must carry none of
 * DuckDB's own spellings, and every request value must be a bound parameter in both.
 */
const DUCKDB_ONLY = ['FILTER (WHERE', 'struct_pack', 'struct_extract', 'epoch_ms', 'MATERIALIZED', 'list_sort', 'quantile_cont', 'IS NOT DISTINCT', ' & '];

describe('funnelSql', () => {
  const request = (order: (typeof ORDERS)[number]) => FunnelRequestSchema.parse({
    steps: [{ event: "Product Viewed'; DROP TABLE events; --" }, { event: 'Product Added', where: [{ property: 'price', op: 'gt', value: 10 }] }, { event: 'Order Completed' }],
    window: '7d', order, from: '2026-01-01', exclusions: [{ event: 'Payment Failed', fromStep: 0, toStep: 2 }], breakdown: 'channel',
  });

  it.each(ORDERS)('compiles a %s funnel for ClickHouse without DuckDB spellings', (order) => {
    const { text } = funnelSql('ws', request(order)).compile(clickhouse);
    for (const token of DUCKDB_ONLY) expect(text).not.toContain(token);
  });

  it.each(ORDERS)('binds every value of a %s funnel', (order) => {
    for (const dialect of [duckdb, clickhouse]) {
      const { text, values } = funnelSql('ws', request(order)).compile(dialect);
      expect(text).not.toContain('DROP TABLE');
      expect(text).not.toContain('Payment Failed');
      expect(values).toContain("Product Viewed'; DROP TABLE events; --");
      expect(values).toContain('ws');
    }
  });

  // The persona filter's customer set scans every event of the workspace: written once, as a CTE
  // DuckDB computes once, however many scans (rows, the ordered plan's rescan, exclusions) use it.
  it.each(ORDERS)('writes a %s funnel\'s customer set once, for every scan', (order) => {
    const customers = sql`SELECT customer_id FROM events WHERE event = ${'persona marker'} GROUP BY customer_id`;
    const { text, values } = funnelSql('ws', request(order), { customers }).compile(duckdb);
    expect(values.filter((v) => v === 'persona marker')).toHaveLength(1);
    expect(text).toContain('in_customers AS MATERIALIZED');
    expect(text.match(/IN \(SELECT customer_id FROM in_customers\)/g)!.length).toBeGreaterThanOrEqual(2);
  });
});
