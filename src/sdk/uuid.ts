/**
 * A random v4 UUID for `messageId` and `anonymousId`. `crypto.randomUUID` exists only in secure
 * contexts (https, localhost), so plain-http pages fall back to `getRandomValues`.
 *
 * @example uuid() // 'b3f1c2d4-5e6f-4a8b-9c0d-1e2f3a4b5c6d'
 */
export function uuid(c: Partial<Crypto> | undefined = typeof crypto === 'undefined' ? undefined : crypto): string {
  if (c && c.randomUUID) return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && c.getRandomValues) c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = (Math.random() * 256) | 0;
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const h = Array.from(b, (x) => (x + 256).toString(16).slice(1)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
