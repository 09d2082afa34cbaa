import type { Command } from 'commander';

/** `touchpoint bench <name>`: benchmarks live in bench/, print figures, and are recorded in BENCHMARKS.md. */
export function registerBench(program: Command): void {
  const bench = program.command('bench').description('Run a benchmark and print its figures (see BENCHMARKS.md).');
  bench.command('ingest')
    .description('HTTP ingest with durable acknowledgement vs the raw DuckDB appender, latency and RSS.')
    .option('--events <n>', 'events to send', '1000000')
    .option('--batch <n>', 'events per request', '500')
    .option('--concurrency <n>', 'requests in flight', '8')
    .action(async (o) => {
      const { runIngestBench } = await import('../../../bench/ingest.ts');
      await runIngestBench({ events: Number(o.events), batch: Number(o.batch), concurrency: Number(o.concurrency) });
    });
  bench.command('funnel')
    .description('10 M events / 1 M customers: funnel, breakdown, paths and journey map, side by side with ClickHouse windowFunnel when installed.')
    .option('--events <n>', 'events to generate', '10000000')
    .option('--customers <n>', 'customers', '1000000')
    .option('--seed <n>', 'random seed', '20240601')
    .option('--data <dir>', 'where to keep the generated data (reused when present)')
    .option('--runs <n>', 'timed runs per query', '3')
    .action(async (o) => {
      const { runFunnelBench } = await import('../../../bench/funnel/index.ts');
      await runFunnelBench({ events: Number(o.events), customers: Number(o.customers), seed: Number(o.seed), data: o.data, runs: Number(o.runs) });
    });
  bench.command('churn')
    .argument('[dir]', 'folder with telco-customer-churn.csv', '../shared/data/churn')
    .description('Churn model AUC and calibration on the IBM Telco data, next to a tenure-only baseline.')
    .action(async (dir: string) => {
      const { runChurnBench } = await import('../../../bench/churn/index.ts');
      await runChurnBench(dir);
    });
  bench.command('sentiment')
    .argument('[dir]', 'folder of labelled sentiment data', '../shared/data/sentiment')
    .description('Accuracy per language (positive vs negative) and time per text of the text analysis.')
    .action(async (dir: string) => {
      const { runSentimentBench } = await import('../../../bench/sentiment/index.ts');
      await runSentimentBench(dir);
    });
  bench.command('responses')
    .description('Survey response submit latency (p50/p90/p99) at a fixed rate against a server started for the run.')
    .option('--rate <n>', 'requests per second', '500')
    .option('--seconds <n>', 'how long', '10')
    .action(async (o) => {
      const { runResponsesBench } = await import('../../../bench/responses/submit.ts');
      await runResponsesBench({ rate: Number(o.rate), seconds: Number(o.seconds) });
    });
  bench.command('voc-metrics')
    .description('NPS/CES by touchpoint, stage and day over 1 M generated responses, next to a plain SQL baseline.')
    .option('--responses <n>', 'responses to generate', '1000000')
    .option('--runs <n>', 'timed runs per query', '5')
    .action(async (o) => {
      const { runVocMetricsBench } = await import('../../../bench/responses/metrics.ts');
      await runVocMetricsBench({ responses: Number(o.responses), runs: Number(o.runs) });
    });
  bench.command('dashboard')
    .description('Cold-cache load of dashboard views in headless Chromium on the demo data: first paint, data painted, JS shipped.')
    .option('--customers <n>', 'demo customers', '2000')
    .option('--runs <n>', 'cold-cache runs per view', '5')
    .action(async (o) => {
      const { runDashboardBench, DEFAULT_VIEWS } = await import('../../../bench/dashboard/index.ts');
      await runDashboardBench({ customers: Number(o.customers), runs: Number(o.runs), views: DEFAULT_VIEWS });
    });
}
