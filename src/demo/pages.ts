import { type Category, type Product, STORE_URL } from './catalog.ts';

/** A page of riffsandco.com; `screen` is the matching app screen name. */
export interface PageDef {
  path: string;
  /** Query string including `?`, or ''. */
  search: string;
  title: string;
  name: string;
  screen: string;
}

const SITE = 'Riffs & Co';

function page(path: string, name: string, title: string, screen = name, search = ''): PageDef {
  return { path, search, name, title: `${title} | ${SITE}`, screen };
}

export const HOME = page('/', 'Home', 'Guitars, Amps, Pedals & Strings');
export const CART = page('/cart', 'Cart', 'Your Cart');
export const SIGN_UP = page('/signup', 'Sign Up', 'Create an account');
export const LOG_IN = page('/login', 'Log In', 'Log in');
export const RETURNS = page('/returns', 'Returns', 'Start a return or exchange', 'Returns');
export const HELP = page('/help', 'Help', 'Help Centre');
export const REFER = page('/account/refer', 'Refer a Friend', 'Give $20, get $20');

/** Checkout steps in order; step numbers are the Segment `step` property. */
export const CHECKOUT_STEPS = [
  page('/checkout', 'Checkout Shipping', 'Checkout – Shipping', 'Checkout'),
  page('/checkout/delivery', 'Checkout Delivery', 'Checkout – Delivery', 'Checkout'),
  page('/checkout/payment', 'Checkout Payment', 'Checkout – Payment', 'Checkout'),
] as const;
export const CONFIRMATION = page('/checkout/confirmation', 'Order Confirmation', 'Thank you for your order');

export function categoryPage(category: Category): PageDef {
  return page(`/c/${category.toLowerCase()}`, 'Category', category, 'Category');
}

export function productPage(p: Product): PageDef {
  return page(`/p/${p.slug}`, 'Product', p.name, 'Product Detail');
}

export function searchPage(query: string): PageDef {
  return page('/search', 'Search Results', `Results for "${query}"`, 'Search', `?q=${encodeURIComponent(query)}`);
}

export function orderPage(orderId: string): PageDef {
  return page(`/account/orders/${orderId}`, 'Order Status', `Order ${orderId}`, 'Order Detail');
}

export function reviewPage(p: Product): PageDef {
  return page(`/p/${p.slug}/review`, 'Write a Review', `Review ${p.name}`, 'Write Review');
}

export interface BlogPost {
  slug: string;
  title: string;
  category: Category;
}

export const BLOG_POSTS: BlogPost[] = [
  { slug: 'first-guitar-buying-guide', title: 'Your first guitar: a buying guide', category: 'Guitars' },
  { slug: 'how-to-change-guitar-strings', title: 'How to change your guitar strings', category: 'Strings' },
  { slug: 'best-overdrive-pedals-2026', title: 'The best overdrive pedals of 2026', category: 'Pedals' },
  { slug: 'tube-vs-modeling-amps', title: 'Tube vs modeling amps', category: 'Amps' },
  { slug: 'pedalboard-order-explained', title: 'Pedalboard order, explained', category: 'Pedals' },
  { slug: 'home-recording-setup', title: 'A home recording setup under $1,000', category: 'Amps' },
  { slug: 'gift-ideas-for-guitarists', title: '25 gift ideas for guitarists', category: 'Accessories' },
];

export function blogPage(post: BlogPost): PageDef {
  return page(`/blog/${post.slug}`, 'Blog Post', post.title, 'Article');
}

export function pageUrl(p: PageDef): string {
  return `${STORE_URL}${p.path}${p.search}`;
}
