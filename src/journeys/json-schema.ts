import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { JourneySchema } from './definition.ts';

/** Where the published schema is committed; a test fails when it differs from the generated one. */
export const JOURNEY_SCHEMA_FILE = fileURLToPath(new URL('./journey.schema.json', import.meta.url));

/**
 * The JSON Schema of a journey definition, generated from the zod schema (the one source of truth).
 * It covers the shape; cross-field rules (unique ids, references, shadowed touchpoints) are checked
 * only by `validateJourney`. Editors can use it via `$schema` or a `# yaml-language-server:` comment.
 */
export function journeyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(JourneySchema, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
}

/** The committed file's exact text. */
export function journeySchemaText(): string {
  return JSON.stringify(journeyJsonSchema(), null, 2) + '\n';
}

/** Every field name the format knows, for "did you mean" hints. */
export function knownFields(): readonly string[] {
  const names = new Set<string>();
  const walk = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    if (o.properties && typeof o.properties === 'object') Object.keys(o.properties).forEach((k) => names.add(k));
    Object.values(o).forEach(walk);
  };
  walk(journeyJsonSchema());
  return [...names];
}

// `npx tsx src/journeys/json-schema.ts` rewrites the committed file after a schema change.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const before = (() => { try { return readFileSync(JOURNEY_SCHEMA_FILE, 'utf8'); } catch { return ''; } })();
  const after = journeySchemaText();
  if (before !== after) writeFileSync(JOURNEY_SCHEMA_FILE, after);
  console.log(before === after ? `${JOURNEY_SCHEMA_FILE} is up to date` : `wrote ${JOURNEY_SCHEMA_FILE}`);
}
