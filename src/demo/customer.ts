import { logIn } from './account.ts';
import { arrive, listProducts, type VisitSource } from './acquisition.ts';
import { browse } from './browse.ts';
import { makeAppDevice, makeWebDevice, type Device } from './devices.ts';
import { abandonedCartEmail, type EmailCampaign, emailTouch } from './email.ts';
import { nearbyStore, storeOrder, voiceReorder } from './offline.ts';
import { HOME } from './pages.ts';
import { afterOrder } from './post-purchase.ts';
import type { SegmentMessage } from './segment-message.ts';
import { CustomerSim, type Order } from './sim.ts';
import { DAY, HOUR, MINUTE, visitTime } from './time.ts';
import { Visit } from './visit.ts';

export interface Window {
  start: number;
  end: number;
}

/**
 * One customer's whole life in the window, as Segment messages in time order. Each customer has
 * their own random stream (seed, index), so a customer's story does not depend on how many others
 * are generated and the output scales linearly.
 */
export function simulateCustomer(seed: number, index: number, w: Window, campaigns: readonly EmailCampaign[]): SegmentMessage[] {
  const sim = new CustomerSim(seed, index, w.start, w.end);
  const { rng, persona } = sim;
  const tz = sim.person.place.utcOffset;
  const primary = makeWebDevice(rng, rng.weighted(persona.devices));
  sim.devices.push(primary);
  const wantsSecond = rng.chance(persona.secondDevice);
  const wantsApp = rng.chance(persona.app);
  const hasSpeaker = rng.chance(persona.voice);
  let second: Device | undefined;
  let app: Device | undefined;
  sim.acquisition = rng.weighted(persona.sources);

  // Existing customers are already logged in on their browser; they re-identify on the first visit.
  const existing = rng.chance(persona.existing);
  let reidentify = existing;
  if (existing) {
    sim.hasAccount = true;
    sim.createdAt = w.start - rng.between(30, 1500) * DAY;
    sim.optIn = rng.chance(persona.marketingOptIn);
    primary.signedIn = true;
  }
  // New customers arrive through the window, slightly more towards its end (a growing shop).
  const offset = existing ? Math.min(rng.exp(12 * DAY), w.end - w.start - DAY) : Math.pow(rng.next(), 0.85) * (w.end - w.start);
  const returning: Record<VisitSource, number> = { ...persona.sources, direct: persona.sources.direct + 3, referral: 0, email: 0 };
  const mail: EmailCampaign[] = [];
  let ci = 0;
  let nudgedCart = '';

  const visit = (device: Device, at: number, source: VisitSource, email?: EmailCampaign, first = false): number => {
    let order: Order | undefined;
    let end: number;
    if (device.surface === 'app') {
      const v = new Visit(sim, device, at);
      v.track('Application Opened', { from_background: rng.chance(0.3), version: '3.4.1', build: '3410' });
      if (!device.signedIn) logIn(sim, v);
      v.view(HOME);
      order = browse(sim, v, listProducts(sim, v, 'home_featured', rng.pick(['Guitars', 'Pedals', 'Amps'])), { first: false, content: false, fromEmail: false });
      end = v.t;
    } else {
      const { visit: v, shown } = arrive(sim, device, at, source, email);
      if (reidentify && device === primary) {
        v.identify(sim.traits());
        reidentify = false;
      }
      order = browse(sim, v, shown, { first, content: source === 'content', fromEmail: source === 'email', coupon: email?.coupon });
      end = v.t;
    }
    if (order) placed(order);
    if (sim.cart.length && sim.optIn && sim.hasAccount && nudgedCart !== sim.cartId) {
      nudgedCart = sim.cartId;
      mail.push(abandonedCartEmail(end + rng.between(3, 20) * HOUR));
    }
    return end;
  };
  const placed = (order: Order): void => {
    sim.orders.push(order);
    afterOrder(sim, order);
    if (rng.chance(persona.churnAfterOrder)) sim.churned = true;
  };

  let t = visit(primary, visitTime(rng, w.start + offset, 0, tz), sim.acquisition, undefined, true);
  for (;;) {
    const gap = rng.exp((persona.gapDays * DAY) / Math.max(0.3, sim.engagement));
    const organic = sim.churned ? Infinity : visitTime(rng, Math.max(t, sim.notBefore), gap, tz);
    const click = nextClick(organic);
    if (click) {
      const device = second && rng.chance(0.4) ? second : primary;
      t = visit(device, click.at + rng.between(2, 10) * 1000, 'email', click.email);
      continue;
    }
    if (organic >= w.end) break;
    t = organicVisit(organic);
    if (rng.chance(persona.churn)) sim.churned = true;
  }

  /** Delivers the e-mails sent before `until`; returns the first one clicked through. */
  function nextClick(until: number): { at: number; email: EmailCampaign } | undefined {
    while (ci < campaigns.length && campaigns[ci].at < t) ci++;
    for (;;) {
      mail.sort((a, b) => a.at - b.at);
      const own = mail[0];
      const global = campaigns[ci];
      const email = own && (!global || own.at < global.at) ? own : global;
      if (!email || email.at >= Math.min(until, w.end)) return undefined;
      if (email === own) mail.shift();
      else ci++;
      const at = emailTouch(sim, email);
      if (at !== undefined) return { at, email };
    }
  }

  function organicVisit(at: number): number {
    if (nearbyStore(sim) && sim.hasAccount && rng.chance(persona.store)) {
      const order = storeOrder(sim, at);
      if (order) placed(order);
      return at + rng.between(15, 60) * MINUTE;
    }
    if (hasSpeaker && sim.orders.length && rng.chance(0.15)) {
      const order = voiceReorder(sim, at);
      if (order) placed(order);
      return at + MINUTE;
    }
    if (!app && wantsApp && sim.hasAccount && rng.chance(0.4)) {
      app = makeAppDevice(rng, primary.type === 'tablet' ? 'tablet' : 'mobile');
      sim.devices.push(app);
      new Visit(sim, app, at - 30_000).track('Application Installed', { version: '3.4.1', build: '3410' });
      return visit(app, at, 'direct');
    }
    if (app && rng.chance(0.55)) return visit(app, at, 'direct');
    if (wantsSecond && rng.chance(0.35)) {
      if (!second) {
        second = makeWebDevice(rng, primary.type === 'desktop' ? 'mobile' : 'desktop');
        sim.devices.push(second);
      }
      return visit(second, at, rng.weighted(returning));
    }
    return visit(primary, at, rng.weighted(returning));
  }

  return sim.out.messages.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}
