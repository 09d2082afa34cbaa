import { CATEGORIES, type Category, STORE_URL } from './catalog.ts';
import { ANALYTICS_NODE } from './devices.ts';
import type { CustomerSim } from './sim.ts';
import { DAY, HOUR, SECOND } from './time.ts';

export interface EmailCampaign {
  id: string;
  name: string;
  subject: string;
  /** Send time. */
  at: number;
  kind: 'newsletter' | 'promo' | 'lifecycle';
  category?: Category;
  coupon?: string;
}

const PROMOS: { name: string; category: Category; coupon: string }[] = [
  { name: 'Fall Pedal Sale', category: 'Pedals', coupon: 'PEDAL15' },
  { name: 'String Stock-Up', category: 'Strings', coupon: 'STRINGS3' },
  { name: 'Amp Week', category: 'Amps', coupon: 'AMPWEEK' },
  { name: 'Beginner Bundle Days', category: 'Guitars', coupon: 'START10' },
  { name: 'Gift Guide 2026', category: 'Accessories', coupon: 'GIFT10' },
];

/**
 * The marketing calendar: a newsletter every Thursday and a promotion every third Tuesday, sent at
 * 15:00 UTC. It is the same for every customer (it is one business's calendar), so it depends on the
 * window only, not on the seed.
 */
export function campaignCalendar(start: number, end: number): EmailCampaign[] {
  const out: EmailCampaign[] = [];
  const firstDay = Math.ceil(start / DAY) * DAY;
  let promo = 0;
  let tuesdays = 0;
  for (let day = firstDay; day < end; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    const date = new Date(day).toISOString().slice(0, 10);
    const at = day + 15 * HOUR;
    if (weekday === 4) {
      const category = CATEGORIES[(out.length + 2) % CATEGORIES.length];
      out.push({ id: `newsletter-${date}`, name: `Newsletter ${date}`, subject: `New in ${category.toLowerCase()} this week`, at, kind: 'newsletter', category });
    } else if (weekday === 2 && tuesdays++ % 3 === 1) {
      const p = PROMOS[promo++ % PROMOS.length];
      out.push({ id: `promo-${date}`, name: p.name, subject: `${p.name}: this week only`, at, kind: 'promo', category: p.category, coupon: p.coupon });
    }
  }
  return out.filter((c) => c.at >= start && c.at < end);
}

export function abandonedCartEmail(at: number): EmailCampaign {
  return { id: 'abandoned-cart', name: 'Abandoned Cart', subject: 'You left something in your cart', at, kind: 'lifecycle' };
}

/**
 * `Email Opened` and maybe `Email Link Clicked` for one send, as an e-mail service reports them into
 * Segment (server-side, `email` channel). Only customers with an account who opted in get mail.
 * Returns the click time when they clicked through, so the caller can start a visit there.
 */
export function emailTouch(sim: CustomerSim, campaign: EmailCampaign): number | undefined {
  const { rng } = sim;
  if (!sim.hasAccount || !sim.optIn || sim.createdAt > campaign.at) return undefined;
  const lifecycle = campaign.kind === 'lifecycle';
  const openRate = sim.churned ? 0.06 : (lifecycle ? 0.45 : 0.28) * Math.min(1.3, sim.engagement);
  if (!rng.chance(openRate)) return undefined;
  const emailId = `${campaign.id}:${sim.userId}`;
  const context = {
    channel: 'email' as const,
    library: ANALYTICS_NODE,
    campaign: { source: lifecycle ? 'lifecycle' : 'newsletter', medium: 'email', name: campaign.id },
  };
  const who = { userId: sim.userId };
  const base = { email_id: emailId, campaign_id: campaign.id, campaign_name: campaign.name, email_subject: campaign.subject };
  let t = campaign.at + rng.logNormal(3 * HOUR, 1.1);
  sim.out.push(t, { type: 'track', event: 'Email Opened', ...who, properties: base, context });
  const clickRate = sim.churned ? 0 : (lifecycle ? 0.35 : 0.2) * Math.min(1.3, sim.engagement);
  if (!rng.chance(clickRate)) return undefined;
  t += rng.between(5, 300) * SECOND;
  const linkUrl = lifecycle ? `${STORE_URL}/cart` : `${STORE_URL}/c/${(campaign.category ?? 'guitars').toLowerCase()}`;
  sim.out.push(t, { type: 'track', event: 'Email Link Clicked', ...who, properties: { ...base, link_id: 'cta', link_url: linkUrl }, context });
  return t;
}
