// Development and tests run the BFF from TypeScript (tsx, vitest): the worker thread then
// registers tsx itself and loads worker.ts. The production bundle starts dist/watchlist-worker.js instead.
const { register } = await import('tsx/esm/api');
register();
await import('./worker.ts');
