import { describe, expect, it } from 'vitest';
import { MAX_DEFINITION_CHARS, formatJourneyErrors, parseJourneyText, validateJourney, type JourneyError } from './validate.ts';

const tp = (id: string, match: unknown = { event: 'Order Completed' }, extra = {}) => ({ id, name: id, match, ...extra });
const stage = (id: string, touchpoints: unknown[], extra = {}) => ({ id, name: id, touchpoints, ...extra });
const journey = (stages: unknown[], extra = {}) => ({ id: 'j', name: 'J', stages, ...extra });
/** A journey whose only touchpoint matches with one `where` condition. */
const withCondition = (c: unknown) => journey([stage('s', [tp('t', { event: 'x', where: [{ property: 'plan', op: 'eq', value: 'pro' }, c] })])]);

function errors(input: unknown): JourneyError[] {
  const r = validateJourney(input);
  if (r.ok) throw new Error('expected the definition to be invalid');
  return r.errors;
}
const W = 'stages[0].touchpoints[0].match.where[1]';

describe('validateJourney', () => {
  it('accepts a minimal journey and returns it', () => {
    const r = validateJourney(journey([stage('s', [tp('t')])]));
    expect(r).toEqual({ ok: true, journey: journey([stage('s', [tp('t')])]) });
  });

  it('points at a missing or unknown operator', () => {
    expect(errors(withCondition({ property: 'total', value: 1 }))).toEqual([
      { path: `${W}.op`, message: 'required: one of eq, neq, gt, gte, lt, lte, contains, starts_with, in, exists' },
    ]);
    expect(errors(withCondition({ property: 'total', op: 'bigger', value: 1 }))).toEqual([
      { path: `${W}.op`, message: 'unknown operator "bigger"; expected one of eq, neq, gt, gte, lt, lte, contains, starts_with, in, exists' },
    ]);
  });

  it('checks values against the operator', () => {
    expect(errors(withCondition({ property: 'total', op: 'gt', value: 'lots' }))).toEqual([
      { path: `${W}.value`, message: 'must be a number, or an ISO date such as "2024-05-01" or "2024-05-01T12:00:00Z" (dates only for timestamp)' },
    ]);
    expect(errors(withCondition({ property: 'total', op: 'gt', value: '2024-05-01' }))).toEqual([
      { path: `${W}.value`, message: 'total is compared as a number: use a number (dates can be compared only on "timestamp")' },
    ]);
    expect(errors(withCondition({ property: 'path', op: 'starts_with', value: '' }))).toEqual([{ path: `${W}.value`, message: 'must not be empty' }]);
    expect(errors(withCondition({ property: 'plan', op: 'in', value: [] }))[0]).toEqual({ path: `${W}.value`, message: 'needs at least 1 item' });
    expect(errors(withCondition({ property: 'plan', op: 'in', value: ['a', 2] }))).toEqual([{ path: `${W}.value[1]`, message: 'expected text, got 2' }]);
    expect(errors(withCondition({ property: 'plan', op: 'eq', value: { a: 1 } }))).toEqual([
      { path: `${W}.value`, message: 'expected text or a number or true or false, got an object' },
    ]);
    expect(errors(withCondition({ property: 'plan', op: 'exists', value: 'yes' }))).toEqual([{ path: `${W}.value`, message: 'expected true or false, got "yes"' }]);
  });

  it('checks operators and values against the property', () => {
    expect(errors(withCondition({ property: 'channel', op: 'gt', value: 1 }))).toEqual([
      { path: `${W}.op`, message: 'channel is text: use eq, neq, in, contains, starts_with or exists' },
    ]);
    expect(errors(withCondition({ property: 'channel', op: 'in', value: ['web', 'fax'] }))).toEqual([
      { path: `${W}.value[1]`, message: '"fax" is not a channel; expected one of web, app, email, social, chat, phone, store, voice, other' },
    ]);
    expect(errors(withCondition({ property: 'device', op: 'eq', value: 3 }))).toEqual([{ path: `${W}.value`, message: 'device is text: compare it with a string' }]);
    expect(errors(withCondition({ property: 'timestamp', op: 'eq', value: '2024-05-01' }))).toEqual([
      { path: `${W}.op`, message: 'timestamp (the event time) can only be compared with gt, gte, lt or lte' },
    ]);
    expect(errors(withCondition({ property: 'timestamp', op: 'gt', value: 5 }))).toEqual([
      { path: `${W}.value`, message: 'timestamp is compared with an ISO date such as "2024-05-01" or "2024-05-01T12:00:00Z"' },
    ]);
    expect(errors(withCondition({ property: 'timestamp', op: 'gt', value: '2024-13-45' }))).toEqual([{ path: `${W}.value`, message: '"2024-13-45" is not a valid date' }]);
    expect(errors(withCondition({ property: "properties.it's", op: 'exists' }))[0].path).toBe(`${W}.property`);
    expect(errors(withCondition({ property: 'page.path', op: 'exists' }))).toEqual([
      { path: `${W}.property`, message: '"page.path" must start with "properties.", "traits." or "context." to reach a nested value' },
    ]);
  });

  it('checks matcher fields', () => {
    const at = 'stages[0].touchpoints[0].match';
    expect(errors(journey([stage('s', [tp('t', {})])]))).toEqual([{ path: at, message: 'a matcher needs at least one of "event", "type", "channel" or "where"' }]);
    expect(errors(journey([stage('s', [tp('t', { channel: ['web', 'fax'] })])]))).toEqual([
      { path: `${at}.channel[1]`, message: '"fax" is not allowed; expected one of web, app, email, social, chat, phone, store, voice, other' },
    ]);
    expect(errors(journey([stage('s', [tp('t', { type: 'click' })])]))).toEqual([
      { path: `${at}.type`, message: '"click" is not allowed; expected one of track, page, screen, identify, group, alias' },
    ]);
    expect(errors(journey([stage('s', [tp('t', { event: 7 })])]))).toEqual([{ path: `${at}.event`, message: 'expected text or a list, got 7' }]);
    expect(errors(journey([stage('s', [tp('t', { event: 'x', value: 1, Channel: 'web' })])]))).toEqual([
      { path: `${at}.value`, message: 'unknown field "value"' },
      { path: `${at}.Channel`, message: 'unknown field "Channel"; did you mean "channel"?' },
    ]);
    expect(errors(journey([stage('s', [tp('t', { evnt: 'x' })])]))).toEqual([
      { path: `${at}.evnt`, message: 'unknown field "evnt"; did you mean "event"?' },
      { path: at, message: 'a matcher needs at least one of "event", "type", "channel" or "where"' },
    ]);
  });

  it('checks the journey, stage and touchpoint fields', () => {
    expect(errors({ id: 'My Journey', name: ' ', stges: [] })).toEqual([
      { path: 'id', message: 'must be a slug: lowercase letters and digits, words joined by "-" or "_" (e.g. "add-to-cart")' },
      { path: 'name', message: 'must not be empty' },
      { path: 'stages', message: 'required' },
      { path: 'stges', message: 'unknown field "stges"; did you mean "stages"?' },
    ]);
    expect(errors(journey([]))).toEqual([{ path: 'stages', message: 'a journey needs at least one stage' }]);
    expect(errors(journey(Array.from({ length: 21 }, (_, i) => stage(`s${i}`, [tp(`t${i}`, { event: `e${i}` })])))))
      .toEqual([{ path: 'stages', message: 'a journey has at most 20 stages' }]);
    expect(errors(journey([stage('s', [])]))).toEqual([{ path: 'stages[0].touchpoints', message: 'a stage needs at least one touchpoint, so customers can be placed in it' }]);
    expect(errors(journey([stage('s', [tp('t')], { expectedEmotion: 'happy' })]))).toEqual([
      { path: 'stages[0].expectedEmotion', message: '"happy" is not allowed; expected one of very negative, negative, neutral, positive, very positive' },
    ]);
    expect(errors(journey([stage('s', [tp('t')], { expectedEmotion: 3 })]))).toEqual([{ path: 'stages[0].expectedEmotion', message: 'must be at most 2, got 3' }]);
    expect(errors(journey([stage('s', [tp('t')], { goal: { metric: { touchpoint: 't' }, target: 1.5 } })]))).toEqual([
      { path: 'stages[0].goal.description', message: 'required' },
      { path: 'stages[0].goal.target', message: 'must be at most 1, got 1.5' },
    ]);
    expect(errors('a string')).toEqual([{ path: '', message: 'expected an object, got "a string"' }]);
  });

  it('checks rules across fields', () => {
    const j = journey([
      stage('browse', [tp('view', { event: 'Product Viewed' }), tp('social-ad', { event: 'Ad Clicked' }, { channel: 'social' })]),
      stage('browse', [tp('view', { event: 'Product Added' })], { goal: { description: 'd', metric: { touchpoint: 'nope' } } }),
      stage('buy', [tp('ad-email', { event: 'Ad Clicked', channel: 'email' }, { channel: 'social' }), tp('again', { event: 'Product Viewed', channel: 'app' })]),
    ], { personas: [{ id: 'p', name: 'P', rule: { event: 'x' } }, { id: 'p', name: 'Q', rule: { event: 'y' } }] });
    expect(errors(j)).toEqual([
      { path: 'stages[1].id', message: 'duplicate stage id "browse": stages[0] already uses it' },
      { path: 'stages[1].touchpoints[0].id', message: 'duplicate touchpoint id "view": stages[0].touchpoints[0] already uses it (ids are unique across the journey)' },
      { path: 'stages[2].touchpoints[0].channel', message: 'no channel in common with match.channel (email), so the touchpoint can never match' },
      {
        path: 'stages[2].touchpoints[1].match',
        message: 'never matches: every event it matches is claimed first by "view" (stages[0].touchpoints[0]); each event goes to the first matching touchpoint, in stage then touchpoint order, so make this match narrower or move it earlier',
      },
      { path: 'stages[1].goal.metric.touchpoint', message: 'no touchpoint "nope" in this journey; known: view, social-ad, ad-email, again' },
      { path: 'personas[1].id', message: 'duplicate persona id "p": personas[0] already uses it' },
    ]);
  });

  it('a narrower touchpoint before a wider one is fine; the reverse is reported', () => {
    const narrowFirst = journey([stage('s', [tp('big', { event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 500 }] }), tp('any', { event: 'Order Completed' })])]);
    expect(validateJourney(narrowFirst).ok).toBe(true);
    const wideFirst = journey([stage('s', [tp('any', { event: 'Order Completed' }), tp('big', { event: 'Order Completed', where: [{ property: 'total', op: 'gt', value: 500 }] })])]);
    expect(errors(wideFirst).map((e) => e.path)).toEqual(['stages[0].touchpoints[1].match']);
  });

  it('checks persona rules down to the nested field', () => {
    const persona = (rule: unknown) => journey([stage('s', [tp('t')])], { personas: [{ id: 'p', name: 'P', rule }] });
    expect(errors(persona({ all: [{ property: 'traits.plan', op: 'eq' }] }))).toEqual([{ path: 'personas[0].rule.all[0].value', message: 'required' }]);
    expect(errors(persona({ any: [{ property: 'plan', op: 'eq', value: 'pro' }] }))).toEqual([
      { path: 'personas[0].rule.any[0].property', message: 'persona conditions test customer traits: write "traits.<name>", e.g. "traits.persona"' },
    ]);
    expect(errors(persona({ event: 'Order Completed', minCount: 3, maxCount: 1 }))).toEqual([
      { path: 'personas[0].rule.maxCount', message: 'maxCount (1) is below minCount (3), so the rule can never hold' },
    ]);
    expect(errors(persona({ event: 'Order Completed', withinDays: 0.5 }))).toEqual([{ path: 'personas[0].rule.withinDays', message: 'expected a whole number, got 0.5' }]);
    expect(errors(persona({ all: [] }))).toEqual([{ path: 'personas[0].rule.all', message: 'needs at least 1 item' }]);
    let deep: unknown = { event: 'x' };
    for (let i = 0; i < 6; i++) deep = { not: deep };
    expect(errors(persona(deep))).toEqual([{ path: 'personas[0].rule', message: 'rule is nested 7 levels deep; at most 6 are allowed' }]);
  });
});

