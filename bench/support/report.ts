// The shape every bench script ends with (`BENCH_JSON {...}`), read by bench/run.mjs to
// print one table. Figures and baselines are numbers; `rows` are the table's lines, with
// each figure already formatted beside its baseline, ratio and target.

export type BenchRow = {
  readonly benchmark: string;
  readonly figure: string;
  readonly baseline: string;
  /** Figure over baseline (or the speed-up), formatted; '' when there is no baseline. */
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean;
};

export type BenchResult = {
  readonly name: string;
  readonly figures: Readonly<Record<string, number | boolean | string>>;
  readonly baseline: Readonly<Record<string, number | boolean | string>>;
  readonly ratio: number | null;
  readonly target: string;
  /** Every row met its target. */
  readonly met: boolean;
  readonly rows: readonly BenchRow[];
};

export const verdict = (met: boolean): string => (met ? 'meets target' : 'MISSES target');

export const ratioText = (figure: number, baseline: number): string =>
  baseline > 0 ? `${(figure / baseline).toFixed(1)}x` : '';

/** Prints the last line bench/run.mjs collects. */
export function emit(result: BenchResult & Readonly<Record<string, unknown>>): void {
  console.log(`BENCH_JSON ${JSON.stringify(result)}`);
}
