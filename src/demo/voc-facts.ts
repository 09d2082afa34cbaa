import { dialectFn, join, raw, sql } from '../storage/sql.ts';
import type { Store } from '../storage/store.ts';

/** A page slower than this counts as friction (the demo's own abandon curve starts rising at 2 s). */
const SLOW_PAGE_MS = 3000;

type Identity = { userId: string } | { anonymousId: string };

/** What happened to a customer up to their first delivery: what their survey answer depends on. */
export interface DeliveryFacts {
  customerId: string;
  identity: Identity;
  country: string | null;
  deliveredAt: number;
  late: boolean;
  early: boolean;
  paymentFailures: number;
  slowPages: number;
  errors: number;
  /** "Where is my order?" chats before the parcel came. */
  orderChats: number;
}

export interface ChatFacts {
  customerId: string;
  identity: Identity;
  country: string | null;
  endedAt: number;
  topic: string;
  resolved: boolean;
  durationSeconds: number;
}

interface Row { customer_id: string; event: string; ts: Date; user_id: string | null; anonymous_id: string | null; properties: string | null }

const EVENTS = ['Order Delivered', 'Payment Failed', 'Error', 'Support Chat Ended'];

async function load(store: Store, workspaceId: string) {
  const duration = dialectFn((d) => d.jsonNumber(raw('properties'), ['duration_ms']));
  const rows = await store.query<Row>(sql`
    SELECT customer_id, event, ts, user_id, anonymous_id, properties FROM events
    WHERE workspace_id = ${workspaceId}
      AND (event IN (${join(EVENTS.map((e) => sql`${e}`))}) OR (event = ${'Page Load'} AND ${duration} > ${SLOW_PAGE_MS}))
    ORDER BY customer_id, ts, message_id`);
  const country = dialectFn((d) => d.jsonText(raw('traits'), ['country']));
  const countries = await store.query<{ customer_id: string; country: string | null }>(sql`
    SELECT customer_id, max(${country}) AS country FROM events WHERE workspace_id = ${workspaceId} AND traits IS NOT NULL GROUP BY customer_id`);
  const byCustomer = new Map<string, Row[]>();
  for (const r of rows) {
    const list = byCustomer.get(r.customer_id);
    if (list) list.push(r);
    else byCustomer.set(r.customer_id, [r]);
  }
  return { byCustomer, countryOf: new Map(countries.map((c) => [c.customer_id, c.country])) };
}

const identityOf = (r: Row): Identity => (r.user_id ? { userId: r.user_id } : { anonymousId: r.anonymous_id! });
const props = (r: Row): Record<string, unknown> => (r.properties ? JSON.parse(r.properties) : {});

/** Per customer: their first delivery and their first support chat, from one read of the events. */
export async function vocFacts(store: Store, workspaceId: string): Promise<{ deliveries: DeliveryFacts[]; chats: ChatFacts[] }> {
  const { byCustomer, countryOf } = await load(store, workspaceId);
  return { deliveries: deliveryFacts(byCustomer, countryOf), chats: chatFacts(byCustomer, countryOf) };
}

type Loaded = Awaited<ReturnType<typeof load>>;

function deliveryFacts(byCustomer: Loaded['byCustomer'], countryOf: Loaded['countryOf']): DeliveryFacts[] {
  const out: DeliveryFacts[] = [];
  for (const [customerId, rows] of byCustomer) {
    const d = rows.find((r) => r.event === 'Order Delivered');
    if (!d) continue;
    const at = d.ts.getTime();
    const p = props(d);
    const promised = Date.parse(String(p.promised_at)), delivered = Date.parse(String(p.delivered_at));
    const before = rows.filter((r) => r.ts.getTime() <= at);
    out.push({
      customerId, identity: identityOf(d), country: countryOf.get(customerId) ?? null, deliveredAt: at,
      late: delivered > promised, early: delivered < promised - 86_400_000,
      paymentFailures: before.filter((r) => r.event === 'Payment Failed').length,
      slowPages: before.filter((r) => r.event === 'Page Load').length,
      errors: before.filter((r) => r.event === 'Error').length,
      orderChats: before.filter((r) => r.event === 'Support Chat Ended' && props(r).topic === 'where is my order').length,
    });
  }
  return out;
}

function chatFacts(byCustomer: Loaded['byCustomer'], countryOf: Loaded['countryOf']): ChatFacts[] {
  const out: ChatFacts[] = [];
  for (const [customerId, rows] of byCustomer) {
    const c = rows.find((r) => r.event === 'Support Chat Ended');
    if (!c) continue;
    const p = props(c);
    out.push({
      customerId, identity: identityOf(c), country: countryOf.get(customerId) ?? null, endedAt: c.ts.getTime(),
      topic: String(p.topic ?? ''), resolved: p.resolved === true, durationSeconds: Number(p.duration_seconds ?? 0),
    });
  }
  return out;
}