describe('parseJourneyText', () => {
  const yaml = [
    'id: checkout',                                       // 1
    'name: Checkout',                                     // 2
    'stages:',                                            // 3
    '  - id: buy',                                        // 4
    '    name: Buy',                                      // 5
    '    touchpoints:',                                   // 6
    '      - id: big-order',                              // 7
    '        name: Big order',                            // 8
    '        match:',                                     // 9
    '          event: Order Completed',                   // 10
    '          where:',                                   // 11
    '            - { property: total, op: bigger, value: 100 }', // 12
    '        chanel: web',                                // 13
  ].join('\n');

  it('reports validation errors with the line and column of the field', () => {
    const r = parseJourneyText(yaml, 'checkout.yaml');
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          path: 'stages[0].touchpoints[0].match.where[0].op', line: 12, column: 38,
          message: 'unknown operator "bigger"; expected one of eq, neq, gt, gte, lt, lte, contains, starts_with, in, exists',
        },
        { path: 'stages[0].touchpoints[0].chanel', line: 13, column: 9, message: 'unknown field "chanel"; did you mean "channel"?' },
      ],
    });
    expect(formatJourneyErrors((r as { errors: JourneyError[] }).errors, 'checkout.yaml').split('\n')[1])
      .toBe('checkout.yaml:13:9 stages[0].touchpoints[0].chanel: unknown field "chanel"; did you mean "channel"?');
  });

  it('a missing field points at its parent object', () => {
    const r = parseJourneyText('id: j\nname: J\nstages:\n  - id: s\n    touchpoints: [{ id: t, name: T, match: { event: x } }]\n', 'j.yml');
    expect(r).toEqual({ ok: false, errors: [{ path: 'stages[0].name', message: 'required', line: 4, column: 5 }] });
  });

  it('reports YAML syntax errors with line and column', () => {
    const r = parseJourneyText('id: j\nname: J\nstages:\n  - id: s\n   name: S\n', 'j.yaml');
    expect(r.ok).toBe(false);
    const [e] = (r as { errors: JourneyError[] }).errors;
    expect(e.path).toBe('');
    expect(e.message).toMatch(/^invalid YAML: /);
    expect(e).toEqual({ path: '', message: 'invalid YAML: Sequence item without - indicator', line: 5, column: 1 });
    expect(parseJourneyText('id: j\nid: k\n', 'j.yaml')).toMatchObject({ ok: false, errors: [{ message: 'invalid YAML: Map keys must be unique', line: 2, column: 1 }] });
  });

  it('reads JSON, with syntax errors located', () => {
    const ok = parseJourneyText(JSON.stringify(journey([stage('s', [tp('t')])]), null, 2), 'j.json');
    expect(ok.ok).toBe(true);
    const bad = parseJourneyText('{\n  "id": "j",\n  "name": "J" "stages": []\n}', 'j.json');
    expect(bad).toMatchObject({ ok: false, errors: [{ path: '', line: 3, column: 15 }] });
    expect((bad as { errors: JourneyError[] }).errors[0].message).toMatch(/^invalid JSON: /);
    const invalid = parseJourneyText('{\n  "id": "j",\n  "name": "J",\n  "stages": []\n}');
    expect(invalid).toEqual({ ok: false, errors: [{ path: 'stages', message: 'a journey needs at least one stage', line: 4, column: 13 }] });
  });

  it('refuses empty and oversized input', () => {
    expect(parseJourneyText('  \n', 'j.yaml')).toEqual({ ok: false, errors: [{ path: '', message: 'the definition is empty' }] });
    expect(parseJourneyText('#'.repeat(MAX_DEFINITION_CHARS + 1))).toMatchObject({ ok: false, errors: [{ path: '' }] });
  });
});
