import type { Channel } from '../ingest/event.ts';

/** Call types of the Segment HTTP tracking API. */
export const SEGMENT_TYPES = ['track', 'page', 'screen', 'identify', 'group', 'alias'] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

export interface SegmentLibrary {
  name: string;
  version: string;
}

export interface SegmentCampaign {
  source: string;
  medium: string;
  name: string;
  term?: string;
  content?: string;
}

/**
 * The `context` object a Segment library attaches. Only the keys the demo uses are named; any other
 * key a real client sends (`ip`, `screen`, `network`…) is allowed, as in Segment's spec.
 */
export interface SegmentContext {
  /** Set for every channel except `web`; web is what analytics.js traffic defaults to. */
  channel?: Channel;
  library: SegmentLibrary;
  locale?: string;
  timezone?: string;
  userAgent?: string;
  page?: { path: string; url: string; referrer: string; title: string; search: string };
  campaign?: SegmentCampaign;
  device?: { type: 'mobile' | 'tablet' | 'desktop'; manufacturer?: string; model?: string; id?: string };
  [key: string]: unknown;
}

/**
 * One message exactly as a Segment client sends it inside a `POST /v1/batch` body.
 * See https://segment.com/docs/connections/spec/common/ for the shared fields.
 */
export interface SegmentMessage {
  type: SegmentType;
  messageId: string;
  /** ISO 8601 time the event happened. */
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  /** `track` only. */
  event?: string;
  /** `page` / `screen` name. */
  name?: string;
  /** `group` only. */
  groupId?: string;
  /** `alias` only: the identity being linked to `userId`. */
  previousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: SegmentContext;
}
