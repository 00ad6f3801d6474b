// What the BFF's main thread ran during each event-loop stall (bench only): a V8 CPU profile
// (`node --cpu-prof`, its timestamps on the monotonic clock) and the stalls the memory probe
// saw (import-timeline.ts writes them as stalls.json beside the profiles).
// Run: pnpm exec tsx bench/support/cpu-profile-tasks.ts <main thread's .cpuprofile> <stalls.json>
import { readFileSync } from 'node:fs';
import { arrayAt, numberAt, stringAt } from './json';

type Node = { readonly name: string; readonly parent: number | null };

function nodesOf(profile: unknown): Map<number, Node> {
  const nodes = new Map<number, Node>();
  const parents = new Map<number, number>();
  for (const raw of arrayAt(profile, 'nodes')) {
    const id = numberAt(raw, 'id');
    const url = stringAt(raw, 'callFrame', 'url').replace(/^.*\//, '');
    const line = numberAt(raw, 'callFrame', 'lineNumber') + 1;
    const fn = stringAt(raw, 'callFrame', 'functionName') || '(anonymous)';
    nodes.set(id, { name: url === '' ? fn : `${fn} ${url}:${String(line)}`, parent: null });
    const children = typeof raw === 'object' && raw !== null && 'children' in raw ? raw.children : [];
    if (Array.isArray(children)) for (const child of children) if (typeof child === 'number') parents.set(child, id);
  }
  for (const [child, parent] of parents) {
    const node = nodes.get(child);
    if (node !== undefined) nodes.set(child, { ...node, parent });
  }
  return nodes;
}

const NOT_WORK = new Set(['(idle)', '(program)', '(root)']);

function top(counts: Map<string, number>, total: number, k: number): string {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([name, n]) => `  ${String(Math.round((n / total) * 100)).padStart(3)}%  ${name}`)
    .join('\n');
}

function main(profileFile: string, stallsFile: string): void {
  const profile: unknown = JSON.parse(readFileSync(profileFile, 'utf8'));
  const stalls: unknown = JSON.parse(readFileSync(stallsFile, 'utf8'));
  const nodes = nodesOf(profile);
  const ids = arrayAt(profile, 'samples').map(Number);
  const deltas = arrayAt(profile, 'timeDeltas').map(Number);
  let t = numberAt(profile, 'startTime');
  const times = deltas.map((d) => (t += d));
  const windows = (Array.isArray(stalls) ? stalls : [])
    .map((s: unknown) => ({ from: numberAt(s, 'mono_us'), ms: numberAt(s, 'ms') }))
    .sort((a, b) => b.ms - a.ms);
  for (const { from, ms } of windows.slice(0, Number(process.env['STALLS_SHOWN'] ?? 6))) {
    const to = from + ms * 1000;
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    let total = 0;
    times.forEach((at, i) => {
      if (at < from || at > to) return;
      const node = nodes.get(ids[i] ?? -1);
      if (node === undefined) return;
      total++;
      self.set(node.name, (self.get(node.name) ?? 0) + 1);
      const seen = new Set<string>();
      for (let n: Node | undefined = node; n !== undefined; n = n.parent === null ? undefined : nodes.get(n.parent)) {
        if (seen.has(n.name) || NOT_WORK.has(n.name)) continue;
        seen.add(n.name);
        inclusive.set(n.name, (inclusive.get(n.name) ?? 0) + 1);
      }
    });
    const offset = Math.round((from - numberAt(profile, 'startTime')) / 1000);
    console.log(`\nstall of ${String(ms)} ms at +${String(offset)} ms into the profile, ${String(total)} samples`);
    if (total > 0) console.log(` self:\n${top(self, total, 8)}\n inclusive:\n${top(inclusive, total, 22)}`);
  }
}

main(process.argv[2] ?? '', process.argv[3] ?? '');
