import { validateJourney, parseJourneyText } from './validate.ts';
const tp = (id: string, match: unknown = { event: 'x' }) => ({ id, name: id, match });
const j = (stages: unknown[], extra = {}) => ({ id: 'j', name: 'J', stages, ...extra });
const st = (id: string, tps: unknown[], extra = {}) => ({ id, name: id, touchpoints: tps, ...extra });
const cases: unknown[] = [
  j([st('s', [tp('t', { where: [{ property: 'a', value: 1 }] })])]),
  j([st('s', [tp('t', { where: [{ property: 'a', op: 'foo', value: 1 }] })])]),
  j([st('s', [tp('t', { where: [{ property: 'total', op: 'gt', value: 'abc' }] })])]),
  j([st('s', [tp('t', { where: [{ property: 'total', op: 'gt', value: '2024-01-01' }] })])]),
  j([st('s', [tp('t', { where: [{ property: 'channel', op: 'in', value: ['web', 'fax'] }] })])]),
  j([st('s', [tp('t', { channel: ['web', 'fax'] })])]),
  j([st('s', [tp('t', { channel: 5 })])]),
  j([st('s', [tp('t', {})])]),
  j([st('s', [tp('t')], { expectedEmotion: 'happy', nme: 1 })]),
  j([st('s', [tp('t'), tp('t'), tp('u', { event: 'x', channel: 'web' })]), st('s', [tp('v')], { goal: { description: 'd', metric: { touchpoint: 'nope' } } })]),
  j([st('s', [tp('t')])], { personas: [{ id: 'p', name: 'P', rule: { all: [{ property: 'traits.x', op: 'eq' }] } }, { id: 'q', name: 'Q', rule: { event: 'x', minCount: 3, maxCount: 1 } }, { id: 'r', name: 'R', rule: { property: 'plan', op: 'eq', value: 'x' } }] }),
  j([]),
  { id: 'Bad Id', name: '', stges: [] },
  'hello',
];
for (const c of cases) console.log(JSON.stringify((validateJourney(c) as any).errors));
const yaml = `id: j
name: J
stages:
  - id: s
    name: S
    touchpoints:
      - id: t
        name: T
        match:
          event: Order Completed
          where:
            - { property: total, op: bigger, value: 100 }
            - property: total
              op: gt
              value: abc
        chanel: web
`;
console.log(parseJourneyText(yaml, 'a.yaml'));
console.log(parseJourneyText('id: j\nname: [unclosed\nstages: 3\n', 'a.yaml'));
console.log(parseJourneyText('{"id": "j",\n "name": "x" "stages": []}', 'a.json'));
console.log(parseJourneyText('{"id": "j",\n "name": "x", "stages": []}'));
