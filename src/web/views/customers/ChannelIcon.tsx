import type { ReactNode } from 'react';

// Drawn as SVG so they look the same everywhere (no emoji font needed), coloured by channel in CSS.
const SHAPES: Record<string, ReactNode> = {
  web: <><circle cx="8" cy="8" r="6.5" /><ellipse cx="8" cy="8" rx="2.8" ry="6.5" /><path d="M1.5 8h13" /></>,
  app: <><rect x="4.5" y="1.5" width="7" height="13" rx="1.5" /><path d="M7 12.3h2" /></>,
  email: <><rect x="1.5" y="3.5" width="13" height="9" rx="1" /><path d="M1.5 4l6.5 5 6.5-5" /></>,
  social: <><circle cx="5.5" cy="6" r="2.3" /><circle cx="11" cy="6" r="2.3" /><path d="M1.5 14c0-2.5 1.8-4 4-4s4 1.5 4 4M8.5 11c.6-.7 1.5-1 2.5-1 2.2 0 4 1.5 4 4" /></>,
  chat: <><path d="M2 3.5h12v7.5H7.5L4 14v-3H2z" /></>,
  phone: <><path d="M4 1.8l2.2 3-1.3 1.6a8 8 0 0 0 4.7 4.7l1.6-1.3 3 2.2-1.2 2.2C7.8 15 1 8.2 1.6 3z" /></>,
  store: <><path d="M1.5 6.5L3 2h10l1.5 4.5M2.5 6.5v8h11v-8M6.5 14.5v-4h3v4" /></>,
  voice: <><rect x="6" y="1.5" width="4" height="8" rx="2" /><path d="M3.5 7.5a4.5 4.5 0 0 0 9 0M8 12v2.5" /></>,
  other: <><circle cx="8" cy="8" r="2.5" /></>,
};

export const CHANNEL_LABEL: Record<string, string> = {
  web: 'Web', app: 'App', email: 'E-mail', social: 'Social', chat: 'Chat', phone: 'Phone', store: 'Store', voice: 'Voice', other: 'Other',
};

/** A channel's icon with its name for screen readers (and as a tooltip). */
export function ChannelIcon({ channel }: { channel: string }) {
  const label = CHANNEL_LABEL[channel] ?? channel;
  return (
    <span className={`channel-icon ch-${SHAPES[channel] ? channel : 'other'}`} title={label}>
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" strokeLinecap="round">
        {SHAPES[channel] ?? SHAPES.other}
      </svg>
      <span className="sr-only">{label}</span>
    </span>
  );
}
