/** Calls `probe` every `everyMs` until stopped, collecting how long each call took (ms). */
export function sampler(everyMs: number, probe: () => Promise<number>) {
  const samples: number[] = [];
  const state = { running: true };
  const loop = (async () => {
    while (state.running) {
      const started = performance.now();
      samples.push(await probe());
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (performance.now() - started))));
    }
  })();
  return {
    samples,
    stop: async () => {
      state.running = false;
      await loop;
    },
  };
}
