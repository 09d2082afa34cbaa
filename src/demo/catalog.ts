import type { Rng } from './rng.ts';

/** The Riffs & Co catalogue. Brands are invented so the demo never implies real sales figures. */
export const CATEGORIES = ['Guitars', 'Amps', 'Pedals', 'Strings', 'Accessories'] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Product {
  product_id: string;
  sku: string;
  category: Category;
  name: string;
  brand: string;
  price: number;
  slug: string;
  /** Size matters (guitar scale/body size, straps, cases): where "wrong size" returns come from. */
  sized: boolean;
}

type Row = [name: string, brand: string, price: number, sized?: boolean];

const ROWS: Record<Category, Row[]> = {
  Guitars: [
    ['Starter Electric Pack', 'Harlow', 249],
    ['3/4 Travel Acoustic', 'Bluebird', 179],
    ['Parlor Acoustic', 'Bluebird', 329],
    ['Dreadnought Acoustic', 'Bluebird', 449],
    ['S-Style Standard', 'Harlow', 799],
    ['T-Style Classic', 'Harlow', 899],
    ['J-Bass Four String', 'Copperhead', 999],
    ['Offset Jaguar', 'Kestrel', 1199],
    ['Semi-Hollow 335', 'Kestrel', 1499],
    ['LP-Style Custom', 'Copperhead', 2199],
  ],
  Amps: [
    ['Headphone Amp', 'Ampworks', 59],
    ['Practice 20', 'Ampworks', 129],
    ['5W Tube Combo', 'Voltline', 499],
    ['2x12 Cabinet', 'Ampworks', 649],
    ['Blues 15W Combo', 'Voltline', 699],
    ['Bass 300 Combo', 'Voltline', 899],
    ['Modeler Pro', 'Ampworks', 1299],
    ['100W Tube Head', 'Voltline', 1799],
  ],
  Pedals: [
    ['Tuner Pedal', 'Tonewright', 89],
    ['Big Fuzz', 'Fuzzwerk', 109],
    ['Classic Overdrive', 'Fuzzwerk', 129],
    ['Looper', 'Tonewright', 129],
    ['Chorus', 'Echo Lane', 139],
    ['Compressor', 'Tonewright', 149],
    ['Wah', 'Tonewright', 169],
    ['Analog Delay', 'Echo Lane', 179],
    ['Hall Reverb', 'Echo Lane', 199],
    ['Multi-FX Board', 'Fuzzwerk', 449],
  ],
  Strings: [
    ['Nickel Electric 9-42', 'Northwind', 7.99],
    ['Nickel Electric 10-46', 'Northwind', 7.99],
    ['Classical Nylon Set', 'Northwind', 11.99],
    ['Phosphor Bronze Acoustic 12-53', 'Northwind', 12.99],
    ['Coated Electric 10-46', 'Northwind', 14.99],
    ['Electric 10-46 3-Pack', 'Northwind', 19.99],
    ['Bass Nickel 45-105', 'Northwind', 24.99],
  ],
  Accessories: [
    ['Pick Variety Pack', 'Riffs & Co', 6.99],
    ['Polish & Cloth Kit', 'Riffs & Co', 14.99],
    ['Wall Hanger', 'Riffs & Co', 17.99],
    ['Classic Capo', 'Strapline', 19],
    ['Clip-on Tuner', 'Tonewright', 19.99],
    ['Instrument Cable 10ft', 'Strapline', 24.99],
    ['Padded Strap', 'Strapline', 29, true],
    ['Guitar Stand', 'Riffs & Co', 29.99],
    ['Leather Strap', 'Strapline', 39, true],
    ['Gig Bag', 'Riffs & Co', 59, true],
    ['Pedalboard Medium', 'Riffs & Co', 129],
    ['Hardshell Case', 'Riffs & Co', 149, true],
  ],
};

const SKU_PREFIX: Record<Category, string> = { Guitars: 'GTR', Amps: 'AMP', Pedals: 'PED', Strings: 'STR', Accessories: 'ACC' };

function slugify(s: string): string {
  return s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Products per category, cheapest first (price tiers index into this order). */
export const CATALOG: Record<Category, Product[]> = Object.fromEntries(
  CATEGORIES.map((category) => [
    category,
    ROWS[category].map(([name, brand, price, sized], i) => {
      const n = String(i + 1).padStart(3, '0');
      return {
        product_id: `prd_${SKU_PREFIX[category].toLowerCase()}_${n}`,
        sku: `${SKU_PREFIX[category]}-${n}`,
        category,
        name: `${brand} ${name}`,
        brand,
        price,
        slug: slugify(`${brand} ${name}`),
        sized: sized ?? category === 'Guitars',
      };
    }),
  ]),
) as Record<Category, Product[]>;

export const SEARCH_QUERIES: Record<Category, string[]> = {
  Guitars: ['stratocaster', 'telecaster', 'acoustic guitar', 'beginner guitar', 'semi hollow', 'bass guitar', 'les paul'],
  Amps: ['tube amp', 'practice amp', 'amp modeler', 'headphone amp', '2x12 cab', 'bass amp'],
  Pedals: ['overdrive', 'fuzz pedal', 'delay pedal', 'reverb', 'looper', 'tuner pedal', 'multi effects'],
  Strings: ['10-46 strings', 'acoustic strings', 'coated strings', 'bass strings', 'nylon strings'],
  Accessories: ['capo', 'guitar strap', 'gig bag', 'picks', 'guitar stand', 'cable', 'pedalboard'],
};

export const STORE_URL = 'https://www.riffsandco.com';

/**
 * A product of `category`, skewed by `tier` (0 = cheapest end, 1 = premium end) so that a Gigging Pro
 * looks at the tube head and a Beginner at the starter pack, while everyone sometimes browses both.
 */
export function pickProduct(rng: Rng, category: Category, tier: number): Product {
  const items = CATALOG[category];
  const skew = 0.35 + 2.2 * (1 - tier);
  return items[Math.min(items.length - 1, Math.floor(Math.pow(rng.next(), skew) * items.length))];
}

/** Segment e-commerce spec product properties. */
export function productProperties(p: Product, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    product_id: p.product_id,
    sku: p.sku,
    category: p.category,
    name: p.name,
    brand: p.brand,
    price: p.price,
    currency: 'USD',
    url: `${STORE_URL}/p/${p.slug}`,
    image_url: `${STORE_URL}/img/${p.sku.toLowerCase()}.jpg`,
    ...extra,
  };
}

/** Dollars rounded to cents, avoiding binary-float tails like 23.970000000000002. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}
