import { CliError } from '../cli/errors.ts';

/**
 * A mapping says where each field of a Segment message comes from: a column of the file or a constant,
 * optionally converted to a type. Written on the command line as
 * `userId=Customer ID,event=:Call Completed,properties.duration_s=Duration:number`, or as JSON in a
 * map file (see parseMapFile).
 */
export const FIELD_TARGETS = ['type', 'event', 'userId', 'anonymousId', 'messageId', 'timestamp', 'channel', 'name', 'groupId', 'previousId'] as const;
export type FieldTarget = (typeof FIELD_TARGETS)[number];
export const NESTED_ROOTS = ['properties', 'traits', 'context'] as const;
export type NestedRoot = (typeof NESTED_ROOTS)[number];
export const VALUE_TYPES = ['string', 'number', 'boolean', 'date'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export type Target = { kind: 'field'; field: FieldTarget } | { kind: 'nested'; root: NestedRoot; path: string[] };
export type Source = { kind: 'column'; column: string } | { kind: 'constant'; value: string | number | boolean };

export interface FieldMap {
  /** As the user wrote it (`properties.reason`), for messages. */
  label: string;
  target: Target;
  source: Source;
  /** Conversion; `undefined` keeps the value as read (a string from CSV, any JSON value from NDJSON). */
  valueType?: ValueType;
}

export type Mapping = FieldMap[];

export function parseTarget(text: string): Target {
  const t = text.trim();
  if ((FIELD_TARGETS as readonly string[]).includes(t)) return { kind: 'field', field: t as FieldTarget };
  const [root, ...path] = t.split('.');
  if ((NESTED_ROOTS as readonly string[]).includes(root) && path.length > 0 && path.every((p) => p.length > 0)) {
    // `context.channel` is the channel; one spelling keeps validation in one place.
    if (root === 'context' && path.length === 1 && path[0] === 'channel') return { kind: 'field', field: 'channel' };
    return { kind: 'nested', root: root as NestedRoot, path };
  }
  throw new CliError(`Unknown map target "${t}". Targets: ${FIELD_TARGETS.join(', ')}, properties.X, traits.X, context.X.`);
}

/** `Column`, `:constant`, either with an optional `:number|:boolean|:date|:string` suffix. */
export function parseSource(text: string): { source: Source; valueType?: ValueType } {
  let body = text.trim();
  let valueType: ValueType | undefined;
  const suffix = /:(string|number|boolean|date)$/.exec(body);
  if (suffix && body.length > suffix[0].length) {
    valueType = suffix[1] as ValueType;
    body = body.slice(0, -suffix[0].length);
  }
  if (body.startsWith(':')) return { source: { kind: 'constant', value: body.slice(1) }, valueType };
  if (!body) throw new CliError(`Empty column name in map entry "${text}".`);
  return { source: { kind: 'column', column: body }, valueType };
}

/**
 * Parses `--map` values. Entries are separated by commas (`\,` for a comma inside a name or constant);
 * several `--map` flags add up.
 */
export function parseMapSpec(specs: string | readonly string[]): Mapping {
  const entries = (typeof specs === 'string' ? [specs] : specs)
    .flatMap((spec) => spec.split(/(?<!\\),/))
    .map((e) => e.replace(/\\,/g, ',').trim())
    .filter(Boolean);
  return checked(entries.map((entry) => {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new CliError(`Map entry "${entry}" should look like target=Column or target=:constant.`);
    const label = entry.slice(0, eq).trim();
    return { label, target: parseTarget(label), ...parseSource(entry.slice(eq + 1)) };
  }));
}

/**
 * A map file is a JSON object from target to source, either in the `--map` mini-syntax or spelled out:
 * `{"userId": "Customer ID", "event": {"value": "Call Completed"},
 *   "properties.duration_s": {"column": "Duration", "type": "number"}}`.
 */
export function parseMapFile(json: unknown, fileName = 'map file'): Mapping {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new CliError(`${fileName} must hold a JSON object such as {"userId": "Customer ID", "event": ":Call Completed"}.`);
  }
  return checked(Object.entries(json as Record<string, unknown>).map(([label, spec]) => {
    const target = parseTarget(label);
    if (typeof spec === 'string') return { label, target, ...parseSource(spec) };
    if (spec && typeof spec === 'object' && !Array.isArray(spec)) {
      const o = spec as { column?: unknown; value?: unknown; type?: unknown };
      const valueType = o.type === undefined ? undefined : asValueType(o.type, label);
      if (typeof o.column === 'string' && o.column && o.value === undefined) return { label, target, source: { kind: 'column', column: o.column }, valueType };
      if (o.column === undefined && (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean')) {
        return { label, target, source: { kind: 'constant', value: o.value }, valueType };
      }
    }
    throw new CliError(`${fileName}: "${label}" should be "Column", ":constant", {"column": "…", "type"?: "number"} or {"value": …}.`);
  }), fileName);
}

function asValueType(t: unknown, label: string): ValueType {
  if ((VALUE_TYPES as readonly unknown[]).includes(t)) return t as ValueType;
  throw new CliError(`"${label}": type must be one of ${VALUE_TYPES.join(', ')}.`);
}

function key(t: Target): string {
  return t.kind === 'field' ? t.field : `${t.root}.${t.path.join('.')}`;
}

function checked(mapping: Mapping, where = '--map'): Mapping {
  const seen = new Set<string>();
  for (const m of mapping) {
    const k = key(m.target);
    if (seen.has(k)) throw new CliError(`${where}: ${k} is mapped twice.`);
    seen.add(k);
  }
  return mapping;
}

/** Columns the mapping reads, to check against a CSV header before anything is sent. */
export function mappedColumns(mapping: Mapping): string[] {
  return [...new Set(mapping.flatMap((m) => (m.source.kind === 'column' ? [m.source.column] : [])))];
}

/** Segment's rule of thumb for a file without a `type` column: events are `track`; traits alone are `identify`. */
export function defaultType(mapping: Mapping): 'track' | 'identify' {
  const has = (p: (t: Target) => boolean) => mapping.some((m) => p(m.target));
  if (has((t) => t.kind === 'field' && t.field === 'event')) return 'track';
  return has((t) => t.kind === 'nested' && t.root === 'traits') ? 'identify' : 'track';
}
