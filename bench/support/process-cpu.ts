import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// CPU time of another process, read from /proc/<pid>/stat (Linux): what a process spent on
// the CPU, whatever else the machine ran meanwhile, so per-identity figures of the BFF and
// the emulator can be told apart on shared cores. Resolution: one clock tick (10 ms).

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU of `pid` so far, in ms. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read the CPU time of ${String(pid)}`);
  return (utime + stime) * TICK_MS;
}

export type CpuMeter = {
  /** CPU ms of each process since the meter was made. */
  read(): { readonly [name: string]: number };
};

/** Starts counting the CPU of the named processes from now. */
export function cpuMeter(pids: Readonly<Record<string, number>>): CpuMeter {
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  return {
    read: () => Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid) - (start[name] ?? 0)])),
  };
}
