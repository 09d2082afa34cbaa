import type { Rng } from './rng.ts';

const FIRST = [
  'Alex', 'Jamie', 'Sam', 'Taylor', 'Jordan', 'Morgan', 'Casey', 'Riley', 'Avery', 'Quinn', 'Maya', 'Noah',
  'Liam', 'Emma', 'Olivia', 'Ethan', 'Sofia', 'Lucas', 'Mia', 'Leo', 'Zoe', 'Owen', 'Ava', 'Eli', 'Nora',
  'Kai', 'Ruby', 'Finn', 'Ivy', 'Theo', 'Priya', 'Arjun', 'Mei', 'Hiro', 'Lena', 'Jonas', 'Chloe', 'Marcus',
  'Dana', 'Rosa', 'Diego', 'Amara', 'Kofi', 'Hannah', 'Ben', 'Grace', 'Felix', 'Isla', 'Omar', 'Yara',
];
const LAST = [
  'Rivera', 'Nguyen', 'Smith', 'Johnson', 'Garcia', 'Brown', 'Miller', 'Davis', 'Lopez', 'Wilson', 'Clark',
  'Lewis', 'Walker', 'Young', 'Hall', 'Allen', 'King', 'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson',
  'Hill', 'Campbell', 'Mitchell', 'Roberts', 'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker',
  'Collins', 'Edwards', 'Stewart', 'Morris', 'Murphy', 'Cook', 'Rogers', 'Patel', 'Kim', 'Chen', 'Schmidt',
  'Weber', 'Okafor', 'Haddad', 'Kowalski', 'Silva', 'Andersen',
];

export interface Place {
  city: string;
  state?: string;
  country: string;
  locale: string;
  timezone: string;
  /** Hours from UTC, used to put visits in local evenings. */
  utcOffset: number;
}

const US = (city: string, state: string, timezone: string, utcOffset: number): Place => ({
  city, state, country: 'US', locale: 'en-US', timezone, utcOffset,
});

/** Weighted towards the US, where the shops are; the rest keeps locale and time-zone charts honest. */
const PLACES: [Place, number][] = [
  [US('Austin', 'TX', 'America/Chicago', -5), 8],
  [US('Nashville', 'TN', 'America/Chicago', -5), 8],
  [US('Brooklyn', 'NY', 'America/New_York', -4), 8],
  [US('Los Angeles', 'CA', 'America/Los_Angeles', -7), 9],
  [US('Chicago', 'IL', 'America/Chicago', -5), 7],
  [US('Seattle', 'WA', 'America/Los_Angeles', -7), 6],
  [US('Denver', 'CO', 'America/Denver', -6), 5],
  [US('Atlanta', 'GA', 'America/New_York', -4), 6],
  [US('Portland', 'OR', 'America/Los_Angeles', -7), 4],
  [US('Minneapolis', 'MN', 'America/Chicago', -5), 4],
  [{ city: 'Toronto', state: 'ON', country: 'CA', locale: 'en-CA', timezone: 'America/Toronto', utcOffset: -4 }, 4],
  [{ city: 'Montreal', state: 'QC', country: 'CA', locale: 'fr-CA', timezone: 'America/Toronto', utcOffset: -4 }, 2],
  [{ city: 'Vancouver', state: 'BC', country: 'CA', locale: 'en-CA', timezone: 'America/Vancouver', utcOffset: -7 }, 2],
  [{ city: 'London', country: 'GB', locale: 'en-GB', timezone: 'Europe/London', utcOffset: 0 }, 6],
  [{ city: 'Manchester', country: 'GB', locale: 'en-GB', timezone: 'Europe/London', utcOffset: 0 }, 3],
  [{ city: 'Berlin', country: 'DE', locale: 'de-DE', timezone: 'Europe/Berlin', utcOffset: 1 }, 3],
  [{ city: 'Hamburg', country: 'DE', locale: 'de-DE', timezone: 'Europe/Berlin', utcOffset: 1 }, 2],
  [{ city: 'Melbourne', state: 'VIC', country: 'AU', locale: 'en-AU', timezone: 'Australia/Melbourne', utcOffset: 10 }, 3],
  [{ city: 'Sydney', state: 'NSW', country: 'AU', locale: 'en-AU', timezone: 'Australia/Sydney', utcOffset: 10 }, 2],
];
const PLACE_TOTAL = PLACES.reduce((s, [, w]) => s + w, 0);

export interface Person {
  firstName: string;
  lastName: string;
  /** Unique per customer: identity stitching merges people who share an e-mail or phone. */
  email: string;
  phone?: string;
  place: Place;
}

/** A fictional person. E-mails use the reserved example.* domains and phones the unused +1 555 area. */
export function makePerson(rng: Rng, index: number): Person {
  const firstName = rng.pick(FIRST);
  const lastName = rng.pick(LAST);
  let r = rng.next() * PLACE_TOTAL;
  let place = PLACES[0][0];
  for (const [p, w] of PLACES) {
    r -= w;
    if (r < 0) {
      place = p;
      break;
    }
  }
  const domain = rng.pick(['example.com', 'example.net', 'example.org']);
  const email = `${firstName}.${lastName}${index + 1}@${domain}`.toLowerCase();
  const phone = rng.chance(0.65) ? `+1555${String(index + 1).padStart(7, '0')}` : undefined;
  return { firstName, lastName, email, phone, place };
}
