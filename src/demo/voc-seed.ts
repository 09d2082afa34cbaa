import type { Services } from '../api/services.ts';
import { analyzeComment } from '../voc/surveys/analyze.ts';
import type { Survey } from '../voc/surveys/definition.ts';
import { recordResponses, type RecordItem } from '../voc/surveys/record.ts';
import { Rng } from './rng.ts';
import { DAY, HOUR, MINUTE } from './time.ts';
import { COMMENTS, type CommentTopic } from './voc-comments.ts';
import { CHAT_SURVEY, DELIVERY_SURVEY, type DemoLanguage } from './voc-surveys.ts';
import { vocFacts, type ChatFacts, type DeliveryFacts } from './voc-facts.ts';

/** Share of asked customers who answer (e-mail NPS surveys get 20–40 %; in-chat CSAT more). */
const DELIVERY_RESPONSE_RATE = 0.45;
const CHAT_RESPONSE_RATE = 0.5;
const BATCH = 500;

export interface VocSeedResult { surveys: Survey[]; responses: number }

/**
 * Surveys and answers for the demo workspace, so the Voice-of-the-customer views have something to
 * show from the first start: an NPS + effort survey a day after delivery and a CSAT survey after
 * support chats. Who answers and what they say follow what the events say happened to them (late
 * parcels, failed payments, slow pages), so the scores, themes and cases agree with the journey.
 * Answers go through `recordResponse` (the submit path without its rate limit), dated on the demo's
 * timeline. Same seed and events → same answers.
 */
export async function seedVoc(services: Services, workspaceId: string, options: { seed: number; end: Date }): Promise<VocSeedResult> {
  const delivery = await services.surveys.create(workspaceId, DELIVERY_SURVEY);
  const chat = await services.surveys.create(workspaceId, CHAT_SURVEY);
  const end = options.end.getTime();
  const facts = await vocFacts(services.store, workspaceId);
  const toDelivery: RecordItem[] = [], toChat: RecordItem[] = [];

  for (const f of facts.deliveries) {
    const rng = new Rng(options.seed ^ 0x766f63, hashKey(whoOf(f)));
    if (!rng.chance(DELIVERY_RESPONSE_RATE)) continue;
    const at = f.deliveredAt + DAY + rng.logNormal(5 * HOUR, 0.8);
    if (at >= end) continue;
    const language = languageOf(rng, f.country);
    const { answers } = deliveryAnswers(rng, f, language);
    toDelivery.push({ at: new Date(at), input: {
      surveyId: delivery.id, ...f.identity, answers, language, channel: 'email', responseId: `demo-nps-${whoOf(f)}`.slice(0, 64),
    } });
  }
  for (const f of facts.chats) {
    const rng = new Rng(options.seed ^ 0x636861, hashKey(whoOf(f)));
    if (!rng.chance(CHAT_RESPONSE_RATE)) continue;
    const at = f.endedAt + CHAT_SURVEY.trigger!.delayMinutes * MINUTE + rng.between(0, 20) * MINUTE;
    if (at >= end) continue;
    const language = languageOf(rng, f.country);
    toChat.push({ at: new Date(at), input: {
      surveyId: chat.id, ...f.identity, answers: chatAnswers(rng, f, language), language, channel: 'chat', touchpoint: 'support-chat',
      responseId: `demo-csat-${whoOf(f)}`.slice(0, 64),
    } });
  }
  for (const [survey, items] of [[delivery, toDelivery], [chat, toChat]] as const) {
    for (let i = 0; i < items.length; i += BATCH) await recordResponses(services, workspaceId, survey, items.slice(i, i + BATCH), analyzeComment);
  }
  return { surveys: [delivery, chat], responses: toDelivery.length + toChat.length };
}

/** NPS falls with each bad moment before the survey; effort rises with the same moments. */
export function deliveryAnswers(rng: Rng, f: DeliveryFacts, language: DemoLanguage): { answers: Record<string, unknown>; topic: CommentTopic | null } {
  const slow = f.slowPages >= 2 || f.errors > 0;
  const latent = 8.7 + 1.1 * rng.normal() - 3.8 * +f.late - 2.4 * +(f.paymentFailures > 0) - 1.3 * +slow - 0.9 * +(f.orderChats > 0) + 0.5 * +f.early;
  const nps = clamp(Math.round(latent), 0, 10);
  const effort = clamp(Math.round(2 + 0.9 * rng.normal() + 2.4 * +f.late + 1.6 * +(f.paymentFailures > 0) + 0.9 * +slow + 1.2 * +(f.orderChats > 0)), 1, 7);
  const answers: Record<string, unknown> = { nps };
  if (rng.chance(0.85)) answers.effort = effort;
  // Promoters praise what went well even after a hiccup; everyone else names the bad moment they had.
  const topic: CommentTopic = nps >= 9 ? (f.early ? 'delivery-fast' : rng.pick(['delivery-fast', 'price-good', 'product-good', 'support-good'] as const))
    : f.late ? 'delivery-late' : f.paymentFailures > 0 ? 'payment-failed' : slow ? 'site-slow'
    : nps <= 6 ? rng.pick(['price-high', 'support-bad', 'returns-hassle'] as const)
    : rng.pick(['price-high', 'delivery-fast', 'product-good'] as const);
  if (nps <= 6 && rng.chance(0.8)) answers['let-down'] = LET_DOWN[topic];
  // Unhappy customers write more often.
  const writes = rng.chance(nps <= 6 ? 0.8 : nps <= 8 ? 0.45 : 0.55);
  if (writes) answers.reason = COMMENTS[language][topic];
  return { answers, topic: writes ? topic : null };
}

const LET_DOWN: Record<CommentTopic, string> = {
  'delivery-late': 'delivery', 'payment-failed': 'payment', 'site-slow': 'website', 'returns-hassle': 'returns', 'price-high': 'price',
  'support-bad': 'support', 'delivery-fast': 'delivery', 'price-good': 'price', 'product-good': 'price', 'support-good': 'support',
};

/** CSAT: unresolved and long chats, and chasing a parcel, leave people less satisfied. */
export function chatAnswers(rng: Rng, f: ChatFacts, language: DemoLanguage): Record<string, unknown> {
  const latent = 4.6 + 0.7 * rng.normal() - 1.9 * +!f.resolved - 0.6 * +(f.durationSeconds > 15 * 60) - 0.4 * +(f.topic === 'where is my order');
  const csat = clamp(Math.round(latent), 1, 5);
  const answers: Record<string, unknown> = { csat };
  if (rng.chance(csat <= 3 ? 0.7 : 0.35)) {
    answers.better = COMMENTS[language][csat <= 3 ? (f.topic === 'where is my order' && rng.chance(0.5) ? 'delivery-late' : 'support-bad') : 'support-good'];
  }
  return answers;
}

/** German and French customers mostly write in their language; the rest of the shop's customers in many. */
function languageOf(rng: Rng, country: string | null): DemoLanguage {
  if (country === 'DE' && rng.chance(0.85)) return 'de';
  return rng.weighted({ en: 56, es: 9, fr: 4, pl: 6, pt: 5, he: 8, zh: 7, tr: 5 });
}

/** The generator's own id for the customer (customer ids are minted at ingest, so they differ between loads). */
const whoOf = (f: { identity: { userId: string } | { anonymousId: string } }) => ('userId' in f.identity ? f.identity.userId : f.identity.anonymousId);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A stable stream number per customer, so one customer's answers do not depend on the others. */
function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
