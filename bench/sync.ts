/**
 * Identity sync: the first sync of N identities (each fetched, mirrored, screened and
 * written) and a re-sync of the same, unchanged identities (`POST /api/cases/refresh`),
 * with the CPU time each process spent, per identity: the BFF's apart from the
 * emulator's (both in their own processes, read from /proc), so the figures say where the
 * time goes whatever else the shared cores run.
 *
 * Run: pnpm exec tsx bench/sync.ts   (100 000 identities: a few minutes; BENCH_SYNC_IDENTITIES
 * sets another count; last line: BENCH_JSON {...})
 *
 * Goals (issue 17): ≤ 1 ms of BFF CPU per new identity, ≤ 0.3 ms per unchanged one, the
 * first sync of 100 000 within 40 s. Profile the BFF's side with BENCH_CPU_PROF=<dir>
 * (node --cpu-prof; open the .cpuprofile in Chrome DevTools).
 */
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startBffProcess } from './support/bff-process';
import { startEmulatorProcess } from './support/emulator-process';
import { startControlProcess } from './support/control-process';
import { installWithReviewScopes } from './support/install-session';
import { cpuMeter } from './support/process-cpu';
import { expectStatus, timed } from './support/http';
import { latencyFigure, report } from './support/report';
import { sampler } from './support/sampler';
import { latency, round } from './support/stats';
import { SyncWatcher } from './support/sync-watcher';

const IDENTITIES = Number(process.env.BENCH_SYNC_IDENTITIES ?? 100_000);
const SYNC_TIMEOUT_MS = 10 * 60_000;
const TARGET_NEW_MS = 1;
const TARGET_UNCHANGED_MS = 0.3;
const TARGET_SYNC_S = 40;
const TARGET_SESSION_P99_MS = 50;
/** How often `/api/session` (and the idle process, the same-run baseline) is asked while the first sync runs. */
const SESSION_EVERY_MS = 250;

async function main() {
  const emulator = await startEmulatorProcess({ seed: 17, identities: IDENTITIES });
  const profileDir = process.env.BENCH_CPU_PROF;
  const bff = await startBffProcess({
    cloudApiUrl: emulator.url,
    env: { DEMO_WATCHLIST_CSV: join('packages', 'cloud-emulator', 'data', 'demo-watchlist.csv') },
    nodeArgs: profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`],
  });
  try {
    const session = await installWithReviewScopes(emulator.url, bff);
    const watcher = new SyncWatcher(bff.url, session.cookie);
    const pids = { bff: bff.pid, emulator: emulator.pid };

    const control = await startControlProcess();
    // A reviewer's session check during the sync, on its own keep-alive connection, beside the
    // same request to an idle Node process (what these shared cores add by themselves).
    const agents = {
      session: new Agent({ keepAlive: true, maxSockets: 1 }),
      control: new Agent({ keepAlive: true, maxSockets: 1 }),
    };
    const controls = sampler(
      SESSION_EVERY_MS,
      async () => (await timed({ url: control.url, agent: agents.control })).ms,
    );
    const sessions = sampler(SESSION_EVERY_MS, async () => {
      const answer = await timed({
        url: `${bff.url}/api/session`,
        headers: { cookie: session.cookie },
        agent: agents.session,
      });
      return expectStatus(answer, 200, '/api/session').ms;
    });
    const first = cpuMeter(pids);
    const firstStarted = performance.now();
    const firstSync = await watcher.run(() => watcher.startByQueue(), SYNC_TIMEOUT_MS);
    const firstCpu = first.read();
    await sessions.stop();
    await controls.stop();
    agents.session.destroy();
    agents.control.destroy();
    const firstLoop = bff.eventLoop(firstStarted);
    const controlLoop = control.eventLoop(firstStarted);
    await control.stop();
    if (firstSync.total !== IDENTITIES)
      throw new Error(`the first sync mirrored ${String(firstSync.total)} cases, not ${String(IDENTITIES)}`);

    const again = cpuMeter(pids);
    const resync = await watcher.run(() => watcher.startByRefresh(), SYNC_TIMEOUT_MS);
    const againCpu = again.read();

    const perIdentity = (cpu: number) => round(cpu / IDENTITIES, 3);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (2 shared cores)`,
    );
    const k = `${String(IDENTITIES / 1000)}k`;
    console.log(
      `first sync ${String(round(firstSync.ms / 1000, 1))} s: BFF CPU ${String(Math.round(firstCpu.bff ?? 0))} ms, emulator CPU ${String(Math.round(firstCpu.emulator ?? 0))} ms`,
    );
    console.log(
      `re-sync ${String(round(resync.ms / 1000, 1))} s: BFF CPU ${String(Math.round(againCpu.bff ?? 0))} ms, emulator CPU ${String(Math.round(againCpu.emulator ?? 0))} ms`,
    );
    report(
      'sync',
      [
        {
          name: `first sync of ${k} identities, start to finish`,
          value: round(firstSync.ms / 1000, 1),
          unit: 's',
          goal: IDENTITIES === 100_000 ? { atMost: TARGET_SYNC_S } : undefined,
        },
        {
          name: 'BFF CPU per new identity (fetch, mirror, screen, write)',
          value: perIdentity(firstCpu.bff ?? 0),
          unit: 'ms',
          goal: { atMost: TARGET_NEW_MS },
          baseline: { name: 'emulator CPU', value: perIdentity(firstCpu.emulator ?? 0) },
        },
        {
          name: 'longest event-loop stall during the first sync',
          value: firstLoop.maxMs,
          unit: 'ms',
          goal: { atMost: 50 },
          baseline: { name: 'an idle Node process, same run', value: controlLoop.maxMs ?? 0 },
          note: 'the BFF logged no event loop delay',
          shown:
            firstLoop.maxMs === null
              ? undefined
              : `${String(firstLoop.maxMs)} ms (worst one-second p99 ${String(firstLoop.worstP99Ms)} ms)`,
        },
        latencyFigure({
          name: `GET /api/session during the first sync (${String(sessions.samples.length)} samples)`,
          latency: latency(sessions.samples),
          on: 'p99',
          goal: { atMost: TARGET_SESSION_P99_MS },
          baseline: { name: 'an idle Node process, same run', latency: latency(controls.samples) },
        }),
        {
          name: `re-sync of ${k} unchanged identities, start to finish`,
          value: round(resync.ms / 1000, 1),
          unit: 's',
        },
        {
          name: 'BFF CPU per unchanged identity (re-sync)',
          value: perIdentity(againCpu.bff ?? 0),
          unit: 'ms',
          goal: { atMost: TARGET_UNCHANGED_MS },
          baseline: { name: 'emulator CPU', value: perIdentity(againCpu.emulator ?? 0) },
        },
      ],
      { identities: IDENTITIES, load_average: loadavg().map((l) => round(l, 1)) },
    );
  } finally {
    await bff.stop();
    await emulator.stop();
  }
}

await main();
