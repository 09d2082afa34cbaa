/**
 * First-order Markov-chain attribution (Anderl et al. 2016, "Mapping the customer journey"): journeys
 * are chains START → touch → … → CONVERSION | NULL; the transition matrix is estimated from counts;
 * a channel's removal effect is the relative drop in P(START ⇒ CONVERSION) when every transition
 * into it goes to NULL instead. Conversions are shared in proportion to removal effects.
 */
export const START = '(start)';
export const CONVERSION = '(conversion)';
export const NULL_STATE = '(null)';

/** Counted transitions; `from` is a channel or START, `to` a channel, CONVERSION or NULL_STATE. */
export interface Transition {
  from: string;
  to: string;
  count: number;
}

/** Transitions of whole journeys, e.g. `[['email', 'web'], true]` for email → web → conversion. */
export function transitionsFromPaths(paths: readonly { path: readonly string[]; converted: boolean; count?: number }[]): Transition[] {
  const counter = transitionCounter();
  for (const p of paths) {
    const states = [START, ...p.path, p.converted ? CONVERSION : NULL_STATE];
    for (let i = 0; i + 1 < states.length; i++) counter.add(states[i], states[i + 1], p.count ?? 1);
  }
  return counter.transitions();
}

/** Sums transition counts by (from, to). */
export function transitionCounter() {
  const counts = new Map<string, Transition>();
  return {
    add(from: string, to: string, n: number): void {
      const k = `${from}\u0000${to}`;
      const t = counts.get(k) ?? { from, to, count: 0 };
      t.count += n;
      counts.set(k, t);
    },
    transitions: (): Transition[] => [...counts.values()],
  };
}

export interface RemovalEffects {
  /** P(START ⇒ CONVERSION) with every channel present. */
  conversionProbability: number;
  /** Per channel: 1 − P(conversion without it) / P(conversion). */
  effects: Map<string, number>;
}

export function removalEffects(transitions: readonly Transition[]): RemovalEffects {
  const channels = [...new Set(transitions.flatMap((t) => [t.from, t.to]))].filter((s) => s !== START && s !== CONVERSION && s !== NULL_STATE).sort();
  const total = conversionProbability(transitions, channels, null);
  const effects = new Map<string, number>();
  for (const c of channels) {
    effects.set(c, total === 0 ? 0 : 1 - conversionProbability(transitions, channels, c) / total);
  }
  return { conversionProbability: total, effects };
}

/**
 * P(absorbed in CONVERSION | START), solving p = Q p + r for the transient states (START and the
 * channels) by Gaussian elimination. A removed channel converts with probability 0.
 */
function conversionProbability(transitions: readonly Transition[], channels: readonly string[], removed: string | null): number {
  const states = [START, ...channels.filter((c) => c !== removed)];
  const index = new Map(states.map((s, i) => [s, i]));
  const outTotals = new Map<string, number>();
  for (const t of transitions) outTotals.set(t.from, (outTotals.get(t.from) ?? 0) + t.count);
  const n = states.length;
  // Rows of [I − Q | r].
  const m = states.map((_, i) => Array.from({ length: n + 1 }, (_, j) => (i === j ? 1 : 0)));
  for (const t of transitions) {
    const i = index.get(t.from);
    const total = outTotals.get(t.from) ?? 0;
    if (i === undefined || total === 0) continue;
    const p = t.count / total;
    if (t.to === CONVERSION) m[i][n] += p;
    else {
      const j = index.get(t.to);
      if (j !== undefined) m[i][j] -= p; // NULL, and a removed channel, absorb without converting
    }
  }
  return solve(m)[index.get(START)!];
}

/** Gaussian elimination with partial pivoting on an augmented n × (n+1) matrix. */
function solve(m: number[][]): number[] {
  const n = m.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col];
    if (Math.abs(p) < 1e-15) continue; // a state that never leaves: it cannot convert
    for (let r = 0; r < n; r++) {
      if (r === col || m[r][col] === 0) continue;
      const f = m[r][col] / p;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => (Math.abs(row[i]) < 1e-15 ? 0 : row[n] / row[i]));
}

/** Conversions (and revenue) shared by removal effect: effect / Σ effects. */
export function markovShares(effects: Map<string, number>): Map<string, number> {
  const sum = [...effects.values()].reduce((s, e) => s + Math.max(0, e), 0);
  return new Map([...effects].map(([c, e]) => [c, sum === 0 ? 0 : Math.max(0, e) / sum]));
}
