import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { JOURNEY_SCHEMA_FILE, journeyJsonSchema, journeySchemaText } from './json-schema.ts';
import { TEMPLATE_IDS, getTemplate } from './templates/index.ts';

describe('published JSON Schema', () => {
  it('the committed journey.schema.json is the generated one (run `npx tsx src/journeys/json-schema.ts` after a schema change)', () => {
    expect(readFileSync(JOURNEY_SCHEMA_FILE, 'utf8')).toBe(journeySchemaText());
  });

  // ajv arrives with fastify; it checks the published schema works for a standard validator.
  const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(journeyJsonSchema());

  it('accepts every template', () => {
    for (const id of TEMPLATE_IDS) expect(validate(getTemplate(id)), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
  });

  it('rejects what the shape forbids', () => {
    const base = getTemplate('three-stage')!;
    const bad = [
      { ...base, stages: [] },
      { ...base, extra: 1 },
      { ...base, id: 'Not A Slug' },
      { ...base, stages: [{ ...base.stages[0], touchpoints: [{ id: 't', name: 'T', match: { where: [{ property: 'x', op: 'bigger', value: 1 }] } }] }] },
      { ...base, stages: [{ ...base.stages[0], expectedEmotion: 3 }] },
      { ...base, personas: [{ id: 'p', name: 'P', rule: { any: [{ property: 'plan', op: 'eq', value: 'pro' }] } }] },
    ];
    for (const j of bad) expect(validate(j), JSON.stringify(j).slice(0, 200)).toBe(false);
  });
});
