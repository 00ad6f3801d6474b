import { readFileSync } from 'node:fs';

// Where a Chromium performance trace's main-thread time went (bench/first-load.ts with
// FIRST_LOAD_PROFILE=<file>): per renderer main thread (the dashboard's page and the app's
// out-of-process iframe), the busy time of its tasks and the time of the work inside them
// by kind: script compile and evaluation, function calls (React's rendering is here), style
// and layout, paint, garbage collection, HTML parsing.

type TraceEvent = {
  readonly name?: unknown;
  readonly ph?: unknown;
  readonly pid?: unknown;
  readonly tid?: unknown;
  readonly dur?: unknown;
  readonly args?: unknown;
};

const KINDS: Readonly<Record<string, string>> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  'V8.CompileCode': 'compile',
  EvaluateScript: 'evaluate script',
  'v8.evaluateModule': 'evaluate script',
  FunctionCall: 'function calls',
  TimerFire: 'function calls',
  FireAnimationFrame: 'function calls',
  EventDispatch: 'events',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  PrePaint: 'paint',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  ParseHTML: 'parse HTML',
  ParseAuthorStyleSheet: 'parse CSS',
};

const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** Lines describing the trace: per renderer main thread, its busy time and its work by kind (ms). */
export function summarizeTrace(file: string): string[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const events: TraceEvent[] =
    typeof parsed === 'object' && parsed !== null && 'traceEvents' in parsed && Array.isArray(parsed.traceEvents)
      ? parsed.traceEvents.filter((e: unknown): e is TraceEvent => typeof e === 'object' && e !== null)
      : [];
  const mains = new Set<string>();
  for (const e of events) {
    const args = e.args;
    if (
      e.name === 'thread_name' &&
      typeof args === 'object' &&
      args !== null &&
      'name' in args &&
      args.name === 'CrRendererMain'
    )
      mains.add(`${String(e.pid)}:${String(e.tid)}`);
  }
  const perThread = new Map<string, { busy: number; kinds: Map<string, number> }>();
  for (const e of events) {
    const key = `${String(e.pid)}:${String(e.tid)}`;
    if (e.ph !== 'X' || !mains.has(key) || typeof e.name !== 'string') continue;
    const t = perThread.get(key) ?? { busy: 0, kinds: new Map<string, number>() };
    perThread.set(key, t);
    if (e.name === 'RunTask') t.busy += num(e.dur) / 1000;
    const kind = KINDS[e.name];
    if (kind !== undefined) t.kinds.set(kind, (t.kinds.get(kind) ?? 0) + num(e.dur) / 1000);
  }
  return [...perThread.entries()]
    .sort((a, b) => b[1].busy - a[1].busy)
    .map(([thread, t]) => {
      const kinds = [...t.kinds.entries()].sort((a, b) => b[1] - a[1]);
      return `renderer main ${thread}: busy ${t.busy.toFixed(0)} ms; ${kinds.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} (ms, nested kinds overlap)`;
    });
}
