// How every bench script reports: one `Figure` per measured value (name, value, unit, goal,
// and a same-run baseline where there is one). This module decides whether a goal is met
// and how a figure, its goal and its ratio read, in one place; `report()` prints one line
// per figure and the `BENCH_JSON {...}` line bench/run.mjs collects to print one table.
import { showLatency, type Latency } from './stats';

/** Every bound given must hold; none given means the figure is reported, not judged. */
export type Goal = {
  readonly atMost?: number;
  readonly below?: number;
  readonly atLeast?: number;
  readonly equals?: number | boolean | string;
  /** value / baseline value ≤ this. */
  readonly ratioAtMost?: number;
};

export type Baseline = {
  readonly name: string;
  readonly value: number;
  /** How it reads in the table; `<value> <unit>` of the figure when absent. */
  readonly shown?: string;
};

export type FigureInput = {
  readonly name: string;
  /** null: not measured this run (`note` says why). */
  readonly value: number | boolean | string | null;
  readonly unit?: string | undefined;
  readonly goal?: Goal | undefined;
  readonly baseline?: Baseline | undefined;
  /** How the figure reads when `<value> <unit>` says too little (e.g. both percentiles). */
  readonly shown?: string | undefined;
  readonly note?: string | undefined;
};

/** A figure as BENCH_JSON carries it: the input plus what run.mjs prints. */
export type Figure = FigureInput & {
  readonly shown: string;
  readonly goal_text: string;
  /** null: no goal, or not measured. */
  readonly met: boolean | null;
  readonly ratio: number | null;
  readonly baseline_text: string;
  readonly ratio_text: string;
};

const withUnit = (value: number | boolean | string, unit: string | undefined): string =>
  unit === undefined || unit === '' ? String(value) : `${String(value)} ${unit}`;

export function goalText(goal: Goal | undefined, unit?: string): string {
  if (goal === undefined) return 'reported';
  const parts = [
    goal.atMost === undefined ? null : `≤ ${withUnit(goal.atMost, unit)}`,
    goal.below === undefined ? null : `< ${withUnit(goal.below, unit)}`,
    goal.atLeast === undefined ? null : `≥ ${withUnit(goal.atLeast, unit)}`,
    goal.equals === undefined ? null : `= ${withUnit(goal.equals, unit)}`,
    goal.ratioAtMost === undefined ? null : `≤ ${String(goal.ratioAtMost)}x baseline`,
  ].filter((p): p is string => p !== null);
  return parts.length === 0 ? 'reported' : parts.join(' and ');
}

function ratioOf(input: FigureInput): number | null {
  if (typeof input.value !== 'number' || input.baseline === undefined || input.baseline.value <= 0) return null;
  return Number((input.value / input.baseline.value).toPrecision(3));
}

function metOf(input: FigureInput, ratio: number | null): boolean | null {
  const { goal, value } = input;
  if (goal === undefined || value === null || goalText(goal) === 'reported') return null;
  const n = typeof value === 'number' ? value : Number.NaN;
  const checks = [
    goal.atMost === undefined || n <= goal.atMost,
    goal.below === undefined || n < goal.below,
    goal.atLeast === undefined || n >= goal.atLeast,
    goal.equals === undefined || value === goal.equals,
    goal.ratioAtMost === undefined || (ratio !== null && ratio <= goal.ratioAtMost),
  ];
  return checks.every(Boolean);
}

export function figure(input: FigureInput): Figure {
  const ratio = ratioOf(input);
  const baseline = input.baseline;
  return {
    ...input,
    shown:
      input.value === null
        ? `not measured${input.note ? `: ${input.note}` : ''}`
        : (input.shown ?? withUnit(input.value, input.unit)),
    goal_text: goalText(input.goal, input.unit),
    met: metOf(input, ratio),
    ratio,
    baseline_text:
      baseline === undefined ? '' : `${baseline.name} ${baseline.shown ?? withUnit(baseline.value, input.unit)}`,
    ratio_text: ratio === null ? '' : `${String(ratio < 10 ? Number(ratio.toPrecision(2)) : Math.round(ratio))}x`,
  };
}

type LatencyFigure = Omit<FigureInput, 'value' | 'unit' | 'shown' | 'baseline'> & {
  readonly latency: Latency;
  /** The percentile the goal (and the ratio) is about. */
  readonly on: 'p50' | 'p99';
  readonly baseline?: { readonly name: string; readonly latency: Latency };
};

/** A latency figure: judged on one percentile, shown with both. */
export function latencyFigure({ latency, on, baseline, ...rest }: LatencyFigure): FigureInput {
  const pick = (l: Latency) => (on === 'p50' ? l.p50_ms : l.p99_ms);
  return {
    ...rest,
    name: `${rest.name} (${on})`,
    value: pick(latency),
    unit: 'ms',
    shown: showLatency(latency),
    baseline:
      baseline === undefined
        ? undefined
        : { name: baseline.name, value: pick(baseline.latency), shown: showLatency(baseline.latency) },
  };
}

const verdict = (f: Figure): string =>
  f.value === null ? 'not measured' : f.met === null ? 'reported' : f.met ? 'meets goal' : 'MISSES goal';

/**
 * Prints one line per figure and the last line bench/run.mjs collects. `extra` is kept in
 * the JSON for readers of the raw line (counts, settings of the run).
 */
export function report(name: string, inputs: readonly FigureInput[], extra: Readonly<Record<string, unknown>> = {}) {
  const figures = inputs.map(figure);
  for (const f of figures) {
    const against =
      f.baseline_text === '' ? '' : `, baseline ${f.baseline_text}${f.ratio_text ? ` (${f.ratio_text})` : ''}`;
    console.log(`${f.name}: ${f.shown}${against}; goal ${f.goal_text}: ${verdict(f)}`);
  }
  console.log(`BENCH_JSON ${JSON.stringify({ ...extra, name, figures })}`);
}
