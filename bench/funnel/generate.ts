/**
 * Deterministic synthetic shop traffic for the funnel benchmark, generated inside DuckDB with
 * `range()` and hash-based pseudo-random numbers (no JS per row), into the real `events` schema.
 *
 * Shape: every customer has ≥ 1 event (skewed counts, exactly `events` in total), a start time in a
 * 90-day period, a pace (20 s … 3 days between events), a primary channel and a funnel level 0–5
 * (how far they go in Product Viewed → Product Added → Checkout Started → Payment Info Entered →
 * Order Completed, in order, spread over their events: ~55 % / 25 % / 15 % / 10 % / 8 % by design).
 * The other events are noise: page views, searches, page loads with `duration_ms`, repeated product
 * views and cart adds, payment failures, reviews, e-mail clicks. Slow customers take longer than
 * the 7-day window, so the window matters.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface GenerateOptions {
  events: number;
  customers: number;
  seed: number;
  workspaceId: string;
  /** First day of the 90-day period (UTC). */
  start?: string;
  /** Insertion order: `received` (arrival, as the product stores events) or `customer` (customer_id, ts). */
  order?: 'received' | 'customer';
}

export const FUNNEL_STEPS = ['Product Viewed', 'Product Added', 'Checkout Started', 'Payment Info Entered', 'Order Completed'] as const;
export const PERIOD_START = '2025-01-01';
const DAYS = 90;

/** A uniform number in [0, 1) from `hash(args…, seed, salt)`. */
const u = (seed: number, salt: number, ...args: string[]) => `(hash(${args.join(', ')}, ${seed}::BIGINT, ${salt}::BIGINT) % 1000003) / 1000003.0`;
/** Pick from weighted choices with a uniform expression (evaluated once via a column). */
const pick = (x: string, choices: [string, number][]) => {
  const total = choices.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  const arms = choices.slice(0, -1).map(([v, w]) => { acc += w / total; return `WHEN ${x} < ${acc.toFixed(6)} THEN ${v}`; });
  return `CASE ${arms.join(' ')} ELSE ${choices.at(-1)![0]} END`;
};
/** A UUID-shaped customer id (as identity resolution makes them) from the customer number. */
const customerId = (c: string, seed: number) => {
  const hx = (salt: number, mod: string) => `hash(${c}, ${seed}::BIGINT, ${salt}::BIGINT) % ${mod}`;
  return `printf('%08x-%04x-4%03x-a%03x-%012x', ${hx(11, '4294967296')}, ${hx(12, '65536')}, ${hx(13, '4096')}, ${hx(14, '4096')}, ${hx(15, '281474976710656')})`;
};
const anonymousId = (c: string, seed: number) => `'anon-' || printf('%012x', hash(${c}, ${seed}::BIGINT, 16::BIGINT) % 281474976710656)`;
const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Fills `events` (and `identities`) of an open database that already has the schema, in arrival
 * order (`received_at`) as the product stores events, or sorted by (customer_id, ts).
 */
