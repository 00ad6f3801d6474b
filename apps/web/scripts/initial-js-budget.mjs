/**
 * The budget for the JS a first visit loads before any lazy chunk (entry + preloads, gzip,
 * kB = 1000 bytes). One place: `pnpm --filter @kyc-review/web size` fails over it and
 * `bench/initial-js.ts` reports against it (decision 019). New screens stay lazy routes.
 */
export const INITIAL_JS_BUDGET_KB = 110;
