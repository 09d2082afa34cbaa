import { join, raw, sql, type Sql } from '../../src/storage/sql.ts';

/**
 * The obvious DuckDB funnel, as a point of comparison: each customer's first step-1 event opens the
 * window; step k is the first step-k event at or after step k−1 and within the window of step 1;
 * one self-join of the (step events only) table per step. With `breakdown`, customers are grouped
 * by the channel of that first step-1 event. Returns rows `(step, ch, customers)`, step 1-based.
 */
export function selfJoinFunnelSql(workspaceId: string, steps: readonly string[], windowSeconds: number, breakdown: boolean): Sql {
  const ch = breakdown ? raw('ch') : raw(`''`);
  const ctes: Sql[] = [
    sql`e AS (SELECT customer_id, event, ts, channel FROM events WHERE workspace_id = ${workspaceId} AND event IN (${join(steps.map((s) => sql`${s}`))}))`,
    sql`s1 AS (SELECT customer_id, min(ts) AS t1, min(ts) AS t${breakdown ? raw(', arg_min(channel, ts) AS ch') : raw('')} FROM e WHERE event = ${steps[0]} GROUP BY customer_id)`,
  ];
  for (let i = 1; i < steps.length; i++) {
    ctes.push(sql`s${raw(String(i + 1))} AS (
      SELECT s.customer_id, s.t1, min(e.ts) AS t${breakdown ? raw(', s.ch') : raw('')}
      FROM s${raw(String(i))} s JOIN e ON e.customer_id = s.customer_id AND e.event = ${steps[i]}
        AND e.ts >= s.t AND e.ts <= s.t1 + to_seconds(${windowSeconds})
      GROUP BY s.customer_id, s.t1${breakdown ? raw(', s.ch') : raw('')})`);
  }
  const counts = steps.map((_, i) => sql`SELECT ${raw(String(i + 1))} AS step, ${ch} AS ch, count(*) AS customers FROM s${raw(String(i + 1))} GROUP BY ALL`);
  return sql`WITH ${join(ctes, ',\n')}\n${join(counts, '\nUNION ALL ')}\nORDER BY step, ch`;
}