export async function generateEvents(conn: DuckDBConnection, o: GenerateOptions): Promise<void> {
  const { seed, events: E, customers: C } = o;
  // Numbers are inlined into the SQL text, so they must be plain integers.
  if (!(Number.isSafeInteger(E) && Number.isSafeInteger(C) && Number.isSafeInteger(seed) && C > 0 && E >= C)) {
    throw new Error('need integer events ≥ customers > 0 and an integer seed');
  }
  const start = o.start ?? PERIOD_START;
  const periodUs = DAYS * 86_400 * 1e6;

  // Customers: id, event count n (1 + a share of the rest, exactly E in total), level, pace, start, channel.
  await conn.run(`CREATE OR REPLACE TEMP TABLE bench_customers AS
    WITH w AS (
      SELECT range AS c, (1000 * -ln(1 - ${u(seed, 1, 'range')}) * (CASE WHEN ${u(seed, 2, 'range')} < 0.1 THEN 4 ELSE 1 END))::BIGINT AS w
      FROM range(${C})
    ), cum AS (
      SELECT c, sum(w) OVER (ORDER BY c) AS cw, sum(w) OVER () AS tw FROM w
    ), a AS (
      SELECT c, (${E - C}::HUGEINT * cw) // greatest(tw, 1) AS a FROM cum
    ), n AS (
      SELECT c, (1 + a - coalesce(lag(a) OVER (ORDER BY c), 0))::BIGINT AS n FROM a
    ), r AS (
      SELECT c, n, ${u(seed, 3, 'c')} AS ul, ${u(seed, 4, 'c')} AS up, ${u(seed, 5, 'c')} AS us, ${u(seed, 6, 'c')} AS uc, ${u(seed, 7, 'c')} AS uid FROM n
    ), lv AS (
      SELECT *, least(n, CASE WHEN ul < 0.078 THEN 5 WHEN ul < 0.104 THEN 4 WHEN ul < 0.1485 THEN 3 WHEN ul < 0.2475 THEN 2 WHEN ul < 0.55 THEN 1 ELSE 0 END) AS level,
        least(20 * exp(up * ln(3 * 86400 / 20)), ${DAYS * 86_400 * 0.95} / n) AS pace
      FROM r
    )
    SELECT c, n, level, pace,
      (us * greatest(0, ${periodUs} - n * pace * 1e6))::BIGINT AS t0_us,
      ${pick('uc', [['1', 50], ['2', 25], ['3', 8], ['4', 8], ['5', 3], ['6', 3], ['7', 2], ['8', 1]])} AS channel,
      level >= 3 OR uid < 0.2 AS identified,
      ${customerId('c', seed)} AS customer_id, ${anonymousId('c', seed)} AS anonymous_id,
      CASE WHEN identified THEN 'user-' || c END AS user_id
    FROM lv`);

  // Events: row k of customer c; funnel step j sits at position floor((j + 1) n / (level + 1)). Rows
  // are sorted on narrow columns (indexes into name lists); the wide text is built after the sort.
  const names = [...FUNNEL_STEPS, 'Page Viewed', 'Products Searched', 'Page Load', 'Payment Failed', 'Product Reviewed', 'Email Link Clicked', 'Cart Viewed', 'Identify'];
  const ev = (name: string) => String(names.indexOf(name) + 1);
  const noise = pick('ue', [
    [ev('Page Viewed'), 36], [ev('Products Searched'), 12], [ev('Product Viewed'), 20], [ev('Page Load'), 15], [ev('Product Added'), 5],
    [ev('Checkout Started'), 1.5], [ev('Payment Failed'), 1], [ev('Product Reviewed'), 1], [ev('Email Link Clicked'), 3], [ev('Cart Viewed'), 4], [ev('Identify'), 1.5],
  ]);
  const channels = ['web', 'app', 'email', 'social', 'chat', 'store', 'phone', 'other'];
  const ch = (name: string) => String(channels.indexOf(name) + 1);
  const paths = ['/', '/search', '/products', '/cart', '/checkout', '/account', '/blog/how-to-choose', '/help/shipping'];
  const epochUs = Date.parse(start) * 1000;
  const list = (xs: readonly string[]) => `[${xs.map(q).join(', ')}]`;
  const h = (salt: number) => `hash(c, k, ${seed}::BIGINT, ${salt}::BIGINT)`;
  const price = `(9.99 + (product * 7) % 190)`;
  const evName = `${list(names)}[ev]`;
  await conn.run(`INSERT INTO events (workspace_id, message_id, type, event, name, customer_id, anonymous_id, user_id,
      previous_id, group_id, channel, device, source, ts, received_at, properties, traits, context)
    WITH base AS (
      SELECT c, n, level, pace, t0_us, channel AS primary_channel, customer_id, anonymous_id, user_id, unnest(range(n)) AS k FROM bench_customers
    ), r AS (
      SELECT *, ${u(seed, 20, 'c', 'k')} AS ue, ${u(seed, 21, 'c', 'k')} AS ut, ${u(seed, 22, 'c', 'k')} AS uch, ${u(seed, 23, 'c', 'k')} AS udv,
        ${u(seed, 24, 'c', 'k')} AS urc, greatest(0, ((k * (level + 1) + n - 1) // n) - 1) AS j
      FROM base
    ), e AS (
      SELECT c, k, customer_id, anonymous_id, user_id, udv,
        CASE WHEN j < level AND ((j + 1) * n) // (level + 1) = k THEN j + 1 ELSE ${noise} END AS ev,
        CASE WHEN uch < 0.8 THEN primary_channel ELSE ${pick('(uch - 0.8) * 5', [[ch('web'), 40], [ch('email'), 25], [ch('social'), 20], [ch('app'), 15]])} END AS ch,
        ${epochUs}::BIGINT + t0_us + ((k + 0.8 * ut) * pace * 1e6)::BIGINT AS ts_us,
        (CASE WHEN urc < 0.02 THEN urc * 5e5 * 1e6 ELSE 50000 + urc * 2e6 END)::BIGINT AS delay_us
      FROM r
    ), sorted AS (
      SELECT c, k, customer_id, anonymous_id, user_id, ev, ch, ts_us, delay_us,
        CASE ch WHEN ${ch('app')} THEN (CASE WHEN udv < 0.85 THEN 2 ELSE 3 END)
          WHEN ${ch('web')} THEN ${pick('udv', [['1', 55], ['2', 40], ['3', 5]])}
          WHEN ${ch('store')} THEN NULL ELSE (CASE WHEN udv < 0.7 THEN 2 ELSE 1 END) END AS dv,
        (${h(25)} % 8)::INT + 1 AS path_i, (${h(26)} % 500)::INT AS product
      FROM e ORDER BY ${o.order === 'customer' ? 'customer_id, ts_us' : 'ts_us + delay_us, c, k'}
    )
    SELECT ${q(o.workspaceId)}, printf('%016x%016x', ${h(31)}, ${h(32)}),
      CASE ev WHEN ${ev('Page Viewed')} THEN 'page' WHEN ${ev('Identify')} THEN 'identify' ELSE 'track' END,
      ${evName}, CASE WHEN ev = ${ev('Page Viewed')} THEN ${list(paths)}[path_i] END,
      customer_id, anonymous_id, user_id, NULL, NULL,
      ${list(channels)}[ch], ${list(['desktop', 'mobile', 'tablet'])}[dv],
      CASE ch WHEN ${ch('app')} THEN 'analytics-ios' WHEN ${ch('web')} THEN 'touchpoint.js' ELSE 'analytics-node' END,
      make_timestamp(ts_us), make_timestamp(ts_us + delay_us),
      CASE ev
        WHEN ${ev('Page Viewed')} THEN json_object('path', ${list(paths)}[path_i], 'title', 'Shop')
        WHEN ${ev('Page Load')} THEN json_object('path', ${list(paths)}[path_i], 'duration_ms', (200 + exp(${u(seed, 33, 'c', 'k')} * 9.4))::INT)
        WHEN ${ev('Products Searched')} THEN json_object('query', 'item ' || product % 40)
        WHEN ${ev('Product Viewed')} THEN json_object('product_id', 'p-' || product, 'price', ${price}, 'category', 'cat-' || product % 12)
        WHEN ${ev('Product Added')} THEN json_object('product_id', 'p-' || product, 'price', ${price}, 'quantity', 1 + product % 3)
        WHEN ${ev('Checkout Started')} THEN json_object('value', ${price} * 2, 'currency', 'USD')
        WHEN ${ev('Payment Info Entered')} THEN json_object('payment_method', CASE WHEN product % 3 = 0 THEN 'paypal' ELSE 'card' END)
        WHEN ${ev('Payment Failed')} THEN json_object('reason', CASE WHEN product % 2 = 0 THEN 'card_declined' ELSE 'timeout' END)
        WHEN ${ev('Order Completed')} THEN json_object('order_id', 'o-' || c || '-' || k, 'total', ${price} * 2, 'currency', 'USD')
        WHEN ${ev('Product Reviewed')} THEN json_object('product_id', 'p-' || product, 'rating', 1 + product % 5)
        ELSE json_object() END,
      CASE WHEN ev = ${ev('Identify')} THEN json_object('email', 'c' || c || '@example.com') END,
      json_object('locale', 'en-US', 'library', json_object('name', 'touchpoint.js'))
    FROM sorted`);

  const at = `make_timestamp(${epochUs}::BIGINT + t0_us)`;
  await conn.run(`INSERT INTO identities (workspace_id, identity, customer_id, created_at)
    SELECT ${q(o.workspaceId)}, anonymous_id, customer_id, ${at} FROM bench_customers
    UNION ALL
    SELECT ${q(o.workspaceId)}, user_id, customer_id, ${at} FROM bench_customers WHERE user_id IS NOT NULL`);
  await conn.run('DROP TABLE bench_customers');
}
