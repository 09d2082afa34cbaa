import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { formatJourneyErrors, parseJourneyText } from '../../journeys/validate.ts';
import { getTemplateText, listTemplates } from '../../journeys/templates/index.ts';
import { ApiClient, withApiFlags, type ApiFlags } from '../api-client.ts';
import { CliError } from '../errors.ts';

function readDefinition(file: string) {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (err) { throw new CliError(`Cannot read ${file}: ${(err as Error).message}`); }
  const r = parseJourneyText(text, file);
  if (!r.ok) throw new CliError(`${file} is not a valid journey:\n${formatJourneyErrors(r.errors, file)}`);
  return r.journey;
}

/** `touchpoint journeys validate|apply|export|list|templates`. */
export function registerJourneys(program: Command): void {
  const journeys = program.command('journeys').description('Journey definitions as code (JSON or YAML).');

  journeys.command('validate').argument('<file>', 'journey definition (.yaml, .yml or .json)')
    .description('Check a definition locally; errors point at the exact field, line and column.')
    .action((file: string) => {
      const j = readDefinition(file);
      console.log(`${file}: valid — "${j.name}", ${j.stages.length} stages, ${j.stages.reduce((n, s) => n + s.touchpoints.length, 0)} touchpoints.`);
    });

  withApiFlags(journeys.command('apply').argument('<file>', 'journey definition')
    .description('Save the definition on the server as a new version (unchanged definitions keep their version).'))
    .action(async (file: string, o: ApiFlags) => {
      const j = readDefinition(file);
      const r = await new ApiClient(o).request<{ version: number; created: boolean }>('PUT', `/api/v1/journeys/${encodeURIComponent(j.id)}`, j);
      console.log(r.created ? `Saved journey "${j.id}" as version ${r.version}.` : `Journey "${j.id}" is unchanged (version ${r.version}).`);
    });

  withApiFlags(journeys.command('export').argument('<id>', 'journey id')
    .option('--version <n>', 'a version (default: latest)')
    .option('-o, --out <file>', 'write to a file (format from its extension) instead of stdout')
    .option('--format <format>', 'yaml or json', 'yaml')
    .description('Print a saved journey definition.'))
    .action(async (id: string, o: ApiFlags & { version?: string; out?: string; format: string }) => {
      const r = await new ApiClient(o).request<{ journey: unknown; version: number }>('GET', `/api/v1/journeys/${encodeURIComponent(id)}${o.version ? `?version=${Number(o.version)}` : ''}`);
      const json = o.out ? /\.json$/i.test(o.out) : o.format === 'json';
      const text = json ? JSON.stringify(r.journey, null, 2) + '\n' : stringify(r.journey);
      if (o.out) { writeFileSync(o.out, text); console.error(`Wrote version ${r.version} to ${o.out}.`); } else process.stdout.write(text);
    });

  withApiFlags(journeys.command('list').description('Journeys saved on the server, latest versions.'))
    .action(async (o: ApiFlags) => {
      const r = await new ApiClient(o).request<{ journeys: { id: string; name: string; version: number; stages: number; updatedAt: string }[] }>('GET', '/api/v1/journeys');
      if (r.journeys.length === 0) console.log('No journeys yet: `touchpoint journeys templates` lists starting points.');
      for (const j of r.journeys) console.log(`${j.id.padEnd(24)} v${String(j.version).padEnd(4)} ${String(j.stages).padStart(2)} stages  ${j.name}`);
    });

  journeys.command('templates').argument('[id]', 'print this template as YAML')
    .description('List the built-in templates, or print one to start from: `touchpoint journeys templates five-stage > journey.yaml`.')
    .action((id?: string) => {
      if (id) {
        const text = getTemplateText(id);
        if (!text) throw new CliError(`No template "${id}"; try one of: ${listTemplates().map((t) => t.id).join(', ')}.`);
        process.stdout.write(text);
        return;
      }
      for (const t of listTemplates()) console.log(`${t.id.padEnd(20)} ${t.name} — ${t.stages.map((s) => s.name).join(' → ')}`);
    });
}
