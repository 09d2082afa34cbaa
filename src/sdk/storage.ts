/**
 * Browser persistence. localStorage throws in some privacy modes and sandboxed iframes, so every
 * access is guarded; identities also live in a first-party cookie that survives a cleared
 * localStorage (and vice versa).
 */

const YEAR_SECONDS = 31536000;

export function lsGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes, or removes when `value` is null. A full or blocked storage leaves data in memory only. */
export function lsSet(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Best effort: the in-memory copy is still sent.
  }
}

function cookieGet(key: string): string | null {
  const m = document.cookie.match(new RegExp(`(?:^|; )${key}=([^;]*)`));
  return m && m[1] ? decodeURIComponent(m[1]) : null;
}

function cookieSet(key: string, value: string | null): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  const v = value === null ? '; max-age=0' : `; max-age=${YEAR_SECONDS}`;
  document.cookie = `${key}=${encodeURIComponent(value || '')}; path=/${v}; SameSite=Lax${secure}`;
}

/** Reads an identity (`tp_anon`, `tp_uid`) from localStorage, falling back to the cookie. */
export function readId(key: string): string | null {
  try {
    return lsGet(key) || cookieGet(key);
  } catch {
    return null;
  }
}

/** Stores an identity in both places (or clears both when `value` is null). */
export function writeId(key: string, value: string | null): void {
  lsSet(key, value);
  try {
    cookieSet(key, value);
  } catch {
    // Cookies disabled: localStorage alone.
  }
}
