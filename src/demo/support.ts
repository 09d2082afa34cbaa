import type { Device } from './devices.ts';
import { HELP, orderPage } from './pages.ts';
import type { CustomerSim, Order } from './sim.ts';
import { MINUTE, SECOND } from './time.ts';
import { Visit } from './visit.ts';

export const SUPPORT_TOPICS = ['where is my order', 'return', 'exchange', 'product question', 'payment issue'] as const;
export type SupportTopic = (typeof SUPPORT_TOPICS)[number];

/** Typical handling minutes per topic: delivery chases are quick, product advice takes longer. */
const MEDIAN_MINUTES: Record<SupportTopic, number> = {
  'where is my order': 5, return: 7, exchange: 8, 'product question': 9, 'payment issue': 6,
};

/** A chat in the site or app widget during `visit`: start and end events on the `chat` channel. */
export function chat(sim: CustomerSim, visit: Visit, topic: SupportTopic, orderId?: string): void {
  const { rng } = sim;
  const chatId = sim.nextId('chat');
  const base: Record<string, unknown> = { chat_id: chatId, topic };
  if (orderId) base.order_id = orderId;
  visit.wait(2, 30);
  visit.track('Support Chat Started', base, 'chat');
  const seconds = Math.round(rng.logNormal(MEDIAN_MINUTES[topic] * 60, 0.5));
  visit.t += seconds * SECOND;
  visit.track('Support Chat Ended', {
    ...base, duration_seconds: seconds, resolved: rng.chance(0.82), agent_id: `agent_${rng.int(1, 14)}`,
  }, 'chat');
}

/**
 * A customer reaching out at `at`: by phone when the persona prefers it and the call centre can
 * match them (an account with a phone number), otherwise by chat after opening the order or help
 * page.
 */
export function contactSupport(sim: CustomerSim, at: number, topic: SupportTopic, order?: Order, device?: Device): void {
  if (prefersPhone(sim)) {
    call(sim, at, topic, order?.orderId);
    return;
  }
  const visit = new Visit(sim, device ?? order?.device ?? sim.web, at);
  visit.view(order ? orderPage(order.orderId) : HELP);
  visit.t += sim.rng.between(0.2, 2) * MINUTE;
  chat(sim, visit, topic, order?.orderId);
}

/** A product question asked mid-visit: a call for phone people, else the chat widget. */
export function askAboutProduct(sim: CustomerSim, visit: Visit): void {
  if (prefersPhone(sim)) visit.t = call(sim, visit.t, 'product question');
  else chat(sim, visit, 'product question');
}

function prefersPhone(sim: CustomerSim): boolean {
  return sim.hasAccount && sim.person.phone !== undefined && sim.rng.chance(sim.persona.phone);
}

/** A call-centre call, reported by the telephony system when it ends. Returns the end time. */
function call(sim: CustomerSim, at: number, topic: SupportTopic, orderId?: string): number {
  const { rng } = sim;
  const queue = Math.round(rng.logNormal(90, 0.8));
  const talk = Math.round(rng.logNormal(MEDIAN_MINUTES[topic] * 60 * 1.3, 0.5));
  const properties: Record<string, unknown> = {
    call_id: sim.nextId('call'), reason: topic, duration_seconds: talk, queue_seconds: queue,
    resolved: rng.chance(0.85), agent_id: `agent_${rng.int(1, 14)}`,
  };
  if (orderId) properties.order_id = orderId;
  const end = at + (queue + talk) * SECOND;
  sim.out.server(end, { userId: sim.userId }, 'Call Completed', properties, 'phone');
  return end;
}
