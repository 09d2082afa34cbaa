import { logIn } from './account.ts';
import { interest, likelyProduct, listProducts } from './acquisition.ts';
import { type Product, productProperties, SEARCH_QUERIES } from './catalog.ts';
import { checkout } from './checkout.ts';
import { CART, categoryPage, productPage, searchPage } from './pages.ts';
import type { CustomerSim, Order } from './sim.ts';
import { askAboutProduct } from './support.ts';
import type { Visit } from './visit.ts';

export interface BrowseOptions {
  /** First visit ever: more bouncing, more hesitation. */
  first: boolean;
  /** Landing was a blog post: readers bounce more. */
  content: boolean;
  /** Came from an abandoned-cart or promo e-mail: straight to the cart / the deal. */
  fromEmail: boolean;
  coupon?: string;
}

/**
 * The consideration part of a visit after landing: searches, lists, product pages, adding to cart,
 * and — when the cart is compelling enough — checkout. Returns the order if one was placed.
 */
export function browse(sim: CustomerSim, visit: Visit, shown: Product[], o: BrowseOptions): Order | undefined {
  const { rng, persona } = sim;
  const bounce = o.fromEmail ? 0.12 : o.content ? 0.45 : o.first ? 0.3 : 0.2;
  if (rng.chance(bounce)) return undefined;
  if (!visit.device.signedIn && sim.hasAccount && rng.chance(0.2)) logIn(sim, visit);

  let candidates = shown;
  let added = false;
  const steps = Math.min(10, 1 + Math.floor(rng.exp(2.2 * Math.min(1.3, sim.engagement))));
  for (let i = 0; i < steps; i++) {
    visit.wait(8, 90);
    const r = rng.next();
    if (r < 0.2) {
      const category = interest(sim);
      const query = rng.pick(SEARCH_QUERIES[category]);
      visit.track('Products Searched', { query });
      visit.wait(1, 3);
      visit.view(searchPage(query));
      candidates = listProducts(sim, visit, 'search_results', category);
    } else if (r < 0.42) {
      const category = interest(sim);
      visit.view(categoryPage(category));
      candidates = listProducts(sim, visit, `category_${category.toLowerCase()}`, category);
    } else {
      const product = candidates.length && rng.chance(0.7) ? rng.pick(candidates) : likelyProduct(sim);
      visit.view(productPage(product));
      visit.track('Product Viewed', productProperties(product));
      visit.wait(15, 120);
      if (rng.chance(persona.chat)) askAboutProduct(sim, visit);
      const intent = persona.addRate * Math.min(1.4, sim.engagement) * (o.first ? 0.7 : 1) * (o.fromEmail ? 1.5 : 1);
      if (rng.chance(intent)) {
        addToCart(sim, visit, product);
        added = true;
      }
    }
  }
  if (!sim.cart.length) return undefined;
  if (!added && !o.fromEmail && !rng.chance(0.4)) return undefined;

  visit.wait(5, 40);
  visit.view(CART);
  visit.track('Cart Viewed', { cart_id: sim.cartId, products: sim.cart.map((l) => productProperties(l.product, { quantity: l.quantity })) });
  if (sim.cart.length > 1 && rng.chance(0.08)) {
    const [line] = sim.cart.splice(rng.int(0, sim.cart.length - 1), 1);
    visit.track('Product Removed', productProperties(line.product, { cart_id: sim.cartId, quantity: line.quantity }));
  }
  const go = persona.checkoutRate * Math.min(1.2, sim.engagement) * (added || o.fromEmail ? 1 : 0.7);
  if (!rng.chance(go)) return undefined;
  visit.wait(3, 20);
  return checkout(sim, visit, o.coupon);
}

export function addToCart(sim: CustomerSim, visit: Visit, product: Product): void {
  if (!sim.cartId) sim.cartId = sim.nextId('cart');
  const quantity = product.category === 'Strings' ? sim.rng.int(1, 3) : 1;
  const line = sim.cart.find((l) => l.product === product);
  if (line) line.quantity += quantity;
  else sim.cart.push({ product, quantity });
  visit.track('Product Added', productProperties(product, { cart_id: sim.cartId, quantity }));
}
