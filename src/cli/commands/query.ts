import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ApiClient, queryString, withApiFlags, type ApiFlags } from '../api-client.ts';
import { CliError } from '../errors.ts';
import { formatAttribution } from '../format/attribution.ts';
import { formatDropoff } from '../format/dropoff.ts';
import { formatFriction } from '../format/friction.ts';
import { formatFunnel } from '../format/funnel.ts';
import { formatJourneyMap } from '../format/journey-map.ts';
import { formatPaths, formatTopPaths } from '../format/paths.ts';
import { formatRetention } from '../format/retention.ts';

interface QueryFlags extends ApiFlags {
  body?: string; file?: string; json?: boolean; journey?: string; version?: string; from?: string; to?: string;
}

function baseBody(o: QueryFlags): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  try {
    if (o.file) body = JSON.parse(readFileSync(o.file, 'utf8'));
    if (o.body) body = { ...body, ...JSON.parse(o.body) };
  } catch (err) {
    throw new CliError(`--body/--file must be JSON: ${(err as Error).message}`);
  }
  if (o.journey) body.journey = o.journey;
  if (o.version) body.version = Number(o.version);
  if (o.from) body.from = o.from;
  if (o.to) body.to = o.to;
  return body;
}

/** A step written on the command line: `Order Completed`, `touchpoint:checkout`, `stage:purchase`. */
export function parseStep(s: string): Record<string, string> {
  const m = /^(touchpoint|stage|event):(.+)$/.exec(s.trim());
  return m ? { [m[1]]: m[2].trim() } : { event: s.trim() };
}

/** `touchpoint query funnel|paths|retention|attribution|friction|dropoff|map` against a running server. */
export function registerQuery(program: Command): void {
  const query = program.command('query').description('Run analytics on a running server (same bodies as POST /api/v1/query/*).');
  const common = (cmd: Command) => withApiFlags(cmd)
    .option('--body <json>', 'request body fields as JSON')
    .option('--file <file>', 'request body from a JSON file')
    .option('--journey <id>', 'journey for touchpoints and stages (default: the primary journey)')
    .option('--version <n>', 'journey version')
    .option('--from <iso>', 'start of the time range')
    .option('--to <iso>', 'end of the time range')
    .option('--json', 'print the raw JSON answer');

  common(query.command('funnel').description('Stage funnel: `--steps "Product Viewed,Product Added,stage:purchase"`.'))
    .option('--steps <list>', 'comma-separated steps: event names, touchpoint:<id> or stage:<id>')
    .option('--window <duration>', 'conversion window: 30m, 1h, 7d, 2w (default 14d)')
    .option('--order <order>', 'ordered | strict | unordered')
    .option('--breakdown <by>', 'channel | persona | device | a property such as properties.plan')
    .action(async (o: QueryFlags & { steps?: string; window?: string; order?: string; breakdown?: string }) => {
      const body = baseBody(o);
      if (o.steps) body.steps = o.steps.split(',').map(parseStep);
      if (!body.steps) throw new CliError('Give the steps: --steps "Product Viewed,Product Added,Order Completed".');
      for (const k of ['window', 'order', 'breakdown'] as const) if (o[k]) body[k] = o[k];
      const r = await new ApiClient(o).request('POST', '/api/v1/query/funnel', body);
      console.log(o.json ? JSON.stringify(r, null, 2) : formatFunnel(r as never));
    });

  // Tables for people; `--json` for scripts. Paths leave out the technical events a page view brings along, as the dashboard does.
  const simple = (name: string, path: string, describe: string, format: (r: never) => string, excludeByDefault?: string) => {
    const cmd = common(query.command(name).description(describe));
    if (excludeByDefault !== undefined) cmd.option('--exclude <events>', 'comma-separated events left out of paths ("" keeps all)', excludeByDefault);
    cmd.action(async (o: QueryFlags & { exclude?: string }) => {
      const body = baseBody(o);
      if (o.exclude !== undefined) body.exclude ??= o.exclude.split(',').map((e) => e.trim()).filter(Boolean);
      const r = await new ApiClient(o).request('POST', path, body);
      console.log(o.json ? JSON.stringify(r, null, 2) : format(r as never));
    });
  };
  simple('paths', '/api/v1/query/paths', 'Top paths as Sankey nodes and links: --body \'{"start":{"event":"Product Viewed"},"depth":4}\'.', formatPaths, 'Page Load,Error');
  simple('top-paths', '/api/v1/query/paths/top', 'Most common full paths to purchase or abandonment: --body \'{"outcome":"purchase"}\' (or "abandonment").', formatTopPaths, 'Page Load,Error');
  simple('retention', '/api/v1/query/retention', 'Cohort retention by first purchase: --body \'{"cohort":"month"}\'.', formatRetention);
  simple('attribution', '/api/v1/query/attribution', 'Channel attribution: --body \'{"models":["first_touch","linear","data_driven"]}\'.', formatAttribution);
  simple('friction', '/api/v1/query/friction', 'Friction signals and the conversion of customers who met them.', formatFriction);
  simple('dropoff', '/api/v1/query/dropoff', 'Where customers leave each stage: the last touchpoint before they left.', formatDropoff);

  common(query.command('map').argument('[journey]', 'journey id (default: the primary journey)').description('The journey map: stages and touchpoints with live metrics.'))
    .action(async (id: string | undefined, o: QueryFlags) => {
      const client = new ApiClient(o);
      const journeyId = id ?? o.journey ?? (await client.request<{ journeys: { id: string }[] }>('GET', '/api/v1/journeys')).journeys[0]?.id;
      if (!journeyId) throw new CliError('No journey yet: `touchpoint journeys apply FILE` first.');
      const qs = queryString({ version: o.version, from: o.from, to: o.to });
      const r = await client.request('GET', `/api/v1/journeys/${encodeURIComponent(journeyId)}/map${qs}`);
      console.log(o.json ? JSON.stringify(r, null, 2) : formatJourneyMap(r as never));
    });
}
