import { sql } from '../storage/sql.ts';
import type { RunningServer } from '../server/start.ts';
import { getTemplate } from '../journeys/templates/index.ts';

const CHUNK = 5000;

/**
 * Loads the generated music-store data into the default workspace through the normal ingest
 * pipeline (validation, stitching, de-duplication), once: a workspace with events is left alone.
 */
export async function loadDemoIfEmpty(server: RunningServer, options: { customers: number; days: number; seed: number; quiet?: boolean }): Promise<void> {
  const { services, defaultWorkspace: ws } = server;
  const say = (line: string, newline = true) => { if (!options.quiet) process.stdout.write(newline ? `${line}\n` : line); };
  const [row] = await services.store.query<{ n: number }>(sql`SELECT count(*) AS n FROM events WHERE workspace_id = ${ws.id}`);
  if ((row?.n ?? 0) > 0) {
    say(`Demo data already loaded (${row.n} events).`);
    return;
  }
  const { generateDemo } = await import('../demo/index.ts');
  const end = new Date();
  end.setUTCHours(0, 0, 0, 0);
  const started = Date.now();
  let chunk: unknown[] = [];
  let stored = 0;
  const flush = async () => {
    const r = await services.ingest.ingest({ workspaceId: ws.id, messages: chunk, source: 'demo' });
    stored += r.stored;
    if (r.rejected.length) throw new Error(`demo generator produced invalid messages: ${JSON.stringify(r.rejected.slice(0, 3))}`);
    chunk = [];
  };
  say(`Loading demo data (${options.customers} customers, ${options.days} days)…`, false);
  for (const m of generateDemo({ customers: options.customers, days: options.days, seed: options.seed, end })) {
    chunk.push(m);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length) await flush();
  say(` ${stored} events in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  // A journey to look at from the first minute; users apply their own (or another template) on top.
  const journey = getTemplate('ecommerce-extended');
  if (journey) {
    const saved = await services.journeys.save(ws.id, journey);
    say(`Journey "${journey.name}" (${journey.id}) version ${saved.version} is ready.`);
  }
  // Surveys and answers on the same timeline, after the journey (responses are placed at its touchpoints).
  const vocStarted = Date.now();
  const { seedVoc } = await import('../demo/voc-seed.ts');
  const voc = await seedVoc(services, ws.id, { seed: options.seed, end });
  say(`Surveys: ${voc.surveys.map((s) => `"${s.name}"`).join(', ')} with ${voc.responses} responses in ${((Date.now() - vocStarted) / 1000).toFixed(1)} s.`);
}
