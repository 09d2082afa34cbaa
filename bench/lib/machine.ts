import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { createRequire } from 'node:module';

export interface MachineInfo {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  duckdbNodeApi: string;
  os: string;
  /** 1-minute load average when the run started: above ~0.5 other work shared the cores. */
  loadAvg1: number;
}

/** What the figures were measured on (CPU from /proc/cpuinfo, so it works without lscpu). */
export function machineInfo(): MachineInfo {
  let cpu = 'unknown';
  try {
    cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpu;
  } catch { /* not Linux */ }
  const require = createRequire(import.meta.url);
  const pkg = require('@duckdb/node-api/package.json') as { version: string };
  let os: string = process.platform;
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? os;
  } catch { /* not Linux */ }
  return {
    date: new Date().toISOString(),
    cpu,
    cores: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    duckdbNodeApi: pkg.version,
    os,
    loadAvg1: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** Peak (VmHWM) and current (VmRSS) resident memory of a process, in MiB, from /proc. */
export function processMemory(pid: number): { peakMiB: number; rssMiB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s*(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peakMiB: Math.round(kb('VmHWM') / 1024), rssMiB: Math.round(kb('VmRSS') / 1024) };
}

/**
 * CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat; with `mainThread`,
 * only its main thread's (the JavaScript event loop; DuckDB and libuv work on other threads).
 */
export function cpuSeconds(pid: number, mainThread = false): number {
  const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After the command name: state is field 3, so utime (14) and stime (15) are at indexes 11 and 12.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds all processes have used so far (busy = everything but idle and iowait), from /proc/stat. */
export function systemBusySeconds(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return (total - f[3] - f[4]) / 100;
}
