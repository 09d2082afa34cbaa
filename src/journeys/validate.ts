import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { JourneySchema, type Journey } from './definition.ts';
import { formatPath, toJourneyErrors, type JourneyError } from './issues.ts';
import { knownFields } from './json-schema.ts';

export type { JourneyError } from './issues.ts';
export type JourneyValidation = { ok: true; journey: Journey } | { ok: false; errors: JourneyError[] };

/** Definitions larger than this are refused before parsing (a real one is a few KB). */
export const MAX_DEFINITION_CHARS = 1_000_000;

let fields: readonly string[] | undefined;

/**
 * Checks a parsed definition. Errors name the exact field (`stages[2].touchpoints[0].match.where[1].op`)
 * and say what is wrong in plain words; shape errors come first, cross-field rules once the shape is valid.
 *
 * @example
 * const r = validateJourney(JSON.parse(body));
 * if (!r.ok) return reply.code(400).send({ error: { code: 'invalid_journey', details: r.errors } });
 */
export function validateJourney(input: unknown): JourneyValidation {
  const r = check(input);
  return r.ok ? r : { ok: false, errors: r.issues.map((e) => ({ path: formatPath(e.path), message: e.message })) };
}

function check(input: unknown): { ok: true; journey: Journey } | { ok: false; issues: ReturnType<typeof toJourneyErrors> } {
  const r = JourneySchema.safeParse(input, { reportInput: true });
  if (r.success) return { ok: true, journey: r.data };
  fields ??= knownFields();
  return { ok: false, issues: toJourneyErrors(r.error.issues, fields) };
}

/**
 * Parses and validates a definition written as JSON or YAML (JSON when the file name ends in `.json`,
 * or, without a name, when the text starts with `{`). Syntax errors and validation errors both carry
 * the 1-based line and column of the offending text.
 *
 * @example
 * const r = parseJourneyText(readFileSync('journey.yaml', 'utf8'), 'journey.yaml');
 * if (!r.ok) console.error(formatJourneyErrors(r.errors, 'journey.yaml'));
 */
export function parseJourneyText(text: string, filename?: string): JourneyValidation {
  if (text.length > MAX_DEFINITION_CHARS) return fail(`the definition is ${text.length} characters long; the limit is ${MAX_DEFINITION_CHARS}`);
  if (text.trim() === '') return fail('the definition is empty');
  const lines = new LineCounter();
  const isJson = filename ? /\.json$/i.test(filename) : /^\s*\{/.test(text);
  let value: unknown;
  let doc: Document | undefined = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (isJson) {
    try {
      value = JSON.parse(text);
    } catch (err) {
      const message = (err as Error).message;
      const offset = Number(/position (\d+)/.exec(message)?.[1] ?? NaN);
      const where = Number.isNaN(offset) ? {} : position(lines, offset);
      return { ok: false, errors: [{ path: '', message: `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, ...where }] };
    }
    if (doc.errors.length > 0) doc = undefined; // still valid JSON; only positions are lost
  } else {
    if (doc.errors.length > 0) {
      return {
        ok: false,
        errors: doc.errors.map((e) => ({ path: '', message: `invalid YAML: ${e.message.split('\n')[0]}`, ...position(lines, e.pos[0]) })),
      };
    }
    value = doc.toJS({ maxAliasCount: 100 });
  }
  const r = check(value);
  if (r.ok) return r;
  const located = doc;
  return {
    ok: false,
    errors: r.issues.map((e) => ({
      path: formatPath(e.path), message: e.message, ...(located ? locate(located, lines, e.path, e.atKey) : {}),
    })),
  };
}

/** Errors as `file:line:column path: message` lines, for the CLI. */
export function formatJourneyErrors(errors: readonly JourneyError[], filename = 'journey'): string {
  return errors.map((e) => `${filename}${e.line ? `:${e.line}:${e.column}` : ''} ${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n');
}

function fail(message: string): JourneyValidation {
  return { ok: false, errors: [{ path: '', message }] };
}

function position(lines: LineCounter, offset: number): { line: number; column: number } {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** The source position of a path: the deepest node that exists (a missing field points at its parent). */
function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[], atKey: boolean): { line?: number; column?: number } {
  let node = doc.contents as Node | null;
  let offset = node?.range?.[0];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      const last = i === path.length - 1;
      offset = (last && atKey ? keyNode?.range?.[0] : valueNode?.range?.[0] ?? keyNode?.range?.[0]) ?? offset;
      node = valueNode;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? {} : position(lines, offset);
}
