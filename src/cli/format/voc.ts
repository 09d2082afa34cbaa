import type { ExperienceGroup } from '../../voc/surveys/experience.ts';
import type { ThemeImpact } from '../../voc/surveys/theme-impact.ts';
import type { NpsScore } from '../../voc/surveys/metrics-math.ts';
import { pct, renderTable } from './table.ts';

type Interval = { score: number | null; n: number; ci: [number, number] | null };

/** `42 [31, 53] n=120`, or — without answers. */
export const interval = (x: Interval | null, unit = '') =>
  (x && x.score !== null ? `${x.score}${unit}${x.ci ? ` [${x.ci[0]}, ${x.ci[1]}]` : ''} n=${x.n}` : '—');

/** Success, effort and emotion (the three parts of an experience), and NPS, per touchpoint or stage. */
export function formatExperience(groups: readonly ExperienceGroup[]): string {
  return renderTable([{ title: 'where' }, { title: 'success' }, { title: 'effort (CES)' }, { title: 'emotion (1–5)' }, { title: 'NPS' }],
    groups.map((g) => {
      const success = g.success.source === 'survey' ? g.success.reported : g.success.journey;
      return [g.name ?? g.value, `${interval(success, ' %')}${g.success.source === 'journey' ? ' (journey)' : ''}`,
        interval(g.effort), interval(g.emotion), interval(g.nps)];
    }));
}

/** Each comment theme's NPS against everyone else's: the themes that cost most come first. */
export function formatThemes(r: { overall: NpsScore; themes: readonly ThemeImpact[] }): string {
  return [`NPS of all responses: ${interval(r.overall)}`, renderTable(
    [{ title: 'theme' }, { title: 'NPS when mentioned' }, { title: 'NPS of the others' }, { title: 'difference', align: 'right' },
      { title: 'negative comments', align: 'right' }],
    r.themes.map((t) => [t.label, interval(t.mentioning), interval(t.others), t.difference === null ? '—' : t.difference.toFixed(1), pct(t.negativeShare, 0)]))].join('\n');
}
