import type { DeviceType } from './personas.ts';
import type { Rng } from './rng.ts';
import type { SegmentLibrary } from './segment-message.ts';

export type Surface = 'web' | 'app';

/** One browser or app install. Each has its own anonymous id, as analytics.js and the mobile SDKs do. */
export interface Device {
  anonymousId: string;
  surface: Surface;
  type: DeviceType;
  /** Once someone logs in here, every later call carries the user id too (SDKs persist it). */
  signedIn: boolean;
  /** Multiplier on page-load times: phones on cellular are slower than desktops on broadband. */
  slowness: number;
  /** The static part of `context`, shared by every message from this device. */
  context: Record<string, unknown>;
}

// analytics.js 2.0 (analytics-next) reports its version with an `npm:next-` or `next-` prefix.
const ANALYTICS_JS: SegmentLibrary = { name: 'analytics.js', version: 'next-1.72.0' };
const ANALYTICS_IOS: SegmentLibrary = { name: 'analytics-ios', version: '4.1.8' };
const ANALYTICS_ANDROID: SegmentLibrary = { name: 'analytics-android', version: '4.11.3' };
export const ANALYTICS_NODE: SegmentLibrary = { name: 'analytics-node', version: '2.1.2' };

interface Browser {
  userAgent: string;
  /** Chromium browsers also send User-Agent Client Hints; analytics-next copies them here. */
  platform?: string;
  slowness: number;
}

const BROWSERS: Record<DeviceType, [Browser, number][]> = {
  desktop: [
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', platform: 'Windows', slowness: 1 }, 4],
    [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', platform: 'macOS', slowness: 0.9 }, 2],
    [{ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', slowness: 0.95 }, 2],
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0', slowness: 1.05 }, 1],
    [{ userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0', platform: 'Windows', slowness: 1 }, 1],
  ],
  mobile: [
    [{ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', slowness: 1.6 }, 5],
    [{ userAgent: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36', platform: 'Android', slowness: 1.9 }, 4],
    [{ userAgent: 'Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', slowness: 1.8 }, 1],
  ],
  tablet: [
    [{ userAgent: 'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', slowness: 1.3 }, 3],
    [{ userAgent: 'Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', platform: 'Android', slowness: 1.4 }, 1],
  ],
};

function weightedPick<T>(rng: Rng, rows: [T, number][]): T {
  let r = rng.next() * rows.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of rows) {
    r -= w;
    if (r < 0) return item;
  }
  return rows[rows.length - 1][0];
}

export function makeWebDevice(rng: Rng, type: DeviceType): Device {
  const b = weightedPick(rng, BROWSERS[type]);
  const context: Record<string, unknown> = { library: ANALYTICS_JS, userAgent: b.userAgent };
  if (b.platform) {
    context.userAgentData = {
      brands: [{ brand: 'Chromium', version: '130' }, { brand: 'Not?A_Brand', version: '99' }],
      mobile: type === 'mobile',
      platform: b.platform,
    };
  }
  return { anonymousId: rng.uuid(), surface: 'web', type, signedIn: false, slowness: b.slowness, context };
}

const APP = { name: 'Riffs & Co', version: '3.4.1', build: '3410', namespace: 'com.riffsandco.app' };

/** The Riffs & Co app on a phone or tablet; iOS and Android in roughly US market shares. */
export function makeAppDevice(rng: Rng, type: 'mobile' | 'tablet'): Device {
  const ios = rng.chance(0.58);
  const model = ios
    ? (type === 'tablet' ? 'iPad13,18' : rng.pick(['iPhone15,3', 'iPhone16,1', 'iPhone17,3']))
    : (type === 'tablet' ? 'SM-X710' : rng.pick(['Pixel 8', 'SM-S921B', 'Pixel 7a']));
  const context: Record<string, unknown> = {
    channel: 'app',
    library: ios ? ANALYTICS_IOS : ANALYTICS_ANDROID,
    app: APP,
    device: { type, manufacturer: ios ? 'Apple' : model.startsWith('SM-') ? 'samsung' : 'Google', model, id: rng.uuid() },
    os: ios ? { name: 'iOS', version: '18.1' } : { name: 'Android', version: '14' },
  };
  // analytics-android fills userAgent from the Dalvik VM; analytics-ios sends none.
  if (!ios) context.userAgent = `Dalvik/2.1.0 (Linux; U; Android 14; ${model} Build/AP2A.240805.005)`;
  return { anonymousId: rng.uuid(), surface: 'app', type, signedIn: false, slowness: 1, context };
}
