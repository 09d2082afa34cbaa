import { CHANNELS, type Channel, type Device, type EventType, type Json } from './event.ts';

const APP_LIBRARIES = /ios|android|react-native|flutter|xamarin|unity|swift|kotlin/i;
const WEB_LIBRARIES = /^(analytics\.js|analytics-next|posthog-js|web|touchpoint\.js|rudder-sdk-js|rudderstack-js)/i;

const MEDIUM_CHANNEL: Record<string, Channel> = {
  email: 'email', 'e-mail': 'email', newsletter: 'email',
  social: 'social', paid_social: 'social', 'paid-social': 'social', social_paid: 'social', sm: 'social', 'social-network': 'social',
  sms: 'other', push: 'app', chat: 'chat', phone: 'phone', call: 'phone', store: 'store', voice: 'voice',
};

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function sub(o: Json | null | undefined, key: string): Json | undefined {
  const v = o?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/**
 * Channel of an event: an explicit `context.channel` wins; else the campaign medium (an e-mail click
 * is the e-mail channel), then the sending library (mobile SDKs are the app), then the call type
 * (`screen` is app, `page` is web). Server-side libraries without other hints are `other`.
 */
export function inferChannel(type: EventType, context: Json, properties: Json): Channel {
  const explicit = str(context.channel)?.toLowerCase() ?? str(properties.channel)?.toLowerCase();
  if (explicit && (CHANNELS as readonly string[]).includes(explicit)) return explicit as Channel;
  const medium = str(sub(context, 'campaign')?.medium)?.toLowerCase();
  if (medium && MEDIUM_CHANNEL[medium]) return MEDIUM_CHANNEL[medium];
  const library = str(sub(context, 'library')?.name) ?? str(properties.$lib);
  if (library && APP_LIBRARIES.test(library)) return 'app';
  if (library && WEB_LIBRARIES.test(library)) return 'web';
  if (type === 'screen') return 'app';
  if (type === 'page' || sub(context, 'page') || str(properties.$current_url)) return 'web';
  return 'other';
}

/** Device class from `context.device.type`, PostHog's `$device_type`, or the user agent. */
export function inferDevice(context: Json, properties: Json): Device | null {
  const declared = (str(sub(context, 'device')?.type) ?? str(properties.$device_type))?.toLowerCase();
  if (declared) {
    if (/tablet|ipad/.test(declared)) return 'tablet';
    if (/mobile|phone|ios|android/.test(declared)) return 'mobile';
    if (/desktop|computer|web/.test(declared)) return 'desktop';
    return 'other';
  }
  const ua = str(context.userAgent);
  if (!ua) return null;
  if (/iPad|Tablet/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|Android/i.test(ua)) return 'mobile';
  return 'desktop';
}
