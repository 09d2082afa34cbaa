import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { CliError } from '../errors.ts';
import { createProgress } from '../../import/progress.ts';
import { ImportFailedError, runImport, type ImportFormat } from '../../import/run-import.ts';
import { formatSummary, type ImportSummary } from '../../import/summary.ts';

interface ImportFlags {
  map: string[]; mapFile?: string; format?: ImportFormat; delimiter?: string; dryRun?: boolean;
  writeKey?: string; url?: string; data?: string; batchSize: string; json?: boolean; progress: boolean;
}

const EXAMPLES = `
Examples:
  $ touchpoint import calls.csv --map "userId=Customer ID,timestamp=Call Date,event=:Call Completed,channel=:phone,properties.reason=Reason,properties.duration_s=Duration:number"
  $ touchpoint import purchases.ndjson --map "channel=:store"
  $ touchpoint import calls.csv --map-file calls.map.json --dry-run

Map targets: type, event, userId, anonymousId, messageId, timestamp, channel, name, groupId, previousId,
properties.X, traits.X, context.X. Source: a column header, or :constant; add :number, :boolean or :date to convert.
Timestamps: ISO 8601, YYYY-MM-DD, YYYY-MM-DD HH:mm:ss (read as UTC) or epoch seconds/ms.
Rows without a messageId get one derived from the file name and row, so running an import twice stores nothing twice.
Exit code: 0 all rows stored (or already there), 2 some rows rejected, 1 the import failed.`;

/** `touchpoint import FILE`: thin glue around runImport (src/import/run-import.ts). */
export function registerImport(program: Command): void {
  program.command('import')
    .description('Import offline touchpoints (call-centre logs, store purchases) from CSV or NDJSON into a running server.')
    .argument('<file>', 'a .csv/.tsv or .ndjson/.jsonl file, optionally .gz')
    .option('-m, --map <entries>', 'target=Column or target=:constant[:number|:boolean|:date], comma-separated (repeatable)', (v: string, all: string[]) => [...all, v], [])
    .option('--map-file <file>', 'the mapping as JSON, e.g. {"userId": "Customer ID", "event": ":Call Completed"}')
    .addOption(new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'ndjson']))
    .option('--delimiter <char>', 'CSV delimiter, or "tab" (default: detected from the header)')
    .option('--dry-run', 'check and map every row, show samples and a summary, send nothing')
    .option('-k, --write-key <key>', 'workspace write key (default: TOUCHPOINT_WRITE_KEY or the local server\'s default workspace)')
    .option('--url <url>', 'server URL (env TOUCHPOINT_URL, default http://127.0.0.1:8080)')
    .option('-d, --data <dir>', 'data folder of a local server, to find its write key (env TOUCHPOINT_DATA)')
    .option('--batch-size <n>', 'messages per request', '2000')
    .option('--json', 'print the summary as JSON')
    .option('--no-progress', 'no progress bar')
    .addHelpText('after', EXAMPLES)
    .action(async (file: string, o: ImportFlags) => {
      const batchSize = Number(o.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 20_000) throw new CliError('--batch-size must be a whole number from 1 to 20000.');
      const progress = o.progress && !o.dryRun ? createProgress(basename(file)) : undefined;
      const print = (s: ImportSummary) => console.log(o.json ? JSON.stringify(s, null, 2) : formatSummary(s));
      try {
        const summary = await runImport({
          file, map: o.map, mapFile: o.mapFile, format: o.format, delimiter: o.delimiter, dryRun: o.dryRun,
          writeKey: o.writeKey, url: o.url, dataDir: o.data, batchSize, onProgress: progress?.update,
        });
        progress?.stop();
        print(summary);
        process.exitCode = summary.exitCode;
      } catch (err) {
        progress?.stop();
        if (err instanceof ImportFailedError) print(err.summary);
        throw err;
      }
    });
}
