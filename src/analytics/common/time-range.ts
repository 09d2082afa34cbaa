import { z } from 'zod';
import { sql, type Sql } from '../../storage/sql.ts';

/**
 * An instant given as an ISO date (`2026-10-01`, midnight UTC) or date-time with offset, or already a
 * `Date`: schemas accept their own output, so a route may validate and the domain function parse again.
 */
export const IsoTime = z
  .union([z.iso.datetime({ offset: true }), z.iso.date(), z.date()])
  .transform((v) => (v instanceof Date ? v : new Date(v)));

/** `from` inclusive, `to` exclusive, both optional. */
export const TimeRangeFields = {
  from: IsoTime.optional(),
  to: IsoTime.optional(),
};

export interface TimeRange {
  from?: Date;
  to?: Date;
}

/** `AND ts >= from AND ts < to` for the bounds that are set (empty when none are). */
export function rangeFilter(column: Sql, range: TimeRange): Sql {
  return sql`${range.from ? sql` AND ${column} >= ${range.from}` : sql``}${range.to ? sql` AND ${column} < ${range.to}` : sql``}`;
}

export const DAY_MS = 86_400_000;
