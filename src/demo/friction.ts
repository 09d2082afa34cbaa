import type { Device } from './devices.ts';
import type { Rng } from './rng.ts';

/**
 * Friction model. The demo must show friction *costing* something, so the same numbers that make a
 * page slow or a checkout long also raise the chance of abandoning it.
 */

/** Milliseconds until load: log-normal, heavier on checkout (payment iframes), slower on phones. */
export function pageLoadMs(rng: Rng, device: Device, path: string): number {
  const weight = path.startsWith('/checkout') ? 1.6 : path.startsWith('/p/') ? 1.15 : 1;
  let ms = rng.logNormal(650 * device.slowness * weight, 0.45);
  // Incidents: a cold CDN edge or a slow inventory API, independent of the device.
  if (rng.chance(0.03)) ms *= rng.between(2.5, 5);
  return Math.round(Math.min(8000, Math.max(120, ms)));
}

/**
 * Extra chance of leaving a checkout page that took `ms` to load: none under 2 s, then rising to
 * +60 % — the shape of the load-time/bounce curves published from RUM data (e.g. Google/SOASTA 2017).
 */
export function slowPageAbandonBoost(ms: number): number {
  return ms <= 2000 ? 0 : Math.min(0.6, 0.15 + ((ms - 2000) / 4000) * 0.45);
}

/** Chance a page view throws a JS error; checkout's payment widgets and phones fail more. */
export function errorChance(device: Device, path: string): number {
  const base = path.startsWith('/checkout') ? 0.02 : 0.004;
  return base * (device.type === 'desktop' ? 1 : 1.8);
}

export const ERROR_MESSAGES = [
  "TypeError: Cannot read properties of undefined (reading 'price')",
  'ChunkLoadError: Loading chunk 742 failed.',
  'TypeError: Load failed',
  'Error: Payment element failed to mount',
  'ResizeObserver loop completed with undelivered notifications.',
  "TypeError: null is not an object (evaluating 'cart.items')",
];

/** Seconds to fill in one checkout step; about 1 in 12 people get distracted mid-checkout. */
export function checkoutStepSeconds(rng: Rng, device: Device): { seconds: number; distracted: boolean } {
  const seconds = rng.logNormal(device.type === 'desktop' ? 35 : 50, 0.5);
  if (rng.chance(0.08)) return { seconds: seconds + rng.between(180, 600), distracted: true };
  return { seconds, distracted: false };
}
