import { dialectFn, raw, sql, type Sql } from '../../storage/sql.ts';
import { isoInstantSql } from '../common/dialect-sql.ts';

/**
 * The events friction is read from (DESIGN.md: Segment e-commerce names plus Touchpoint's own), and
 * the SQL that reads their properties. Shared by the friction report and the journey map so both
 * count the same things.
 */
export const PAGE_LOAD = 'Page Load';
export const JS_ERROR = 'Error';
export const PAYMENT_FAILED = 'Payment Failed';
export const PAYMENT_INFO = 'Payment Info Entered';
export const CHECKOUT_STARTED = 'Checkout Started';
export const PRODUCT_ADDED = 'Product Added';
export const ORDER_DELIVERED = 'Order Delivered';
export const RETURN_EVENTS = ['Return Requested', 'Exchange Requested'] as const;

export const DEFAULT_SLOW_PAGE_MS = 2000;
export const DEFAULT_SLOW_CHECKOUT_SECONDS = 240;

const prop = (key: string) => dialectFn((d) => d.jsonText(raw('properties'), [key]));
const num = (key: string) => dialectFn((d) => d.jsonNumber(raw('properties'), [key]));

/** `properties.duration_ms` of a `Page Load` (NULL when absent or not a number). */
export const durationMsSql = num('duration_ms');
/** The page a `Page Load` / `Error` happened on: `properties.path`, else `context.page.path`. */
export const pagePathSql = sql`coalesce(${prop('path')}, ${dialectFn((d) => d.jsonText(raw('context'), ['page', 'path']))})`;
export const errorMessageSql = prop('message');
export const reasonSql = prop('reason');
export const promisedAtSql = isoInstantSql(prop('promised_at'));
export const deliveredAtSql = isoInstantSql(prop('delivered_at'));

/** An `Order Delivered` row delivered after its promise (both times present). */
export const lateDeliverySql = sql`(event = ${ORDER_DELIVERED} AND coalesce(${deliveredAtSql} > ${promisedAtSql}, FALSE))`;

/** A `Page Load` row slower than `ms`. */
export function slowPageSql(ms: number): Sql {
  return sql`(event = ${PAGE_LOAD} AND coalesce(${durationMsSql} > ${ms}, FALSE))`;
}
