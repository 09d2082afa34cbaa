/** Per-message limits. 32 KB is Segment's documented per-call limit; depth guards against JSON bombs. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_DEPTH = 16;
export const MAX_KEYS = 1000;

/**
 * The serialised size of a JSON value, counted while walking it (no string is built): exact for
 * ASCII keys and strings, an upper bound otherwise, as JSON escapes are counted as UTF-8 bytes.
 */
export function jsonSize(value: unknown): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'string': return Buffer.byteLength(value) + 2;
    case 'number': return String(value).length;
    case 'boolean': return value ? 4 : 5;
    case 'object': {
      let n = 2;
      if (Array.isArray(value)) for (const v of value) n += jsonSize(v) + 1;
      else for (const k in value as object) n += Buffer.byteLength(k) + 4 + jsonSize((value as Record<string, unknown>)[k]);
      return n;
    }
    default: return 0;
  }
}

/** Returns a problem description, or null when the value is within limits. */
export function checkShape(value: unknown, maxDepth = MAX_DEPTH): string | null {
  let keys = 0;
  const walk = (v: unknown, depth: number): string | null => {
    if (v === null || typeof v !== 'object') return null;
    if (depth > maxDepth) return `nested deeper than ${maxDepth} levels`;
    const entries = Array.isArray(v) ? v : Object.values(v as object);
    keys += entries.length;
    if (keys > MAX_KEYS) return `has more than ${MAX_KEYS} keys and items`;
    for (const child of entries) {
      const problem = walk(child, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return walk(value, 0);
}
