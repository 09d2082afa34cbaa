import { readFileSync } from 'node:fs';
import type { Journey } from '../definition.ts';
import { formatJourneyErrors, parseJourneyText } from '../validate.ts';

/**
 * Journey templates to start from, kept as YAML so they double as examples of the format (and as
 * what `touchpoint journeys export` prints). Each uses the Segment e-commerce event names of the demo
 * data and the demo personas (`traits.persona`).
 */
export const TEMPLATE_IDS = ['five-stage', 'four-stage', 'three-stage', 'ecommerce-extended'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface TemplateSummary {
  id: TemplateId;
  name: string;
  description: string;
  stages: { id: string; name: string }[];
}

function isTemplateId(id: string): id is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(id);
}

/** The template's YAML text, or undefined for an unknown id. */
export function getTemplateText(id: string): string | undefined {
  if (!isTemplateId(id)) return undefined;
  return readFileSync(new URL(`./${id}.yaml`, import.meta.url), 'utf8');
}

/** A fresh copy of a template (callers may change it), or undefined for an unknown id. */
export function getTemplate(id: string): Journey | undefined {
  const text = getTemplateText(id);
  if (text === undefined) return undefined;
  const r = parseJourneyText(text, `${id}.yaml`);
  if (!r.ok) throw new Error(`journey template ${id} is invalid:\n${formatJourneyErrors(r.errors, `${id}.yaml`)}`);
  return r.journey;
}

export function listTemplates(): TemplateSummary[] {
  return TEMPLATE_IDS.map((id) => {
    const j = getTemplate(id)!;
    return { id, name: j.name, description: j.description ?? '', stages: j.stages.map((s) => ({ id: s.id, name: s.name })) };
  });
}
