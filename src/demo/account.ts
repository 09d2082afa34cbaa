import { LOG_IN, SIGN_UP } from './pages.ts';
import type { CustomerSim } from './sim.ts';
import type { Visit } from './visit.ts';

/**
 * Signs the customer in on the visit's device — creating the account first if they have none —
 * and identifies them, which is what ties this device's anonymous id to the user id.
 */
export function logIn(sim: CustomerSim, visit: Visit): void {
  if (visit.device.signedIn) return;
  const { rng } = sim;
  if (!sim.hasAccount) {
    signUp(sim, visit);
    return;
  }
  visit.view(LOG_IN);
  visit.wait(8, 40);
  visit.device.signedIn = true;
  visit.identify(sim.traits());
  visit.track('Signed In', { method: rng.weighted({ email: 6, google: 3, apple: 1 }) });
}

function signUp(sim: CustomerSim, visit: Visit): void {
  const { rng, persona } = sim;
  visit.view(SIGN_UP);
  visit.wait(25, 120);
  sim.hasAccount = true;
  sim.createdAt = visit.t;
  sim.optIn = rng.chance(persona.marketingOptIn);
  // Mixpanel-era setups call alias(userId) at sign-up to merge the pre-sign-up history.
  if (rng.chance(0.04)) visit.alias(visit.device.anonymousId);
  visit.device.signedIn = true;
  visit.identify(sim.traits());
  visit.track('Signed Up', { method: rng.weighted({ email: 6, google: 3, apple: 1 }), source: sim.acquisition });
  joinGroup(sim, visit);
}

/** Studios and bands buy on a shared account: a few customers belong to a `group`. */
function joinGroup(sim: CustomerSim, visit: Visit): void {
  const { rng, persona, person } = sim;
  const studio = persona.name === 'Studio Producer' && rng.chance(0.35);
  const band = persona.name === 'Gigging Pro' && rng.chance(0.2);
  if (!studio && !band) return;
  sim.groupId = sim.nextId('grp');
  visit.group(sim.groupId, studio
    ? { name: `${person.lastName} Sound Studio`, industry: 'Recording studio', employees: rng.int(1, 8), city: person.place.city }
    : { name: `The ${rng.pick(['Velvet', 'Rusty', 'Electric', 'Midnight', 'Copper'])} ${rng.pick(['Owls', 'Engines', 'Saints', 'Rivers', 'Wolves'])}`, industry: 'Band', employees: rng.int(3, 6), city: person.place.city });
}

/** Guest checkout: no account, but the e-mail typed at the shipping step still identifies the device. */
export function identifyGuest(sim: CustomerSim, visit: Visit): void {
  const { email, firstName, lastName, phone } = sim.person;
  const traits: Record<string, unknown> = {
    email, name: `${firstName} ${lastName}`, first_name: firstName, last_name: lastName,
    persona: sim.persona.name, city: sim.person.place.city, country: sim.person.place.country, guest: true,
  };
  if (phone) traits.phone = phone;
  visit.identify(traits);
}
