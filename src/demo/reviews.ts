import type { Category, Product } from './catalog.ts';
import type { Rng } from './rng.ts';

/** What happened to the order, as far as a reviewer cares. */
export interface Experience {
  late: boolean;
  early: boolean;
  /** Returned or exchanged because damaged / not as described. */
  complaint: boolean;
}

const PRAISE: Record<Category, string[]> = {
  Guitars: ['Plays beautifully right out of the box.', 'The setup was spot on and it stays in tune.', 'Gorgeous finish and the neck feels great.'],
  Amps: ['Sounds huge even at bedroom volume.', 'Warm tone with plenty of headroom.', 'Takes pedals really well.'],
  Pedals: ['Great tone, dead quiet and built like a tank.', 'Exactly the sound I was chasing.', 'Simple controls and very musical.'],
  Strings: ['Bright, stay in tune and last for weeks.', 'Feel smooth and sound great.', 'My go-to strings now.'],
  Accessories: ['Solid quality for the price.', 'Does exactly what it should.', 'Well made and looks good.'],
};
const MINOR = ['A bit pricey, but worth it.', 'The manual could be clearer.', 'Packaging was a little excessive.', 'Took a while to dial in.'];
const COMPLAINTS = ['Arrived with a scratch on the body.', 'Not what the photos showed.', 'Stopped working after a week.', 'Buzzes badly on the higher frets.', 'Feels cheaper than the price suggests.'];
const LATE = ['Delivery was a week late and nobody told me.', 'Shipping took forever.', 'I had to chase support to find my parcel.', 'Arrived days after the promised date.'];
const FAST = ['Arrived a day early!', 'Super fast shipping.', 'Delivered right on time.'];

/** 1–5 stars: mostly 4–5, knocked down by a late parcel and sunk by a damaged or misdescribed item. */
export function reviewRating(rng: Rng, x: Experience): number {
  if (x.complaint) return rng.chance(0.7) ? 1 : 2;
  let stars = Number(rng.weighted({ '1': 3, '2': 4, '3': 10, '4': 30, '5': 53 }));
  if (x.late) stars -= rng.int(1, 2);
  return Math.max(1, Math.min(5, stars));
}

/** A short English review, mentioning delivery when it stood out — the text sentiment and themes feed on. */
export function reviewBody(rng: Rng, product: Product, rating: number, x: Experience): string {
  const parts: string[] = [];
  if (rating >= 4) {
    parts.push(`${rating === 5 ? 'Absolutely love' : 'Really happy with'} the ${product.name}.`, rng.pick(PRAISE[product.category]));
    if (rating === 4) parts.push(rng.pick(MINOR));
  } else if (rating === 3) {
    parts.push(`The ${product.name} is okay.`, rng.chance(0.5) ? rng.pick(PRAISE[product.category]) : rng.pick(MINOR), 'Expected a bit more.');
  } else {
    parts.push(rating === 1 ? 'Really disappointed.' : 'Not great.', x.complaint || !x.late ? rng.pick(COMPLAINTS) : `The ${product.name} itself is fine.`);
  }
  if (x.late) parts.push(rng.pick(LATE));
  else if (x.early && rating >= 4 && rng.chance(0.5)) parts.push(rng.pick(FAST));
  return parts.join(' ');
}
