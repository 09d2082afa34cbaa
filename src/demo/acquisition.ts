import { CATEGORIES, type Category, pickProduct, type Product, productProperties, SEARCH_QUERIES } from './catalog.ts';
import type { Device } from './devices.ts';
import type { EmailCampaign } from './email.ts';
import { BLOG_POSTS, blogPage, CART, categoryPage, HOME, type PageDef, productPage } from './pages.ts';
import type { Source } from './personas.ts';
import type { SegmentCampaign } from './segment-message.ts';
import type { CustomerSim } from './sim.ts';
import { Visit, type VisitEntry } from './visit.ts';

export type VisitSource = Source | 'email';

/** Paid social ads by the category they advertise (the landing product matches the ad). */
const SOCIAL_ADS: Record<Category, string[]> = {
  Guitars: ['beginner-bundle', 'artist-signature-series'], Amps: ['amp-week'], Pedals: ['fall-pedal-drop'],
  Strings: ['string-stock-up'], Accessories: ['gift-guide-2026'],
};
const SOCIAL_POSTS = ['riff-of-the-week', 'pedal-demos', 'artist-sessions', 'gear-unboxing'];

export function interest(sim: CustomerSim): Category {
  return sim.rng.weighted(sim.persona.categories);
}

/** A product the customer might plausibly look at: their interests, their price range. */
export function likelyProduct(sim: CustomerSim, category = interest(sim)): Product {
  return pickProduct(sim.rng, category, sim.persona.priceTier);
}

/**
 * Starts a visit the way traffic from `source` really arrives: the referrer, the utm parameters on
 * the landing URL (→ `context.campaign`), and for social traffic the touch on the social network
 * itself (`Ad Clicked` / `Campaign Viewed` on the `social` channel) a few seconds before landing.
 * Returns the visit and the products shown on the landing page.
 */
export function arrive(sim: CustomerSim, device: Device, at: number, source: VisitSource, email?: EmailCampaign): { visit: Visit; shown: Product[] } {
  const { rng } = sim;
  const category = email?.category ?? interest(sim);
  const product = likelyProduct(sim, category);
  let landing: PageDef = rng.chance(0.5) ? productPage(product) : categoryPage(category);
  let entry: VisitEntry = {};
  let touch: { event: string; properties: Record<string, unknown> } | undefined;

  switch (source) {
    case 'direct':
      landing = rng.chance(0.7) ? HOME : landing;
      break;
    case 'organic_search':
      entry = { referrer: rng.weighted({ 'https://www.google.com/': 8, 'https://www.bing.com/': 1, 'https://duckduckgo.com/': 1 }) };
      if (rng.chance(0.15)) landing = HOME;
      break;
    case 'paid_search': {
      const term = rng.pick(SEARCH_QUERIES[category]);
      const campaign: SegmentCampaign = { source: 'google', medium: 'cpc', name: `search-${category.toLowerCase()}`, term };
      entry = { referrer: 'https://www.google.com/', campaign, landingQuery: `${utm(campaign)}&gclid=${rng.hex(24)}` };
      break;
    }
    case 'paid_social': {
      const platform = rng.weighted({ instagram: 4, facebook: 3, tiktok: 2, youtube: 1 });
      const adId = `ad_${rng.int(1000, 1040)}`;
      const campaign: SegmentCampaign = { source: platform, medium: 'paid_social', name: rng.pick(SOCIAL_ADS[category]), content: adId };
      entry = { referrer: `https://${platform === 'facebook' ? 'l.facebook.com' : `www.${platform}.com`}/`, campaign, landingQuery: utm(campaign) };
      touch = { event: 'Ad Clicked', properties: { ad_id: adId, campaign_name: campaign.name, platform, placement: rng.pick(['feed', 'stories', 'reels']) } };
      landing = productPage(product);
      break;
    }
    case 'organic_social': {
      const platform = rng.weighted({ youtube: 4, instagram: 3, reddit: 2, tiktok: 2 });
      const campaign: SegmentCampaign = { source: platform, medium: 'social', name: rng.pick(SOCIAL_POSTS) };
      entry = { referrer: `https://www.${platform}.com/`, campaign, landingQuery: utm(campaign) };
      touch = { event: 'Campaign Viewed', properties: { campaign_name: campaign.name, platform, content_type: platform === 'youtube' ? 'video' : 'post' } };
      break;
    }
    case 'content': {
      const posts = BLOG_POSTS.filter((p) => p.category === category);
      landing = blogPage(posts.length ? rng.pick(posts) : rng.pick(BLOG_POSTS));
      entry = { referrer: 'https://www.google.com/' };
      break;
    }
    case 'referral': {
      const campaign: SegmentCampaign = { source: 'referral', medium: 'referral', name: 'refer-a-friend' };
      entry = { referrer: rng.chance(0.5) ? 'https://mail.google.com/' : '', campaign, landingQuery: `ref=RC${rng.hex(6).toUpperCase()}&${utm(campaign)}` };
      landing = HOME;
      break;
    }
    case 'email': {
      const campaign: SegmentCampaign = { source: email?.kind === 'lifecycle' ? 'lifecycle' : 'newsletter', medium: 'email', name: email?.id ?? 'newsletter', content: 'cta' };
      entry = { campaign, landingQuery: utm(campaign) };
      landing = email?.kind === 'lifecycle' && sim.cart.length ? CART : email?.category ? categoryPage(email.category) : HOME;
      break;
    }
  }

  const visit = new Visit(sim, device, at, entry);
  if (touch && device.surface === 'web') {
    visit.track(touch.event, touch.properties, 'social');
    visit.wait(2, 8);
  }
  visit.view(landing);
  return { visit, shown: showLanding(sim, visit, landing, product, category) };
}

/** The e-commerce events a landing page fires on load. */
function showLanding(sim: CustomerSim, visit: Visit, landing: PageDef, product: Product, category: Category): Product[] {
  if (landing.path.startsWith('/p/')) {
    visit.track('Product Viewed', productProperties(product));
    return [product];
  }
  if (landing.path.startsWith('/c/') || landing.path === '/') {
    const cat = landing.path === '/' ? sim.rng.pick(CATEGORIES) : category;
    return listProducts(sim, visit, landing.path === '/' ? 'home_featured' : `category_${cat.toLowerCase()}`, cat);
  }
  return [];
}

/** `Product List Viewed` with 4–8 products of a category. */
export function listProducts(sim: CustomerSim, visit: Visit, listId: string, category: Category): Product[] {
  const seen = new Set<Product>();
  const n = sim.rng.int(4, 8);
  for (let i = 0; i < n * 2 && seen.size < n; i++) seen.add(pickProduct(sim.rng, category, 0.5));
  const products = [...seen];
  visit.track('Product List Viewed', {
    list_id: listId, category,
    products: products.map((p, i) => ({ product_id: p.product_id, sku: p.sku, name: p.name, price: p.price, category: p.category, position: i + 1 })),
  });
  return products;
}

function utm(c: SegmentCampaign): string {
  let q = `utm_source=${c.source}&utm_medium=${c.medium}&utm_campaign=${encodeURIComponent(c.name)}`;
  if (c.term) q += `&utm_term=${encodeURIComponent(c.term)}`;
  if (c.content) q += `&utm_content=${encodeURIComponent(c.content)}`;
  return q;
}
