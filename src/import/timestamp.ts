/**
 * Dates as they appear in exported spreadsheets and call-centre logs. Accepted:
 * - ISO 8601 with an offset: `2024-03-01T14:05:00Z`, `2024-03-01T16:05:00+02:00`, `…+0200`
 * - `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DD HH:mm:ss(.SSS)` and the same with `T`, all read as
 *   UTC. (JavaScript reads an offset-less date-time as *local* time, so the same file would import
 *   differently on two machines; UTC makes an import reproducible.)
 * - epoch seconds (9–10 digits, optional fraction) or epoch milliseconds (12–13 digits).
 * Anything else (`03/01/2024`, `yesterday`) is refused rather than guessed: day/month order is ambiguous.
 */
export type TimeParse = { ok: true; ms: number } | { ok: false };

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const ZONED = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const EPOCH_S = /^\d{9,10}(?:\.\d+)?$/;
const EPOCH_MS = /^\d{12,13}$/;

export const TIMESTAMP_FORMATS = 'ISO 8601, YYYY-MM-DD, YYYY-MM-DD HH:mm:ss (UTC) or epoch seconds/ms';

export function parseTimestamp(input: unknown): TimeParse {
  if (typeof input === 'number') return fromEpoch(input);
  if (typeof input !== 'string') return { ok: false };
  const s = input.trim();
  if (EPOCH_S.test(s)) return fromEpoch(Number(s) * 1000);
  if (EPOCH_MS.test(s)) return fromEpoch(Number(s));
  const local = LOCAL.exec(s);
  if (local) return fromParts(local.slice(1).map((p) => p ?? ''));
  const zoned = ZONED.exec(s);
  if (zoned) {
    const [, date, time, zone] = zoned;
    const offset = /^[zZ]$/.test(zone) ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const ms = Date.parse(`${date}T${time}${offset}`);
    if (Number.isNaN(ms) || !fromParts([...date.split('-'), ...time.split(/[:.]/)]).ok) return { ok: false };
    return { ok: true, ms };
  }
  return { ok: false };
}

/** Seconds below 1e11 (year 5138), milliseconds above: the usual heuristic for bare epoch numbers. */
function fromEpoch(n: number): TimeParse {
  if (!Number.isFinite(n) || n < 0) return { ok: false };
  const ms = n < 1e11 ? n * 1000 : n;
  return { ok: true, ms: Math.round(ms) };
}

/** Builds a UTC time and checks the calendar (Date.UTC would silently turn Feb 31 into Mar 2). */
function fromParts([y, mo, d, h = '', mi = '', s = '', frac = '']: string[]): TimeParse {
  const year = Number(y), month = Number(mo), day = Number(d);
  const hour = Number(h || 0), minute = Number(mi || 0), second = Number(s || 0);
  const millis = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const t = new Date(ms);
  const valid = t.getUTCFullYear() === year && t.getUTCMonth() === month - 1 && t.getUTCDate() === day
    && hour < 24 && minute < 60 && second < 60;
  return valid ? { ok: true, ms } : { ok: false };
}
