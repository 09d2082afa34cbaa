import type { Channel } from '../ingest/event.ts';
import type { Device } from './devices.ts';
import { ERROR_MESSAGES, errorChance, pageLoadMs } from './friction.ts';
import { type PageDef, pageUrl } from './pages.ts';
import type { SegmentCampaign, SegmentContext } from './segment-message.ts';
import type { CustomerSim } from './sim.ts';
import { SECOND } from './time.ts';

export interface VisitEntry {
  referrer?: string;
  campaign?: SegmentCampaign;
  /** Query string added to the landing page (utm parameters, `gclid`, `ref`). */
  landingQuery?: string;
}

/**
 * One session on one device. Keeps the clock and the current page so every call carries the
 * context a real SDK would: the page (web) or app/device/os block (app), locale and, on the landing
 * page only, the campaign — analytics.js reads `utm_*` from the current URL, so later pages lose it.
 */
export class Visit {
  t: number;
  private page: PageDef | undefined;
  private url = '';
  private referrer: string;
  private campaign: SegmentCampaign | undefined;
  private landingQuery: string;
  /** `context` keys fixed for the whole visit, and the `context.page` of the current page. */
  private readonly base: SegmentContext;
  private pageContext: SegmentContext['page'];
  /** Whether the last page view threw an `Error`: checkout uses it, a broken page loses buyers. */
  lastViewErrored = false;

  constructor(readonly sim: CustomerSim, readonly device: Device, start: number, entry: VisitEntry = {}) {
    this.t = start;
    this.referrer = entry.referrer ?? '';
    this.campaign = entry.campaign;
    this.landingQuery = entry.landingQuery ?? '';
    const place = sim.person.place;
    this.base = { ...device.context, locale: place.locale, timezone: place.timezone } as SegmentContext;
  }

  get web(): boolean {
    return this.device.surface === 'web';
  }

  wait(minSeconds: number, maxSeconds: number): void {
    this.t += this.sim.rng.between(minSeconds, maxSeconds) * SECOND;
  }

  /**
   * Web: a `page` call, then a `Page Load` timing and now and then an `Error`. App: a `screen` call.
   * Returns the load time in ms (0 in the app, whose screens are not timed).
   */
  view(p: PageDef, properties: Record<string, unknown> = {}): number {
    const { rng } = this.sim;
    if (this.page) {
      this.referrer = this.url;
      this.campaign = undefined;
    }
    if (!this.web) {
      this.page = p;
      this.sim.out.push(this.t, { type: 'screen', name: p.screen, ...this.sim.identity(this.device), properties, context: this.context() });
      return 0;
    }
    const search = this.page ? p.search : joinQuery(p.search, this.landingQuery);
    this.page = { ...p, search };
    this.url = pageUrl(this.page);
    this.pageContext = { path: p.path, url: this.url, referrer: this.referrer, title: p.title, search };
    const pageProps = { path: p.path, url: this.url, referrer: this.referrer, title: p.title, search, ...properties };
    this.sim.out.push(this.t, { type: 'page', name: p.name, ...this.sim.identity(this.device), properties: pageProps, context: this.context() });
    const loadMs = pageLoadMs(rng, this.device, p.path);
    this.t += loadMs;
    this.track('Page Load', { path: p.path, url: this.url, duration_ms: loadMs });
    this.lastViewErrored = rng.chance(errorChance(this.device, p.path));
    if (this.lastViewErrored) {
      this.wait(1, 20);
      this.track('Error', { message: rng.pick(ERROR_MESSAGES), path: p.path, source: 'javascript', fatal: false });
    }
    return loadMs;
  }

  /** A `track` call from this device; `channel` overrides the device's own (e.g. the chat widget). */
  track(event: string, properties: Record<string, unknown>, channel?: Channel): void {
    this.sim.out.push(this.t, { type: 'track', event, ...this.sim.identity(this.device), properties, context: this.context(channel) });
  }

  identify(traits: Record<string, unknown>): void {
    this.sim.out.push(this.t, { type: 'identify', ...this.sim.identity(this.device), traits, context: this.context() });
  }

  alias(previousId: string): void {
    this.sim.out.push(this.t, { type: 'alias', userId: this.sim.userId, anonymousId: this.device.anonymousId, previousId, context: this.context() });
  }

  group(groupId: string, traits: Record<string, unknown>): void {
    this.sim.out.push(this.t, { type: 'group', groupId, ...this.sim.identity(this.device), traits, context: this.context() });
  }

  private context(channel?: Channel): SegmentContext {
    const ctx = { ...this.base };
    if (channel) ctx.channel = channel;
    if (this.pageContext) ctx.page = this.pageContext;
    if (this.campaign) ctx.campaign = this.campaign;
    return ctx;
  }
}

function joinQuery(search: string, extra: string): string {
  if (!extra) return search;
  return search ? `${search}&${extra}` : `?${extra}`;
}
