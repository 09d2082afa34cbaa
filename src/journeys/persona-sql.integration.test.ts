import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, TouchEvent } from '../ingest/event.ts';
import { DuckDBStore } from '../storage/duckdb/duckdb-store.ts';
import { join, sql } from '../storage/sql.ts';
import { validateJourney, type Journey } from './index.ts';
import { countEventsFrom, personaOf } from './persona-memory.ts';
import { personaCaseSql } from './persona-sql.ts';
import { T0, ev } from './test-events.ts';

/** personaCaseSql on DuckDB picks the same persona as personaOf, for customers with varied traits and histories. */
const DAY = 86_400_000;
const r = validateJourney({
  id: 'j', name: 'J', stages: [{ id: 's', name: 'S', touchpoints: [{ id: 't', name: 'T', match: { event: 'x' } }] }],
  personas: [
    { id: 'pro', name: 'Pro', rule: { any: [{ property: 'traits.persona', op: 'eq', value: 'Gigging Pro' }, { all: [{ property: 'traits.plan', op: 'in', value: ['pro', 'band'] }, { event: 'Order Completed', minCount: 3, withinDays: 90 }] }] } },
    { id: 'big', name: 'Big spender', rule: { property: 'traits.lifetime_value', op: 'gte', value: 1000 } },
    { id: 'returner', name: 'Returner', rule: { event: ['Return Requested', 'Exchange Requested'], minCount: 2 } },
    { id: 'lapsed', name: 'Lapsed', rule: { all: [{ event: 'Order Completed' }, { event: 'Order Completed', withinDays: 30, maxCount: 0 }] } },
    { id: 'new', name: 'New', rule: { not: { any: [{ property: 'traits.persona', op: 'exists' }, { event: 'Order Completed' }] } } },
  ],
});
if (!r.ok) throw new Error(JSON.stringify(r.errors));
const journey: Journey = r.journey;

/** Deterministic variety: traits and event histories from the customer number. */
function customer(i: number): { id: string; traits: Json | null; events: TouchEvent[] } {
  const id = `c${i}`;
  const traits: Json | null = i % 7 === 0 ? null : {
    ...(i % 5 === 0 ? { persona: 'Gigging Pro' } : i % 5 === 1 ? { persona: 'Beginner' } : {}),
    ...(i % 3 === 0 ? { plan: 'pro' } : i % 3 === 1 ? { plan: 'free' } : {}),
    ...(i % 4 === 0 ? { lifetime_value: 1500 } : i % 4 === 1 ? { lifetime_value: '999' } : {}),
  };
  const events: TouchEvent[] = [];
  for (let k = 0; k < i % 6; k++) events.push(ev({ customerId: id, event: 'Order Completed', timestamp: T0 - ((i * 17 + k * 23) % 120) * DAY }));
  for (let k = 0; k < i % 3; k++) events.push(ev({ customerId: id, event: k % 2 ? 'Exchange Requested' : 'Return Requested', timestamp: T0 - k * DAY }));
  events.push(ev({ customerId: id, event: 'Order Completed', timestamp: T0 + DAY })); // after asOf: never counted
  return { id, traits, events };
}
const customers = Array.from({ length: 120 }, (_, i) => customer(i));

let store: DuckDBStore;
beforeAll(async () => {
  store = await DuckDBStore.open(':memory:');
  await store.init();
  await store.commitIngest(customers.flatMap((c) => c.events), { added: [], merged: [] });
});
afterAll(async () => { await store?.close(); });

describe('personaCaseSql', () => {
  it('agrees with personaOf for every customer', async () => {
    const rows = customers.map((c) => sql`(${c.id}, ${c.traits === null ? null : JSON.stringify(c.traits)})`);
    const persona = personaCaseSql(journey, {
      traits: sql`CAST(c.traits AS JSON)`,
      count: (events, withinDays) => sql`(SELECT count(*) FROM events e WHERE e.customer_id = c.id
        AND e.event IN (${join(events.map((e) => sql`${e}`))}) AND e.ts <= ${new Date(T0)}
        ${withinDays === undefined ? sql`` : sql`AND e.ts > ${new Date(T0 - withinDays * DAY)}`})`,
    });
    const result = await store.query<{ id: string; persona: string | null }>(
      sql`SELECT c.id, ${persona} AS persona FROM (VALUES ${join(rows)}) AS c(id, traits) ORDER BY c.id`);
    const expected = customers.map((c) => ({ id: c.id, persona: personaOf(journey, c.traits, countEventsFrom(c.events, T0))?.id ?? null }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(result).toEqual(expected);
    expect(new Set(expected.map((e) => e.persona))).toEqual(new Set(['pro', 'big', 'returner', 'lapsed', 'new', null]));
  });
});
