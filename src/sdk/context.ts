import type { Props } from './types.ts';

/** Page fields shared by `context.page` and page-view `properties` (Segment's page spec). */
export function pageInfo(): Props {
  const { pathname, search, href, hash } = location;
  return {
    path: pathname,
    url: hash ? href.slice(0, -hash.length) : href,
    referrer: document.referrer,
    title: document.title,
    search,
  };
}

const UTM: Record<string, string> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
};

/**
 * Segment's `context.campaign` from utm_* query parameters, or undefined when there are none.
 *
 * @example campaign('?utm_source=news&utm_campaign=spring') // { source: 'news', name: 'spring' }
 */
export function campaign(search: string): Props | undefined {
  let out: Props | undefined;
  new URLSearchParams(search).forEach((value, key) => {
    const field = UTM[key.toLowerCase()];
    if (field) (out = out || {})[field] = value;
  });
  return out;
}

/**
 * The `context` every message carries. A visit that came from a campaign leaves `channel` to the
 * server, which takes it from the campaign medium (an e-mail click counts for the e-mail channel).
 */
export function context(version: string): Props {
  const utm = campaign(location.search);
  return {
    library: { name: 'touchpoint.js', version },
    page: pageInfo(),
    userAgent: navigator.userAgent,
    locale: navigator.language,
    screen: { width: screen.width, height: screen.height },
    campaign: utm,
    channel: utm && utm.medium ? undefined : 'web',
  };
}
