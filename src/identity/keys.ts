import type { Json, TouchEvent } from '../ingest/event.ts';

/**
 * Identities are stored as `kind:value`. A customer is every identity linked together: anonymous
 * ids, the user id, e-mail and phone from traits.
 */
export type IdentityKind = 'user' | 'anon' | 'email' | 'phone';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['user', 'anon', 'email', 'phone'];

export const key = (kind: IdentityKind, value: string) => `${kind}:${value}`;
export const kindOf = (identity: string) => identity.slice(0, identity.indexOf(':')) as IdentityKind;
export const valueOf = (identity: string) => identity.slice(identity.indexOf(':') + 1);

export function normalizeEmail(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const e = v.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e) ? e : null;
}

/** Digits only, with a leading + kept; too short to be a phone number → null. */
export function normalizePhone(v: unknown): string | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const s = String(v).trim();
  const digits = s.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return (s.startsWith('+') ? '+' : '') + digits;
}

/** Every identity key a caller could use to look a customer up by a raw id. */
export function lookupKeys(id: string): string[] {
  const keys = [key('user', id), key('anon', id)];
  const email = normalizeEmail(id);
  if (email) keys.push(key('email', email));
  const phone = normalizePhone(id);
  if (phone && /^[+\d\s().-]+$/.test(id)) keys.push(key('phone', phone));
  return keys;
}

/** Trait-based identities (e-mail, phone) carried by an event. */
export function traitKeys(e: TouchEvent): string[] {
  const traits: Json = e.traits ?? {};
  const out: string[] = [];
  const email = normalizeEmail(traits.email);
  if (email) out.push(key('email', email));
  const phone = normalizePhone(traits.phone);
  if (phone) out.push(key('phone', phone));
  return out;
}
