import type { Json } from './event.ts';

/**
 * Maps PostHog capture payloads onto Segment-shaped messages so one pipeline validates and stores
 * both. PostHog's `distinct_id` is a user id unless the client marks it anonymous
 * (`$is_identified: false`, or it equals `$device_id`), which is how posthog-js and posthog-node behave.
 */
export interface PosthogBatch {
  apiKey?: string;
  sentAt?: string;
  messages: unknown[];
}

function obj(v: unknown): Json {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** Accepts `/batch/` (`{api_key, batch}` or an array) and `/capture/`, `/e/` (one event or an array). */
export function readPosthogBody(body: unknown): PosthogBatch | string {
  if (Array.isArray(body)) {
    const first = obj(body[0]);
    return { apiKey: str(first.api_key) ?? str(obj(first.properties).token), messages: body.map(mapPosthogEvent) };
  }
  if (!body || typeof body !== 'object') return 'body must be a JSON object or array';
  const b = body as Json;
  const apiKey = str(b.api_key) ?? str(b.token) ?? str(obj(b.properties).token);
  const sentAt = str(b.sent_at);
  if (Array.isArray(b.batch)) return { apiKey, sentAt, messages: b.batch.map(mapPosthogEvent) };
  if (b.batch !== undefined) return '`batch` must be an array';
  return { apiKey, sentAt, messages: [mapPosthogEvent(b)] };
}

/** One PostHog event → one Segment message (invalid input is passed on for the validator to explain). */
export function mapPosthogEvent(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const e = raw as Json;
  const props = { ...obj(e.properties) };
  const distinctId = str(e.distinct_id) ?? str(props.distinct_id) ?? str(e.$distinct_id);
  const anonymous = props.$is_identified === false || (distinctId !== undefined && distinctId === str(props.$device_id));
  const base: Json = {
    messageId: str(e.uuid) ?? str(e.message_id),
    timestamp: str(e.timestamp),
    context: posthogContext(props),
  };
  if (distinctId !== undefined) base[anonymous ? 'anonymousId' : 'userId'] = distinctId;
  const traits = { ...obj(props.$set_once), ...obj(e.$set_once), ...obj(props.$set), ...obj(e.$set) };
  const event = str(e.event);
  delete props.$set; delete props.$set_once; delete props.token; delete props.distinct_id;
  switch (event) {
    case '$pageview':
      return { ...base, type: 'page', name: str(props.title) ?? str(props.$pathname), properties: pageProps(props) };
    case '$screen':
      return { ...base, type: 'screen', name: str(props.$screen_name), properties: props };
    case '$identify':
      return { ...base, type: 'identify', userId: distinctId, anonymousId: str(props.$anon_distinct_id), traits };
    case '$set':
      return { ...base, type: 'identify', traits };
    case '$create_alias':
      return { ...base, type: 'alias', userId: distinctId, previousId: str(props.alias) };
    case '$groupidentify':
      return { ...base, type: 'group', groupId: str(props.$group_key), traits: obj(props.$group_set) };
    default:
      return { ...base, type: 'track', event: e.event, properties: props, ...(Object.keys(traits).length ? { context: { ...(base.context as Json), traits } } : {}) };
  }
}

function pageProps(p: Json): Json {
  return { ...p, path: p.$pathname, url: p.$current_url, referrer: p.$referrer, title: p.title };
}

function posthogContext(p: Json): Json {
  const context: Json = {};
  const lib = str(p.$lib);
  if (lib) context.library = { name: lib, version: str(p.$lib_version) };
  if (str(p.$current_url)) context.page = { url: p.$current_url, path: p.$pathname, referrer: p.$referrer };
  if (str(p.$device_type)) context.device = { type: p.$device_type };
  if (str(p.$raw_user_agent)) context.userAgent = p.$raw_user_agent;
  if (str(p.$ip)) context.ip = p.$ip;
  const campaign: Json = {};
  for (const k of ['source', 'medium', 'campaign', 'term', 'content']) {
    const v = str(p[`utm_${k}`]);
    if (v) campaign[k === 'campaign' ? 'name' : k] = v;
  }
  if (Object.keys(campaign).length) context.campaign = campaign;
  if (str(p.channel)) context.channel = p.channel;
  return context;
}
