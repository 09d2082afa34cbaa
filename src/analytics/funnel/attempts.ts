/**
 * The funnel semantics on one customer's events, written as plainly as possible: every attempt is
 * tried and the best one kept. This is the definition the SQL engine is tested against (see
 * README.md for the reasoning behind each rule).
 *
 * `rows` are the customer's events in funnel order — by time, then by the lowest step an event
 * matches, then by its step mask (`compareRows`); `mask` bit j is set when the event matches step j.
 * Events with the same time and mask are interchangeable, so the order among them does not matter.
 */
export interface Row {
  t: number;
  mask: number;
}

/** The attempt whose times are reported: how far it got and when it reached each step. */
export interface Chosen {
  depth: number;
  times: number[];
}

/** Lowest step index an event matches; events matching none sort after all that match one. */
export function rankOf(mask: number): number {
  if (mask === 0) return 32;
  let r = 0;
  while (!(mask & (1 << r))) r++;
  return r;
}

export function compareRows(a: Row, b: Row): number {
  return a.t - b.t || rankOf(a.mask) - rankOf(b.mask) || a.mask - b.mask;
}

interface Candidate extends Chosen {
  completion: number;
  start: number;
}

/** Deeper first; then the attempt that got there first; then the one that started last. */
function better(c: Candidate, best: Candidate | null): boolean {
  if (!best) return true;
  if (c.depth !== best.depth) return c.depth > best.depth;
  if (c.completion !== best.completion) return c.completion < best.completion;
  return c.start > best.start;
}

/**
 * `ordered`: an attempt starts at each step-1 event; step j+1 is the first later event (in funnel
 * order) that matches it, within `windowMs` of the start (inclusive). `strict`: step j+1 must be
 * the very next event of the customer (`rows` then holds all their events, matching or not).
 */
export function chooseSequential(rows: readonly Row[], steps: number, windowMs: number, strict: boolean): Chosen | null {
  let best: Candidate | null = null;
  rows.forEach((start, i) => {
    if (!(start.mask & 1)) return;
    const chain = [i];
    for (let j = 1; j < steps; j++) {
      let found = -1;
      for (let p = chain[j - 1] + 1; p < rows.length && rows[p].t - start.t <= windowMs; p++) {
        if (rows[p].mask & (1 << j)) { found = p; break; }
        if (strict) break;
      }
      if (found < 0) break;
      chain.push(found);
    }
    const c: Candidate = { depth: chain.length, times: chain.map((p) => rows[p].t), completion: chain[chain.length - 1], start: i };
    if (better(c, best)) best = c;
  });
  return best && { depth: (best as Candidate).depth, times: (best as Candidate).times };
}

/**
 * `unordered`: a window [T, T + window] opens at the time T of any step event; the customer did as
 * many steps as distinct steps matched by events in it (one event may complete several steps).
 * Times are those of the first event of each completed step, in time order.
 */
export function chooseUnordered(rows: readonly Row[], steps: number, windowMs: number): Chosen | null {
  let best: Candidate | null = null;
  const anchors = [...new Set(rows.filter((r) => r.mask !== 0).map((r) => r.t))];
  for (const T of anchors) {
    const firsts: number[] = [];
    for (let j = 0; j < steps; j++) {
      const hit = rows.find((r) => r.mask & (1 << j) && r.t >= T && r.t <= T + windowMs);
      if (hit) firsts.push(hit.t);
    }
    const times = firsts.sort((a, b) => a - b);
    const c: Candidate = { depth: times.length, times, completion: times[times.length - 1], start: T };
    if (better(c, best)) best = c;
  }
  return best && { depth: (best as Candidate).depth, times: (best as Candidate).times };
}

/**
 * Whether an exclusion spoils the chosen attempt: an excluded event strictly after the `fromStep`
 * event and strictly before the `toStep` event — or, when the attempt never reached `toStep`, up to
 * the end of its window.
 */
export function spoiled(chosen: Chosen, fromStep: number, toStep: number, windowMs: number, excludedTimes: readonly number[]): boolean {
  if (chosen.depth <= fromStep) return false;
  const after = chosen.times[fromStep];
  const reached = chosen.depth > toStep;
  return excludedTimes.some((t) => t > after && (reached ? t < chosen.times[toStep] : t <= chosen.times[0] + windowMs));
}
