import type { Journey } from '../../journeys/definition.ts';
import { personaCaseSql } from '../../journeys/persona-sql.ts';
import { z } from 'zod';
import { dialectFn, join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxIfSql } from './dialect-sql.ts';
import { AnalyticsInputError } from './errors.ts';

/**
 * `SELECT customer_id FROM … WHERE persona = <id>`: the customers of the workspace whose persona
 * (the first persona of the journey whose rule holds, persona-rule.ts) is `personaId`, as of `asOf`
 * (exclusive; default: the workspace's latest event, inclusive).
 *
 * The rule's context per customer (persona-sql.ts): `traits` is the customer's latest non-null
 * traits (the last `identify`; of two in the same millisecond, a fixed one by messageId: argMaxIfSql),
 * `count(events, withinDays)` the customer's events of those names up to `asOf`, within the last
 * `withinDays` days when given. Every count the rules need is one column
 * of a single aggregate over the customer's events, so the filter costs one scan whatever the rules.
 *
 * `among` (a `SELECT customer_id …`): only these customers are considered. A customer's persona depends
 * on their own events alone, so the answer is the full one intersected with `among`, while the
 * aggregate reads only their events (the responders of a feedback list, not every customer).
 */
export function personaCustomersSql(journey: Journey, personaId: string, workspaceId: string, asOf?: Date, among?: Sql): Sql {
  if (!(journey.personas ?? []).some((p) => p.id === personaId)) {
    const known = (journey.personas ?? []).map((p) => p.id);
    throw new AnalyticsInputError('persona', `"${personaId}" is not a persona of journey ${journey.id}${known.length ? `; expected one of ${known.join(', ')}` : ' (it has none)'}`);
  }
  const end = asOf ? sql`${asOf}` : sql`(SELECT max(ts) FROM events WHERE workspace_id = ${workspaceId})`;
  const counts: Sql[] = [];
  const persona = personaCaseSql(journey, {
    traits: raw('pc_traits'),
    count: (events, withinDays) => {
      const name = `pc_n${counts.length}`;
      const since = withinDays === undefined ? sql`` : sql` AND ts > pc_end - ${raw(`INTERVAL ${Math.trunc(withinDays)} DAY`)}`;
      counts.push(sql`count(CASE WHEN event IN (${join(events.map((e) => sql`${e}`))})${since} THEN 1 END) AS ${raw(name)}`);
      return raw(name);
    },
  });
  const inRange = asOf ? sql`ts < pc_end` : sql`ts <= pc_end`;
  return sql`SELECT customer_id FROM (
      SELECT customer_id, ${persona} AS pc_persona FROM (
        SELECT customer_id, ${argMaxIfSql(raw('traits'), dialectFn((d) => d.epochMs(raw('ts'))), raw('traits IS NOT NULL'), raw('message_id'))} AS pc_traits${counts.length ? sql`, ${join(counts)}` : sql``}
        FROM events, (SELECT ${end} AS pc_end) pc_asof
        WHERE workspace_id = ${workspaceId} AND ${inRange}${among ? sql` AND customer_id IN (${among})` : sql``}
        GROUP BY customer_id
      ) pc_ctx
    ) pc WHERE pc_persona = ${personaId}`;
}

/** The `persona` field of a query request (journey map, drop-off, funnel, paths): a persona id of the request's journey. */
export const PersonaFilterField = z.string().min(1).max(64).optional()
  .describe('Only customers of this persona of the journey (as the journey map counts them, persona as of `to`).');

/**
 * A query's `persona` filter: the customers of `persona` as the journey map counts them (persona as
 * of `to`, `personaCustomersSql`), or undefined when there is none. A persona needs the journey
 * that defines it; an unknown one, or none without a journey, is an `AnalyticsInputError` (400).
 * Shared by the map, drop-off, funnel, paths, feedback and case queries so all decide the filter the
 * same way. `among`: the customers the query can return at most (see personaCustomersSql).
 */
export function personaFilter(workspaceId: string, persona: string | undefined, to: Date | undefined, journey?: Journey, among?: Sql): Sql | undefined {
  if (persona === undefined) return undefined;
  if (!journey) throw new AnalyticsInputError('persona', 'A persona filter needs a journey (personas are defined on it); create one first.');
  return personaCustomersSql(journey, persona, workspaceId, to, among);
}

/**
 * The filter's customer set as the CTE `in_customers`, MATERIALIZED where the dialect allows: the
 * persona's aggregate over every event of the workspace then runs once however many scans use it
 * (in each scan's IN it ran once per scan).
 */
export const inCustomersCte = (customers: Sql): Sql =>
  dialectFn((d) => (d.name === 'duckdb' ? sql`in_customers AS MATERIALIZED (${customers})` : sql`in_customers AS (${customers})`));

/**
 * A customer filter (or none) as the two parts a statement needs: `withCte` opens its WITH list
 * (`in_customers AS (…),` or nothing) and `where` goes in each scan's WHERE (` AND customer_id IN …`
 * or nothing), so every scan reads the set `inCustomersCte` computes once.
 */
export function customerFilterSql(customers?: Sql): { withCte: Sql; where: Sql } {
  if (!customers) return { withCte: sql``, where: sql`` };
  return { withCte: sql`${inCustomersCte(customers)},
  `, where: sql` AND customer_id IN (SELECT customer_id FROM in_customers)` };
}
