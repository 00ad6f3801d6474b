// Resident memory of another process and of the processes under it, read from /proc (Linux),
// as process-cpu.ts reads CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import type { MemoryReport } from './bff-process';

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

/** Where the BFF's memory is at each phase (MB): main heap, off-heap, and the rest of the resident set. */
export function printMemory(phases: readonly { phase: string; memory: MemoryReport }[]): void {
  console.log(
    'memory (MB)                    rss  heap used/total  external  array buffers  anonymous  threads  worker heaps | after gc: rss heap used',
  );
  for (const { phase, memory } of phases) {
    const b = memory.before;
    const a = memory.after;
    console.log(
      `${phase.padEnd(28)} ${String(b.rss).padStart(6)}  ${String(b.heap_used).padStart(6)}/${String(b.heap_total).padEnd(7)} ${String(b.external).padStart(8)}  ${String(b.array_buffers).padStart(13)}  ${String(b.anonymous).padStart(9)}  ${String(b.threads).padStart(7)}  ${b.worker_heaps.join(' ').padStart(12)} | ${String(a.rss)} ${String(a.heap_used)}`,
    );
  }
}
