// Resident memory of another process and of the processes under it, read from /proc (Linux),
// as process-cpu.ts reads CPU time.
import { readdirSync, readFileSync } from 'node:fs';

/** Resident MB of one process (VmRSS). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${String(pid)}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 'NaN');
  return Math.round(kb / 1024);
}

/** The process's children (the BFF's import/build child), from /proc. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const task of readdirSync(`/proc/${String(pid)}/task`)) {
    const listed = readFileSync(`/proc/${String(pid)}/task/${task}/children`, 'utf8').trim();
    if (listed !== '') out.push(...listed.split(' ').map(Number));
  }
  return out;
}

/** Resident MB of a process (the BFF) and every process under it (a child that exited counts nothing). */
export function treeRssMb(pid: number): number {
  let total = 0;
  const pending = [pid];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    try {
      const rss = rssMb(next);
      if (Number.isFinite(rss)) total += rss;
      pending.push(...childrenOf(next));
    } catch {
      // It exited meanwhile.
    }
  }
  return total;
}
