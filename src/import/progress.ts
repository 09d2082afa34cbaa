import cliProgress from 'cli-progress';

const size = (bytes: number) => bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * A progress bar on stderr (stdout stays clean for the summary): share of the file read, rows, rate.
 * When stderr is not a terminal (CI logs, pipes) it prints a plain line every second instead.
 */
export function createProgress(label: string, stream: NodeJS.WritableStream = process.stderr) {
  const bar = new cliProgress.SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {read}/{size} | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
    barsize: 24,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 1000,
    etaBuffer: 50,
  });
  const started = Date.now();
  let running = false;
  return {
    update(p: { bytesRead: number; totalBytes: number; rowsRead: number }): void {
      const payload = {
        read: size(p.bytesRead), size: size(p.totalBytes), rows: p.rowsRead.toLocaleString('en-US'),
        rate: Math.round(p.rowsRead / Math.max((Date.now() - started) / 1000, 0.001)).toLocaleString('en-US'),
      };
      if (!running) { bar.start(Math.max(p.totalBytes, 1), 0, payload); running = true; }
      bar.update(Math.min(p.bytesRead, p.totalBytes), payload);
    },
    stop(): void {
      if (running) bar.stop();
      running = false;
    },
  };
}
