import { Command } from 'commander';
import { ConfigError } from '../config/config.ts';
import { StoreLockedError } from '../storage/duckdb/duckdb-store.ts';
import { registerServe } from './commands/serve.ts';
import { registerImport } from './commands/import.ts';
import { registerBench } from './commands/bench.ts';
import { registerJourneys } from './commands/journeys.ts';
import { registerQuery } from './commands/query.ts';
import { registerSurveys } from './commands/surveys.ts';
import { registerCases } from './commands/cases.ts';

const program = new Command('touchpoint')
  .description('Touchpoint: map, measure, hear and improve the digital customer journey.')
  .showHelpAfterError();

registerServe(program);
registerImport(program);
registerJourneys(program);
registerQuery(program);
registerSurveys(program);
registerCases(program);
registerBench(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof StoreLockedError || (err as { cliMessage?: boolean }).cliMessage) {
    console.error(`touchpoint: ${(err as Error).message}`);
    process.exit(1);
  }
  throw err;
}
