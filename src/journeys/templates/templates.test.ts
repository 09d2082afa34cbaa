import { describe, expect, it } from 'vitest';
import { parseJourneyText, validateJourney } from '../validate.ts';
import { TEMPLATE_IDS, getTemplate, getTemplateText, listTemplates } from './index.ts';

const STAGES: Record<string, string[]> = {
  'five-stage': ['awareness', 'consideration', 'purchase', 'retention', 'advocacy'],
  'four-stage': ['awareness', 'engagement', 'transaction', 'retention'],
  'three-stage': ['discovery', 'evaluation', 'decision'],
  'ecommerce-extended': ['pre-purchase', 'purchase', 'post-purchase', 'ongoing-relationship'],
};
const PERSONAS = ['Gigging Pro', 'Weekend Hobbyist', 'Beginner', 'Gift Buyer', 'Studio Producer'];

describe('journey templates', () => {
  it.each(TEMPLATE_IDS)('%s is valid, with the expected stages, goals, emotions and personas', (id) => {
    const text = getTemplateText(id)!;
    const parsed = parseJourneyText(text, `${id}.yaml`);
    expect(parsed).toMatchObject({ ok: true });
    const j = getTemplate(id)!;
    expect(j.id).toBe(id);
    expect(j.stages.map((s) => s.id)).toEqual(STAGES[id]);
    for (const s of j.stages) {
      expect(s.goal?.description, s.id).toBeTruthy();
      expect(s.expectedEmotion, s.id).toBeDefined();
      expect(s.touchpoints.length, s.id).toBeGreaterThanOrEqual(2);
    }
    const named = JSON.stringify(j.personas);
    for (const p of PERSONAS) expect(named).toContain(`"${p}"`);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../journey.schema.json');
  });

  it('the 5-stage journey uses the demo event names per stage', () => {
    const j = getTemplate('five-stage')!;
    const events = (stage: string) => j.stages.find((s) => s.id === stage)!.touchpoints.flatMap((t) => t.match.event ?? []);
    expect(events('awareness')).toEqual(['Ad Clicked', 'Campaign Viewed', 'Email Link Clicked']);
    expect(events('consideration')).toEqual(['Products Searched', 'Product List Viewed', 'Product Viewed', 'Product Added', 'Cart Viewed']);
    expect(events('purchase')).toEqual(['Checkout Started', 'Payment Info Entered', 'Payment Failed', 'Order Completed']);
    expect(events('advocacy')).toEqual(['Product Reviewed', 'Referral Sent']);
    expect(j.stages[3].goal?.metric).toEqual({ event: 'Order Completed' });
  });

  it('hands out fresh copies, and nothing for unknown ids', () => {
    const a = getTemplate('three-stage')!;
    a.stages.pop();
    expect(getTemplate('three-stage')!.stages).toHaveLength(3);
    expect(getTemplate('nope')).toBeUndefined();
    expect(getTemplateText('../journey.schema')).toBeUndefined();
  });

  it('lists summaries', () => {
    const list = listTemplates();
    expect(list.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    expect(list[0]).toMatchObject({ id: 'five-stage', name: 'Digital customer journey (5 stages)', stages: [{ id: 'awareness', name: 'Awareness' }, {}, {}, {}, {}] });
    for (const t of list) expect(validateJourney(getTemplate(t.id)).ok).toBe(true);
  });
});
