import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { ApiClient, queryString, withApiFlags, type ApiFlags } from '../api-client.ts';
import { CliError } from '../errors.ts';
import { formatExperience, formatThemes } from '../format/voc.ts';
import type { ExperienceGroup } from '../../voc/surveys/experience.ts';

interface Survey { id: string; name: string; status: string; languages: string[]; questions: unknown[]; trigger?: { event?: string; touchpoint?: string } }

/** `touchpoint surveys list|create|close|responses|export|import|metrics|experience|themes` against a running server. */
export function registerSurveys(program: Command): void {
  const surveys = program.command('surveys').description('Voice-of-customer surveys (NPS, CSAT, CES, emotion, choice, text).');

  withApiFlags(surveys.command('list').description('Surveys of the workspace.')).action(async (o: ApiFlags) => {
    const r = await new ApiClient(o).request<{ surveys: Survey[] }>('GET', '/api/v1/surveys');
    if (r.surveys.length === 0) console.log('No surveys yet: `touchpoint surveys create survey.yaml`.');
    for (const s of r.surveys) {
      const trigger = s.trigger ? `after ${s.trigger.event ?? `touchpoint ${s.trigger.touchpoint}`}` : 'link only';
      console.log(`${s.id}  ${s.status.padEnd(7)} ${s.languages.join(',').padEnd(12)} ${String(s.questions.length).padStart(2)} questions  ${trigger}  ${s.name}`);
    }
  });

  withApiFlags(surveys.command('create').argument('<file>', 'survey definition, JSON or YAML').description('Create a survey; prints its id and link.'))
    .action(async (file: string, o: ApiFlags) => {
      let body: unknown;
      try { body = /\.ya?ml$/i.test(file) ? parse(readFileSync(file, 'utf8')) : JSON.parse(readFileSync(file, 'utf8')); } catch (err) {
        throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
      }
      const client = new ApiClient(o);
      const s = await client.request<Survey>('POST', '/api/v1/surveys', body);
      console.log(`Created survey ${s.id} "${s.name}". Link: ${client.url}/s/${s.id}`);
    });

  withApiFlags(surveys.command('close').argument('<id>').description('Stop taking answers.')).action(async (id: string, o: ApiFlags) => {
    await new ApiClient(o).request('PATCH', `/api/v1/surveys/${encodeURIComponent(id)}`, { status: 'closed' });
    console.log(`Survey ${id} is closed.`);
  });

  withApiFlags(surveys.command('responses').argument('[id]', 'survey id (default: all)').option('-o, --out <file>', 'write CSV to a file')
    .description('Export responses as CSV (with touchpoint, stage, channel, persona, language, sentiment).'))
    .action(async (id: string | undefined, o: ApiFlags & { out?: string }) => {
      const client = new ApiClient(o);
      const res = await fetch(`${client.url}/api/v1/responses?format=csv${id ? `&surveyId=${encodeURIComponent(id)}` : ''}`, {
        headers: { authorization: `Bearer ${client.key}` },
      }).catch(() => { throw new CliError(`No Touchpoint server at ${client.url}.`); });
      if (!res.ok) throw new CliError(`GET /api/v1/responses → ${res.status}: ${await res.text()}`);
      const csv = await res.text();
      if (o.out) { writeFileSync(o.out, csv); console.error(`Wrote ${csv.trim().split('\n').length - 1} responses to ${o.out}.`); } else process.stdout.write(csv);
    });

  withApiFlags(surveys.command('export').argument('<id>', 'survey id').option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--from <time>', 'ISO time').option('--to <time>', 'ISO time')
    .description('One survey\'s responses as CSV: customer, time, language, touchpoint, a column per question, sentiment.'))
    .action(async (id: string, o: ApiFlags & { out?: string; from?: string; to?: string }) => {
      const qs = queryString({ surveyId: id, from: o.from, to: o.to });
      const csv = await new ApiClient(o).text('GET', `/api/v1/responses/export${qs}`);
      if (o.out) { writeFileSync(o.out, csv); console.error(`Wrote ${csv.trim().split('\n').length - 1} responses to ${o.out}.`); } else process.stdout.write(csv);
    });

  withApiFlags(surveys.command('import').argument('<id>', 'survey id').argument('<file>', 'CSV in the export\'s columns (response_id, user_id or anonymous_id, question ids…)')
    .description('Import responses collected elsewhere. Idempotent on response_id; bad rows are listed and skipped.\n'
      + 'Exit code: 0 every row stored or already there, 2 some rows rejected.'))
    .action(async (id: string, file: string, o: ApiFlags) => {
      let csv: string;
      try { csv = readFileSync(file, 'utf8'); } catch (err) { throw new CliError(`Cannot read ${file}: ${(err as Error).message}`); }
      const r = await new ApiClient(o).request<{ read: number; stored: number; duplicates: number; rejectedCount: number; rejected: { row: number; path?: string; message: string }[] }>(
        'POST', `/api/v1/responses/import?surveyId=${encodeURIComponent(id)}`, csv, 'text/csv');
      console.log(`${r.read} row${r.read === 1 ? "" : "s"}: ${r.stored} stored, ${r.duplicates} already there, ${r.rejectedCount} rejected.`);
      for (const x of r.rejected) console.log(`  line ${x.row}: ${x.path ? `${x.path}: ` : ''}${x.message}`);
      if (r.rejectedCount > r.rejected.length) console.log(`  … and ${r.rejectedCount - r.rejected.length} more.`);
      if (r.rejectedCount > 0) process.exitCode = 2;
    });

  withApiFlags(surveys.command('experience').option('--survey <id>').option('--by <dimension>', 'touchpoint or stage', 'touchpoint')
    .option('--from <time>', 'ISO time').option('--to <time>', 'ISO time')
    .description('Success, effort (CES) and emotion per touchpoint or stage, with NPS, n and 95 % intervals.'))
    .action(async (o: ApiFlags & { survey?: string; by?: string; from?: string; to?: string }) => {
      const qs = queryString({ surveyId: o.survey, by: o.by, from: o.from, to: o.to });
      const r = await new ApiClient(o).request<{ groups: ExperienceGroup[] }>('GET', `/api/v1/metrics/experience${qs}`);
      console.log(formatExperience(r.groups));
    });

  withApiFlags(surveys.command('metrics').argument('<metric>', 'nps, csat or ces').option('--survey <id>').option('--by <dimension>', 'touchpoint, stage, persona, channel, day or language')
    .description('A score with its sample size and 95 % confidence interval.'))
    .action(async (metric: string, o: ApiFlags & { survey?: string; by?: string }) => {
      if (!['nps', 'csat', 'ces'].includes(metric)) throw new CliError('metric must be nps, csat or ces');
      const qs = queryString({ surveyId: o.survey, by: o.by });
      const r = await new ApiClient(o).request<{ score: number | null; n: number; ci: [number, number] | null; groups?: { value: string; score: number | null; n: number; ci: [number, number] | null }[] }>('GET', `/api/v1/metrics/${metric}${qs}`);
      const line = (label: string, x: { score: number | null; n: number; ci: [number, number] | null }) =>
        `${label.padEnd(24)} ${x.score === null ? '—' : String(x.score).padStart(6)}  n=${String(x.n).padEnd(6)} ${x.ci ? `95 % CI [${x.ci[0]}, ${x.ci[1]}]` : ''}`;
      console.log(line(metric.toUpperCase(), r));
      for (const g of r.groups ?? []) console.log(line(`  ${g.value ?? '(none)'}`, g));
    });

  withApiFlags(surveys.command('themes').option('--survey <id>').option('--from <time>', 'ISO time').option('--to <time>', 'ISO time')
    .description('Comment themes (delivery, price, payment…) with the NPS of customers who mention them against the others.'))
    .action(async (o: ApiFlags & { survey?: string; from?: string; to?: string }) => {
      const qs = queryString({ surveyId: o.survey, from: o.from, to: o.to });
      console.log(formatThemes(await new ApiClient(o).request('GET', `/api/v1/feedback/themes${qs}`)));
    });
}
