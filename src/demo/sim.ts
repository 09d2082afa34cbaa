import type { Product } from './catalog.ts';
import type { Device } from './devices.ts';
import { Emitter, type Identity } from './emitter.ts';
import { makePerson, type Person } from './people.ts';
import { PERSONAS, PERSONA_SHARES, type Persona, type Source } from './personas.ts';
import { Rng } from './rng.ts';

export interface CartLine {
  product: Product;
  quantity: number;
}

export type OrderChannel = 'web' | 'app' | 'store' | 'voice';

export interface Order {
  orderId: string;
  placedAt: number;
  lines: CartLine[];
  total: number;
  channel: OrderChannel;
  who: Identity;
  /** Device the customer follows up from (order page, returns, reviews); primary web device if none. */
  device: Device;
  express: boolean;
}

/** Everything one simulated customer carries between visits. */
export class CustomerSim {
  readonly rng: Rng;
  readonly persona: Persona;
  readonly person: Person;
  readonly out: Emitter;
  readonly userId: string;
  readonly key: string;
  readonly devices: Device[] = [];
  readonly orders: Order[] = [];
  cart: CartLine[] = [];
  cartId = '';
  hasAccount = false;
  createdAt = 0;
  optIn = false;
  acquisition: Source = 'direct';
  /** Multiplies intent and return visits; bad experiences (late parcels, returns) lower it. */
  engagement = 1;
  churned = false;
  /** No organic visit before this time (e.g. while waiting for a parcel). */
  notBefore = 0;
  groupId: string | undefined;
  private ids = 0;

  constructor(seed: number, readonly index: number, start: number, end: number) {
    this.rng = new Rng(seed, index);
    this.persona = PERSONAS[this.rng.weighted(PERSONA_SHARES)];
    this.person = makePerson(this.rng, index);
    this.userId = `u_${String(index + 1).padStart(6, '0')}`;
    this.key = (index + 1).toString(36).padStart(4, '0');
    this.out = new Emitter(`demo-${(seed >>> 0).toString(36)}-${this.key}-`, start, end);
  }

  /** Order, cart, chat… ids: unique across customers because they embed the customer key. */
  nextId(prefix: string): string {
    return `${prefix}_${this.key}${(++this.ids).toString(36).padStart(3, '0')}`;
  }

  identity(device: Device): Identity {
    return device.signedIn ? { userId: this.userId, anonymousId: device.anonymousId } : { anonymousId: device.anonymousId };
  }

  /** For back-office events: the account if there is one, else the device that acted. */
  backOfficeIdentity(device: Device): Identity {
    return this.hasAccount ? { userId: this.userId } : { anonymousId: device.anonymousId };
  }

  get web(): Device {
    return this.devices[0];
  }

  /** Segment reserved traits plus the demo's own (`persona`, `city`, `country`). */
  traits(): Record<string, unknown> {
    const p = this.person;
    const traits: Record<string, unknown> = {
      email: p.email,
      name: `${p.firstName} ${p.lastName}`,
      first_name: p.firstName,
      last_name: p.lastName,
      persona: this.persona.name,
      city: p.place.city,
      country: p.place.country,
      marketing_opt_in: this.optIn,
      acquisition_source: this.acquisition,
    };
    if (p.place.state) traits.state = p.place.state;
    if (p.phone) traits.phone = p.phone;
    if (this.hasAccount) traits.created_at = new Date(this.createdAt).toISOString();
    return traits;
  }

  cartValue(): number {
    return this.cart.reduce((s, l) => s + l.product.price * l.quantity, 0);
  }
}
