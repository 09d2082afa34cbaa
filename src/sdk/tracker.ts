/**
 * touchpoint.js — the browser tracker served at `/sdk.js`.
 *
 * Add it to a page with:
 * ```html
 * <script src="https://host/sdk.js" data-write-key="WRITE_KEY" data-host="https://host" async></script>
 * <script>window.touchpoint = window.touchpoint || [];</script>
 * ```
 * The second line makes a queue, so calls made before the async script has loaded are replayed
 * once it has. Call through `push`, which works both before and after loading:
 * ```js
 * touchpoint.push(['track', 'Product Viewed', { product_id: 'p1' }]);
 * ```
 * Once loaded, `window.touchpoint` also has the methods of {@link Touchpoint}:
 * `touchpoint.identify('user-42', { email: 'a@b.c' })`.
 */
import { context, pageInfo } from './context.ts';
import { watchErrors, watchPageLoad } from './friction.ts';
import { readId, writeId } from './storage.ts';
import { createTransport, type Transport } from './transport.ts';
import type { InitOptions, Message, MessageType, Props } from './types.ts';
import { uuid } from './uuid.ts';
import { checkSurveys } from './widget.ts';

/** Replaced at build time with package.json's version. */
declare const __TP_VERSION__: string;

/** A queued call, e.g. `['track', 'Signed Up', { plan: 'pro' }]`. */
export type Call = [method: string, ...args: unknown[]];

/** The global `window.touchpoint`. */
export interface Touchpoint {
  /**
   * Starts tracking. Not needed when the script tag has `data-write-key`.
   * @example touchpoint.init({ writeKey: 'wk_123', host: 'https://touchpoint.example.com' })
   */
  init(options: InitOptions): void;
  /**
   * Records a page view of the current URL. `name` is optional; properties may come first.
   * @example touchpoint.page('Pricing', { plan: 'pro' })
   */
  page(name?: string | Props, properties?: Props): void;
  /**
   * Records an event. Use Segment spec names where one exists.
   * @example touchpoint.track('Order Completed', { order_id: 'o-1', total: 42 })
   */
  track(event: string, properties?: Props): void;
  /**
   * Ties this browser to a known user; the user id is kept for later visits.
   * @example touchpoint.identify('user-42', { email: 'ana@example.com', plan: 'pro' })
   */
  identify(userId: string | Props, traits?: Props): void;
  /** Forgets the user id and starts a new anonymous id, e.g. on logout. */
  reset(): void;
  /** Sends queued messages now. @example await touchpoint.flush() */
  flush(): Promise<void>;
  /** Runs a queued-style call: `touchpoint.push(['track', 'Clicked'])`. */
  push(call: Call): void;
  /** The anonymous id, e.g. to attach survey responses to the same visitor. */
  anonymousId(): string;
  /** The user id set by `identify`, if any. */
  userId(): string | null;
}

const ANON_KEY = 'tp_anon';
const USER_KEY = 'tp_uid';

function createTracker(script: HTMLScriptElement | null): Touchpoint {
  let transport: Transport | undefined;
  const pending: Call[] = [];
  let anonymousId = readId(ANON_KEY) || uuid();
  let userId = readId(USER_KEY);
  writeId(ANON_KEY, anonymousId); // also refreshes the cookie's expiry

  function send(type: MessageType, fields: Partial<Message>): void {
    const m: Message = {
      type,
      messageId: uuid(),
      timestamp: new Date().toISOString(),
      anonymousId,
      context: context(__TP_VERSION__),
      ...fields,
    };
    if (userId) m.userId = userId;
    transport!.enqueue(m);
  }

  // Before init, calls wait in `pending` and are replayed in order by init.
  const ready = (method: string, args: unknown[]): boolean => {
    if (!transport) pending.push([method, ...args]);
    return !!transport;
  };

  const api: Touchpoint = {
    init(o) {
      if (transport) return;
      const host = o.host || (script && script.src ? new URL(script.src).origin : location.origin);
      transport = createTransport({
        host,
        writeKey: o.writeKey,
        flushInterval: o.flushInterval || 2000,
        batchSize: o.batchSize || 20,
      });
      const hide = (): void => transport!.beacon();
      addEventListener('pagehide', hide);
      document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && hide());
      if (o.autoPage !== false) api.page();
      if (o.friction !== false) {
        watchPageLoad((p) => api.track('Page Load', p));
        watchErrors((p) => api.track('Error', p));
      }
      pending.splice(0).forEach(api.push);
      // After the first flush, so a trigger event sent on this page already counts.
      if (o.surveys !== false) setTimeout(() => api.flush().then(() => checkSurveys(host, o.writeKey, () => ({ userId, anonymousId }))), 1500);
    },
    page(name, properties) {
      if (typeof name === 'object') [name, properties] = [undefined, name];
      if (!ready('page', [name, properties])) return;
      send('page', { name, properties: { ...pageInfo(), name, ...properties } });
    },
    track(event, properties) {
      if (ready('track', [event, properties])) send('track', { event, properties: properties || {} });
    },
    identify(id, traits) {
      if (typeof id === 'object') [id, traits] = [userId || '', id];
      if (!ready('identify', [id, traits])) return;
      if (id) writeId(USER_KEY, (userId = id));
      send('identify', { traits: traits || {} });
    },
    reset() {
      userId = null;
      writeId(USER_KEY, null);
      writeId(ANON_KEY, (anonymousId = uuid()));
    },
    flush: () => (transport ? transport.flush() : Promise.resolve()),
    push(call) {
      const fn = (api as unknown as Record<string, (...a: unknown[]) => unknown>)[call[0]];
      if (typeof fn === 'function') fn(...call.slice(1));
    },
    anonymousId: () => anonymousId,
    userId: () => userId,
  };
  return api;
}

const w = window as unknown as { touchpoint?: Call[] | Touchpoint };
// Loaded twice? Keep the first tracker.
if (!w.touchpoint || Array.isArray(w.touchpoint)) {
  const queued = w.touchpoint || [];
  const script = (document.currentScript ||
    document.querySelector('script[data-write-key]')) as HTMLScriptElement | null;
  const api = (w.touchpoint = createTracker(script));
  const d = (script && script.dataset) || {};
  if (d.writeKey) {
    api.init({
      writeKey: d.writeKey,
      host: d.host,
      autoPage: d.autoPage !== 'false',
      friction: d.friction !== 'false',
      flushInterval: Number(d.flushInterval) || undefined,
      batchSize: Number(d.batchSize) || undefined,
      surveys: d.surveys !== 'false',
    });
  }
  queued.forEach(api.push);
}
