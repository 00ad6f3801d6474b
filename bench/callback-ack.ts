/**
 * Callback acknowledgement: how fast the BFF answers Cloud's install events when 200
 * arrive at once, against `GET /healthz` at the same concurrency in the same run.
 *
 * Run: pnpm exec tsx bench/callback-ack.ts   (about 10 s; last line: BENCH_JSON {...})
 *
 * The BFF is the production bundle in its own process (NODE_ENV=production, a WAL SQLite
 * file in a temp directory, JSON logs drained from its stdout); this process only sends.
 * Each event comes on its own connection, as Cloud's calls do, with the callback key.
 * Per round, three bursts of 200 concurrent requests, one after another:
 *   - healthz: the baseline, the cost of an HTTP answer with no work;
 *   - distinct: 200 different installs (each: key fingerprinted and sealed, one transaction);
 *   - duplicates: 200 copies of one new install event (one `installed`, 199 `duplicate`,
 *     checked from the answers).
 * The latency of a request in a burst includes its wait behind the others, so p99 is
 * close to the time the whole burst takes. Cloud gives up after 10 s. Target: p99 under
 * 1 s (a tenth of Cloud's limit) and at most 2x the empty route's p99 in the same burst, so
 * the callback's own work stays small next to the cost of the burst itself. (An absolute
 * 100 ms was tried first: /healthz alone exceeds it under this burst on a 2-core machine.)
 */
import { randomBytes } from 'node:crypto';
import { createCloudEmulator } from '../packages/cloud-emulator/src/index';
import { startBffProcess } from './support/bff-process';
import { expectStatus, timed, type Timed } from './support/http';
import { stringAt } from './support/json';
import { latencyFigure, report } from './support/report';
import { latency, type Latency } from './support/stats';

const CONCURRENCY = 200;
const ROUNDS = 3;
const WARMUP_EVENTS = 50;
const TARGET_P99_MS = 1_000;
const TARGET_RATIO = 2;
const PERMISSIONS = ['data:read', 'data:write', 'alerts:read', 'alerts:write'];

function installEvent(installedAppId: string, instanceId: string) {
  const apiKey = `blnk_${randomBytes(24).toString('base64url')}`;
  return {
    installed_app_id: installedAppId,
    app_id: 'app_bench',
    instance_id: instanceId,
    api_key: apiKey,
    api_key_prefix: apiKey.slice(0, 9),
    granted_permissions: PERMISSIONS,
    idempotency_key: `install:${installedAppId}`,
  };
}

async function main() {
  // The BFF needs a Cloud URL to start; install events never call it.
  const emulator = await createCloudEmulator({ seed: 5, identitiesPerInstance: 10 }).listen(0, '127.0.0.1');
  const bff = await startBffProcess({ cloudApiUrl: emulator.url });
  try {
    const callbackUrl = `${bff.url}/cloud/callback?key=${encodeURIComponent(bff.callbackSecret)}`;
    const send = (event: object): Promise<Timed> =>
      timed({
        url: callbackUrl,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        agent: false,
      });
    const health = (): Promise<Timed> => timed({ url: `${bff.url}/healthz`, agent: false });
    const outcome = (answer: Timed) => stringAt(JSON.parse(expectStatus(answer, 200, 'the callback').body), 'outcome');

    // Warm the JIT, the SQLite page cache and the key ring before measuring.
    for (let i = 0; i < WARMUP_EVENTS; i += 1) {
      outcome(await send(installEvent(`instapp_warm_${String(i)}`, `inst_warm_${String(i)}`)));
      expectStatus(await health(), 200, '/healthz');
    }

    const healthMs: number[] = [];
    const distinctMs: number[] = [];
    const duplicateMs: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const healthBurst = await Promise.all(Array.from({ length: CONCURRENCY }, health));
      healthMs.push(...healthBurst.map((a) => expectStatus(a, 200, '/healthz').ms));

      const distinct = await Promise.all(
        Array.from({ length: CONCURRENCY }, (_, i) =>
          send(installEvent(`instapp_r${String(round)}_${String(i)}`, `inst_r${String(round)}_${String(i)}`)),
        ),
      );
      const notInstalled = distinct.filter((a) => outcome(a) !== 'installed').length;
      if (notInstalled > 0)
        throw new Error(`${String(notInstalled)} distinct install events were not answered "installed"`);
      distinctMs.push(...distinct.map((a) => a.ms));

      const event = installEvent(`instapp_dup_${String(round)}`, `inst_dup_${String(round)}`);
      const duplicates = await Promise.all(Array.from({ length: CONCURRENCY }, () => send(event)));
      const outcomes = duplicates.map(outcome);
      const installed = outcomes.filter((o) => o === 'installed').length;
      const duplicate = outcomes.filter((o) => o === 'duplicate').length;
      if (installed !== 1 || duplicate !== CONCURRENCY - 1) {
        throw new Error(
          `${String(CONCURRENCY)} copies of one event gave ${String(installed)} installed and ${String(duplicate)} duplicate`,
        );
      }
      duplicateMs.push(...duplicates.map((a) => a.ms));
    }

    const baseline = latency(healthMs);
    const distinct = latency(distinctMs);
    const duplicates = latency(duplicateMs);
    console.log(
      `${String(ROUNDS)} rounds of ${String(CONCURRENCY)} concurrent requests per kind, one connection each, BFF bundle in its own process`,
    );
    const ack = (name: string, figure: Latency) =>
      latencyFigure({
        name,
        latency: figure,
        on: 'p99',
        baseline: { name: 'healthz', latency: baseline },
        goal: { below: TARGET_P99_MS, ratioAtMost: TARGET_RATIO },
      });
    report(
      'callback-ack',
      [
        ack(`callback ack, ${String(CONCURRENCY)} concurrent distinct installs`, distinct),
        ack(`callback ack, ${String(CONCURRENCY)} concurrent duplicates of one event`, duplicates),
      ],
      { concurrency: CONCURRENCY, rounds: ROUNDS },
    );
  } finally {
    await bff.stop();
    await emulator.close();
  }
}

await main();
