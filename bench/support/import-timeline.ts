// The import bench's timeline (bench only): the BFF's event-loop stalls (memory-probe.mjs's
// STALL_JSON lines) laid beside the import's phases, as the bench saw them (upload sent,
// preview answered, confirmation sent and answered) and as the BFF logged them (its JSON log
// lines' `time` and `msg`), so a stall can be put down to the step that ran then.
import { numberAt, stringAt } from './json';

type Mark = { readonly at: number; readonly what: string; readonly stallMs?: number; readonly monoUs?: number };

/** A stall as cpu-profile-tasks.ts reads it: when it began on the monotonic clock (µs) and how long it was. */
export type Stall = { readonly mono_us: number; readonly ms: number; readonly at: number };

/** BFF log messages that mark a phase of an import, its confirmation or what follows it. */
const PHASE_MESSAGE = /watchlist|re-?assess|sync|checkpoint/i;

export function createImportTimeline() {
  const marks: Mark[] = [];
  return {
    /** A phase as the bench sees it, now. */
    mark(what: string): void {
      marks.push({ at: Date.now(), what });
    },
    /** One line of the BFF's output (bff-process.ts `onLine`). */
    line(line: string): void {
      if (line.startsWith('STALL_JSON ')) {
        const stall: unknown = JSON.parse(line.slice('STALL_JSON '.length));
        const ms = numberAt(stall, 'ms');
        marks.push({
          at: numberAt(stall, 'at'),
          what: `stall ${String(ms)} ms`,
          stallMs: ms,
          monoUs: numberAt(stall, 'mono_us'),
        });
        return;
      }
      if (!line.startsWith('{"time"')) return;
      const logged: unknown = JSON.parse(line);
      const msg = stringAt(logged, 'msg');
      if (PHASE_MESSAGE.test(msg)) marks.push({ at: Date.parse(stringAt(logged, 'time')), what: `BFF: ${msg}` });
    },
    /** The stalls of at least `minMs` from the mark `from` on, and every phase, in time order. */
    print(minMs: number, from: string): void {
      const start = marks.find((m) => m.what === from)?.at ?? 0;
      const shown = marks
        .filter((m) => m.at >= start && (m.stallMs === undefined || m.stallMs >= minMs))
        .sort((a, b) => a.at - b.at);
      console.log(`timeline (ms from '${from}'; stalls of ${String(minMs)} ms or more, from when each began)`);
      for (const m of shown) console.log(`${String(m.at - start).padStart(8)}  ${m.what}`);
    },
    /** Every stall of at least `minMs` (to find in a CPU profile). */
    stalls(minMs: number): Stall[] {
      return marks.flatMap((m) =>
        m.stallMs !== undefined && m.monoUs !== undefined && m.stallMs >= minMs
          ? [{ mono_us: m.monoUs, ms: m.stallMs, at: m.at }]
          : [],
      );
    },
  };
}
