import type { z } from 'zod';
import { editDistance } from '../common/collections.ts';

/** One problem in a definition: `path` is where, in the form `stages[2].touchpoints[0].match.where[1].op`. */
export interface JourneyError {
  path: string;
  message: string;
  /** 1-based position in the source text, when the definition was parsed from text. */
  line?: number;
  column?: number;
}

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

/** `['stages', 2, 'id']` → `stages[2].id`; keys that are not identifiers are quoted: `a["b c"]`. */
export function formatPath(path: readonly Key[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(k))) out += (out ? '.' : '') + String(k);
    else out += `[${JSON.stringify(String(k))}]`;
  }
  return out;
}

/** Zod issues as errors that name the exact field and read as English. */
export function toJourneyErrors(issues: readonly Issue[], knownFields: readonly string[]): { path: Key[]; message: string; atKey: boolean }[] {
  const out: { path: Key[]; message: string; atKey: boolean }[] = [];
  const seen = new Set<string>();
  const push = (path: Key[], message: string, atKey = false) => {
    const k = formatPath(path) + '\n' + message;
    if (!seen.has(k)) { seen.add(k); out.push({ path, message, atKey }); }
  };
  const visit = (issue: Issue, base: Key[]) => {
    const path = [...base, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) push([...path, key], unknownField(key, knownFields), true);
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = bestBranch(issue.errors);
      if (branch) branch.forEach((i) => visit(i, path));
      else push(path, noBranchMessage(issue));
    } else push(path, messageOf(issue));
  };
  issues.forEach((i) => visit(i, []));
  return out;
}

function isMissing(i: Issue): boolean {
  if (i.code === 'invalid_type') return i.input === undefined;
  if (i.code === 'invalid_union') return i.errors.length === 0 ? (i.input as Record<string, unknown> | undefined)?.[String(i.path.at(-1))] === undefined : i.errors.every((b) => b.some(isMissing));
  return false;
}

/**
 * Which alternative of a union the author meant: the one whose shape fits best (fewest unknown or
 * missing fields, no type mismatch at its root). Null when the value's type fits none of them.
 */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | null {
  const fit = (issues: readonly Issue[]) => issues.reduce((s, i) => {
    if (i.path.length === 0) return s + (i.code === 'invalid_type' ? 1000 : i.code === 'unrecognized_keys' ? 2 * i.keys.length : 1);
    return s + (i.path.length === 1 && isMissing(i) ? 2 : 0);
  }, 0);
  let best: readonly Issue[] | null = null;
  let bestScore = Infinity;
  for (const b of branches) {
    const score = fit(b) * 1000 + b.length;
    if (score < bestScore) { best = b; bestScore = score; }
  }
  return bestScore >= 1000 * 1000 ? null : best;
}

function noBranchMessage(issue: Extract<Issue, { code: 'invalid_union' }>): string {
  if (issue.input === undefined) return 'required';
  const wanted = issue.errors.map((b) => {
    const root = b.find((i) => i.path.length === 0);
    if (root?.code === 'invalid_type') return expectedText(root.expected);
    if (root?.code === 'invalid_value') return `one of ${root.values.map(String).join(', ')}`;
    return 'another form';
  });
  return `expected ${[...new Set(wanted)].join(' or ')}, got ${describe(issue.input)}`;
}

const ZOD_DEFAULT = /^(Invalid input|Invalid option|Too small|Too big|Invalid string|Invalid discriminator|Unrecognized key|Invalid$)/;

function messageOf(issue: Issue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${expectedText(issue.expected)}, got ${describe(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` :
        `${describe(issue.input)} is not allowed; expected one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      if (issue.discriminator !== undefined && issue.errors.length === 0) {
        const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
        const options = 'options' in issue ? issue.options?.map(String).join(', ') ?? '' : '';
        return value === undefined ? `required: one of ${options}` : `unknown ${issue.discriminator === 'op' ? 'operator' : String(issue.discriminator)} ${describe(value)}; expected one of ${options}`;
      }
      return noBranchMessage(issue);
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const n = Number(small ? issue.minimum : issue.maximum);
      const bound = small ? (issue.inclusive ? 'at least' : 'more than') : (issue.inclusive ? 'at most' : 'less than');
      if (issue.origin === 'array') return `needs ${bound} ${n} item${n === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return small && n === 1 ? 'must not be empty' : `must be ${bound} ${n} characters long`;
      return `must be ${bound} ${n}, got ${describe(issue.input)}`;
    }
    default:
      return issue.message;
  }
}

function expectedText(expected: string): string {
  const names: Record<string, string> = {
    string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object', null: 'null',
  };
  return names[expected] ?? expected;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  return String(v);
}

function unknownField(key: string, known: readonly string[]): string {
  const near = known.filter((k) => k !== key && editDistance(k.toLowerCase(), key.toLowerCase()) <= Math.max(1, Math.floor(k.length / 4)))
    .sort((a, b) => editDistance(a, key) - editDistance(b, key))[0];
  return `unknown field ${JSON.stringify(key)}` + (near ? `; did you mean "${near}"?` : '');
}
