import type { Journey } from '../../journeys/definition.ts';
import { personaCaseSql } from '../../journeys/persona-sql.ts';
import { join, raw, sql, type Sql } from '../../storage/sql.ts';
import { argMaxIfSql } from './dialect-sql.ts';
import { AnalyticsInputError } from './errors.ts';

/**
 * `SELECT customer_id FROM … WHERE persona = <id>`: the customers of the workspace whose persona
 * (the first persona of the journey whose rule holds, persona-rule.ts) is `personaId`, as of `asOf`
 * (exclusive; default: the workspace's latest event, inclusive).
 *
 * The rule's context per customer (persona-sql.ts): `traits` is the customer's latest non-null
 * traits (the last `identify`), `count(events, withinDays)` the customer's events of those names up
 * to `asOf`, within the last `withinDays` days when given. Every count the rules need is one column
 * of a single aggregate over the customer's events, so the filter costs one scan whatever the rules.
 */
export function personaCustomersSql(journey: Journey, personaId: string, workspaceId: string, asOf?: Date): Sql {
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
        SELECT customer_id, ${argMaxIfSql(raw('traits'), raw('ts'), raw('traits IS NOT NULL'))} AS pc_traits${counts.length ? sql`, ${join(counts)}` : sql``}
        FROM events, (SELECT ${end} AS pc_end) pc_asof
        WHERE workspace_id = ${workspaceId} AND ${inRange}
        GROUP BY customer_id
      ) pc_ctx
    ) pc WHERE pc_persona = ${personaId}`;
}
