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
}
