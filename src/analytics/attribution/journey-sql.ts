import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import { AnalyticsInputError } from '../common/errors.ts';
import { INTERACTION_TYPES, type TouchpointOptions } from '../common/step.ts';
import { DAY_MS, rangeFilter } from '../common/time-range.ts';
import type { AttributionDimension, AttributionRequest } from './schema.ts';

/** Label of the credit for conversions with no touch in their lookback window. */
export function noTouchLabel(dimension: AttributionDimension): string {
  return dimension === 'campaign' ? '(direct)' : '(none)';
}

/** The touch key of an events row for a dimension, NULL when the row is no touch in it. */
export function touchKeySql(dimension: AttributionDimension, options: TouchpointOptions): Sql {
  switch (dimension) {
    case 'channel':
      return raw('channel');
    case 'campaign': {
      const part = (k: string) => dialectFn((d) => d.jsonText(raw('context'), ['campaign', k]));
      const any = sql`coalesce(${part('source')}, ${part('medium')}, ${part('name')})`;
      return sql`CASE WHEN ${any} IS NULL THEN NULL ELSE coalesce(${part('source')}, '(none)') || ' / ' || coalesce(${part('medium')}, '(none)') || ' / ' || coalesce(${part('name')}, '(none)') END`;
    }
    case 'touchpoint':
      if (!options.touchpointSql) throw new AnalyticsInputError('dimension', 'Touchpoint attribution needs a journey: pass `journey` in the query.');
      return options.touchpointSql;
  }
}

export interface JourneyScope extends TouchpointOptions {
  workspaceId: string;
  req: AttributionRequest;
}

export interface JourneyShape {
  /**
   * Rule-based models: only customers with a conversion in range (a smaller sort), and `g`, the
   * conversion a row belongs to, to group touches per conversion.
   */
  perConversion: boolean;
}

/**
 * CTEs `att_base`, `att_seq`, `att_ref` and `att_rows`: every customer's touches and conversions in
 * one ordered pass, split into per-conversion journeys.
 *
 * - A touch is an interaction with a key (channel, campaign or touchpoint); the conversion event
 *   itself is one too when it has a key (a store or phone order credits that channel).
 * - Each touch belongs to the next conversion at or after it (`g` numbers a customer's conversions
 *   from 0); at equal times touches sort before the conversion. A conversion ends a journey, so
 *   touches before a customer's previous conversion never count again.
 * - A touch counts (`in_win`) when at most `lookbackDays` before its conversion; in the journey
 *   after a customer's last conversion (non-converting, for the Markov model) when in range and at
 *   most `lookbackDays` before the customer's last touch.
 * - Consecutive touches with the same key collapse into one (a visit on that channel): a row starts
 *   a touch unless the row before it, in the same journey and window, has the same key (`prev_in`,
 *   `prev_touch`). A run is timed by its first row.
 * One window sort per customer serves everything (lag/lead and the frames share it); window
 * sorts dominate the cost at scale, so only the columns a model needs are computed.
 */
export function journeyCtes(s: JourneyScope, shape: JourneyShape): Sql {
  const { req, workspaceId } = s;
  const key = touchKeySql(req.dimension, s);
  const scanFrom = req.from ? new Date(req.from.getTime() - req.lookbackDays * DAY_MS) : undefined;
  const lookback = req.lookbackDays * 86_400;
  const secs = (a: string, b: string) => dialectFn((d) => d.secondsBetween(raw(a), raw(b)));
  const range = sql`${scanFrom ? sql` AND ts >= ${scanFrom}` : sql``}${req.to ? sql` AND ts < ${req.to}` : sql``}`;
  const inRange = (col: string) => (req.from ? sql`${raw(col)} >= ${req.from}` : raw('TRUE'));
  const converters = shape.perConversion
    ? sql` AND customer_id IN (SELECT customer_id FROM events WHERE workspace_id = ${workspaceId} AND event = ${req.purchaseEvent}${rangeFilter(raw('ts'), req)})`
    : sql``;
  const frames = shape.perConversion
    ? raw(`sum(conv) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) - conv AS g, NULL AS last_ts`)
    : raw(`0 AS g, max(ts) OVER (PARTITION BY customer_id) AS last_ts`);
  return sql`
  att_base AS (
    SELECT customer_id, ts, message_id, touch, conv
    FROM (
      SELECT customer_id, ts, message_id, ${key} AS touch, CASE WHEN event = ${req.purchaseEvent} THEN 1 ELSE 0 END AS conv
      FROM events
      WHERE workspace_id = ${workspaceId} AND type IN ${INTERACTION_TYPES}${range}${converters}
    ) keyed
    WHERE touch IS NOT NULL OR conv = 1
  ),
  att_seq AS (
    SELECT customer_id, ts, message_id, touch, conv, ${frames},
      min(CASE WHEN conv = 1 THEN ts END) OVER (w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS conv_ts,
      lag(touch) OVER w AS prev_touch, lag(ts) OVER w AS prev_ts, lag(conv) OVER w AS prev_conv,
      lead(touch) OVER w AS next_touch, lead(conv) OVER w AS next_conv
    FROM att_base
    WINDOW w AS (PARTITION BY customer_id ORDER BY ts, conv, message_id)
  ),
  att_ref AS (
    SELECT *, conv_ts IS NOT NULL AS converting, coalesce(conv_ts, last_ts) AS ref_ts FROM att_seq
  ),
  att_rows AS (
    SELECT customer_id, g, ts, message_id, touch, conv, converting, ref_ts, prev_touch, next_touch, next_conv,
      (CASE WHEN converting THEN ${inRange('conv_ts')} ELSE ${inRange('ts')} END) AND ${secs('ts', 'ref_ts')} <= ${lookback} AS in_win,
      (prev_ts IS NOT NULL AND prev_conv = 0 AND (converting OR ${inRange('prev_ts')}) AND ${secs('prev_ts', 'ref_ts')} <= ${lookback}) AS prev_in
    FROM att_ref
  )`;
}

/** Revenue of each purchase in range, by message id: `properties.revenue`, else `.total`, else 0. */
export function revenueCte(s: JourneyScope): Sql {
  const revenue = dialectFn((d) => sql`coalesce(${d.jsonNumber(raw('properties'), ['revenue'])}, ${d.jsonNumber(raw('properties'), ['total'])}, 0)`);
  return sql`
  att_revenue AS (
    SELECT customer_id, message_id, ${revenue} AS revenue
    FROM events
    WHERE workspace_id = ${s.workspaceId} AND event = ${s.req.purchaseEvent}${rangeFilter(raw('ts'), s.req)}
  )`;
}
