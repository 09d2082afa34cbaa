import type { ErrorDetail } from '../../api/errors.ts';
import { SCALES, type Question, type Survey } from './definition.ts';

export const MAX_TEXT_ANSWER = 5000;
export type AnswerValue = number | string | string[];

/** Whether a question is shown, given the answers so far (its `showIf` band). */
export function isShown(q: Question, answers: Record<string, unknown>): boolean {
  if (!q.showIf) return true;
  const v = answers[q.showIf.question];
  if (v === undefined) return false;
  if (q.showIf.anyOf) return (Array.isArray(v) ? v : [v]).some((x) => q.showIf!.anyOf!.includes(String(x)));
  if (typeof v !== 'number') return false;
  return (q.showIf.min === undefined || v >= q.showIf.min) && (q.showIf.max === undefined || v <= q.showIf.max);
}

/**
 * Checks answers against the survey: known questions only, scores on their scale, known choices,
 * bounded text. `complete` is false when a required shown question is unanswered (a partial response,
 * which is kept).
 */
export function checkAnswers(survey: Survey, answers: Record<string, unknown>): { ok: true; complete: boolean } | { ok: false; details: ErrorDetail[] } {
  const details: ErrorDetail[] = [];
  const byId = new Map(survey.questions.map((q) => [q.id, q]));
  for (const [id, value] of Object.entries(answers)) {
    const q = byId.get(id);
    const path = `answers.${id}`;
    if (!q) { details.push({ path, message: `unknown question "${id}"` }); continue; }
    switch (q.type) {
      case 'nps': case 'csat': case 'ces': case 'emotion': {
        const { min, max } = SCALES[q.type];
        if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) details.push({ path, message: `must be a whole number from ${min} to ${max}` });
        break;
      }
      case 'choice': {
        const picked = Array.isArray(value) ? value : [value];
        const known = new Set(q.choices!.map((c) => c.id));
        if (picked.length === 0 || picked.some((p) => typeof p !== 'string' || !known.has(p))) details.push({ path, message: `must be one of ${[...known].join(', ')}` });
        else if (picked.length > 1 && !q.multiple) details.push({ path, message: 'only one choice is allowed' });
        break;
      }
      case 'text':
        if (typeof value !== 'string') details.push({ path, message: 'must be text' });
        else if (value.length > MAX_TEXT_ANSWER) details.push({ path, message: `is ${value.length} characters; the limit is ${MAX_TEXT_ANSWER}` });
        break;
    }
  }
  if (details.length) return { ok: false, details };
  const complete = survey.questions.every((q) => !q.required || !isShown(q, answers) || answers[q.id] !== undefined);
  return { ok: true, complete };
}
