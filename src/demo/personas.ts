import type { Category } from './catalog.ts';

export const PERSONA_NAMES = ['Gigging Pro', 'Weekend Hobbyist', 'Beginner', 'Gift Buyer', 'Studio Producer'] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

/** How a visitor arrived: decides landing page, referrer, `context.campaign` and the touch event. */
export const SOURCES = ['direct', 'organic_search', 'paid_search', 'paid_social', 'organic_social', 'content', 'referral'] as const;
export type Source = (typeof SOURCES)[number];

export type DeviceType = 'desktop' | 'mobile' | 'tablet';

/**
 * The behaviour behind each persona. Numbers are per-customer propensities, tuned so the personas
 * separate clearly on every chart (conversion, order value, channel and device mix, returns) without
 * any one of them being a caricature.
 */
export interface Persona {
  name: PersonaName;
  share: number;
  /** Share who already had an account before the demo window (they sign in, not up). */
  existing: number;
  sources: Record<Source, number>;
  devices: Record<DeviceType, number>;
  /** Chance of installing the app once they have an account. */
  app: number;
  /** Chance of also browsing on a second web device. */
  secondDevice: number;
  categories: Record<Category, number>;
  /** 0 = cheapest end of each category, 1 = premium end. */
  priceTier: number;
  /** Chance a product view leads to Product Added. */
  addRate: number;
  /** Chance a session with a cart goes to checkout. */
  checkoutRate: number;
  /** Mean days between visits. */
  gapDays: number;
  /** Chance of drifting away after any visit. */
  churn: number;
  /** Extra chance of leaving for good after an order (one-off buyers). */
  churnAfterOrder: number;
  returnRate: number;
  reviewRate: number;
  /** Chance of asking support a question on a product page (chat, or phone for phone people). */
  chat: number;
  /** Share of support contacts made by phone rather than chat. */
  phone: number;
  /** Chance of checking out as a guest instead of signing up. */
  guest: number;
  /** Chance per visit of buying in a shop instead (US customers with an account). */
  store: number;
  /** Chance of owning a smart speaker linked for string re-orders. */
  voice: number;
  referral: number;
  marketingOptIn: number;
}

export const PERSONAS: Record<PersonaName, Persona> = {
  'Gigging Pro': {
    name: 'Gigging Pro', share: 0.15, existing: 0.4,
    sources: { direct: 3, organic_search: 3, paid_search: 1.5, paid_social: 0.5, organic_social: 1, content: 0.5, referral: 1 },
    devices: { desktop: 0.5, mobile: 0.45, tablet: 0.05 },
    app: 0.35, secondDevice: 0.25,
    categories: { Guitars: 0.22, Amps: 0.23, Pedals: 0.25, Strings: 0.2, Accessories: 0.1 },
    priceTier: 0.8, addRate: 0.2, checkoutRate: 0.65, gapDays: 6, churn: 0.03, churnAfterOrder: 0.04,
    returnRate: 0.05, reviewRate: 0.3, chat: 0.005, phone: 0.55, guest: 0.02, store: 0.06, voice: 0.12,
    referral: 0.25, marketingOptIn: 0.75,
  },
  'Weekend Hobbyist': {
    name: 'Weekend Hobbyist', share: 0.3, existing: 0.25,
    sources: { direct: 1, organic_search: 3, paid_search: 1, paid_social: 2, organic_social: 2, content: 1, referral: 0.5 },
    devices: { desktop: 0.45, mobile: 0.45, tablet: 0.1 },
    app: 0.2, secondDevice: 0.2,
    categories: { Guitars: 0.2, Amps: 0.15, Pedals: 0.35, Strings: 0.15, Accessories: 0.15 },
    priceTier: 0.5, addRate: 0.12, checkoutRate: 0.55, gapDays: 9, churn: 0.06, churnAfterOrder: 0.08,
    returnRate: 0.1, reviewRate: 0.2, chat: 0.01, phone: 0.4, guest: 0.1, store: 0.03, voice: 0.04,
    referral: 0.12, marketingOptIn: 0.65,
  },
  Beginner: {
    name: 'Beginner', share: 0.25, existing: 0.08,
    sources: { direct: 0.5, organic_search: 1.5, paid_search: 1, paid_social: 2.5, organic_social: 2, content: 3, referral: 0.5 },
    devices: { desktop: 0.3, mobile: 0.62, tablet: 0.08 },
    app: 0.12, secondDevice: 0.12,
    categories: { Guitars: 0.35, Amps: 0.15, Pedals: 0.05, Strings: 0.15, Accessories: 0.3 },
    priceTier: 0.15, addRate: 0.09, checkoutRate: 0.45, gapDays: 8, churn: 0.09, churnAfterOrder: 0.12,
    returnRate: 0.16, reviewRate: 0.15, chat: 0.025, phone: 0.3, guest: 0.2, store: 0.02, voice: 0.01,
    referral: 0.06, marketingOptIn: 0.55,
  },
  'Gift Buyer': {
    name: 'Gift Buyer', share: 0.15, existing: 0.05,
    sources: { direct: 0.5, organic_search: 2, paid_search: 3, paid_social: 3.5, organic_social: 0.5, content: 0.5, referral: 1 },
    devices: { desktop: 0.35, mobile: 0.6, tablet: 0.05 },
    app: 0.02, secondDevice: 0.1,
    categories: { Guitars: 0.2, Amps: 0.05, Pedals: 0.25, Strings: 0.15, Accessories: 0.35 },
    priceTier: 0.45, addRate: 0.16, checkoutRate: 0.6, gapDays: 12, churn: 0.15, churnAfterOrder: 0.6,
    returnRate: 0.18, reviewRate: 0.08, chat: 0.012, phone: 0.35, guest: 0.55, store: 0.02, voice: 0,
    referral: 0.03, marketingOptIn: 0.3,
  },
  'Studio Producer': {
    name: 'Studio Producer', share: 0.15, existing: 0.3,
    sources: { direct: 2.5, organic_search: 3.5, paid_search: 1.5, paid_social: 0.5, organic_social: 1.5, content: 1, referral: 1 },
    devices: { desktop: 0.8, mobile: 0.15, tablet: 0.05 },
    app: 0.25, secondDevice: 0.2,
    categories: { Guitars: 0.2, Amps: 0.3, Pedals: 0.3, Strings: 0.1, Accessories: 0.1 },
    priceTier: 0.72, addRate: 0.15, checkoutRate: 0.6, gapDays: 7, churn: 0.04, churnAfterOrder: 0.05,
    returnRate: 0.06, reviewRate: 0.35, chat: 0.008, phone: 0.4, guest: 0.03, store: 0.03, voice: 0.05,
    referral: 0.15, marketingOptIn: 0.6,
  },
};

export const PERSONA_SHARES = Object.fromEntries(PERSONA_NAMES.map((n) => [n, PERSONAS[n].share])) as Record<PersonaName, number>;
