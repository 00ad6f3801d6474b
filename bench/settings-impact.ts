/**
 * Settings impact preview (decision 011): `POST /api/settings/impact` over every case of an
 * install, on the rescore path (threshold unchanged or up: only the checks that read a
 * setting run again) and the rescreen path (threshold down: every identity screened again),
 * with `GET /api/session` answered meanwhile (the preview runs in time slices, so requests
 * are not held behind it). Per-case cost is projected to 100 000 cases (one pass, linear).
 *
 * Run: pnpm exec tsx bench/settings-impact.ts   (BENCH_IMPACT_CASES, default 10 000: the
 * sync that creates the cases dominates; last line: BENCH_JSON {...})
 */
import { DEFAULT_KYC_SETTINGS, SettingsImpactDto, type KycSettings } from '../packages/contracts/src/index';
import { createReviewEnv, installSynced } from '../apps/bff/test/kyc/support/review-env';
import { latencyFigure, report } from './support/report';
import { latency, round } from './support/stats';

const CASES = Number(process.env['BENCH_IMPACT_CASES'] ?? 10_000);
const PROJECTED = 100_000;
const SESSION_EVERY_MS = 20;

async function main() {
  const syncStarted = performance.now();
  const env = await createReviewEnv({ identitiesPerInstance: CASES, cloudTimeoutMs: 10_000 });
  try {
    const lead = await installSynced(env, undefined, 'Bench Lead');
    console.log(`synced ${String(CASES)} identities in ${((performance.now() - syncStarted) / 1000).toFixed(1)} s`);

    /** One preview, with the session read every few ms while it runs. */
    const measure = async (settings: KycSettings) => {
      const session: number[] = [];
      const probing = { on: true };
      const probe = (async () => {
        while (probing.on) {
          const begin = performance.now();
          await (await lead.api('/api/session')).arrayBuffer();
          session.push(performance.now() - begin);
          await new Promise((r) => setTimeout(r, SESSION_EVERY_MS));
        }
      })();
      const begin = performance.now();
      const res = await lead.rpc.api.settings.impact.$post({ json: settings });
      const impact = SettingsImpactDto.parse(await res.json());
      const ms = performance.now() - begin;
      probing.on = false;
      await probe;
      return { impact, ms, session: latency(session) };
    };
    await measure(DEFAULT_KYC_SETTINGS); // warm up
    const rescore = await measure({ ...DEFAULT_KYC_SETTINGS, min_age: 21, risk_bands: { medium: 0.2, high: 0.6 } });
    const rescreen = await measure({ ...DEFAULT_KYC_SETTINGS, watchlist_threshold: 0.75 });
    const perCase = (ms: number) => ms / rescore.impact.cases;
    for (const [name, m] of [
      ['rescore', rescore],
      ['rescreen', rescreen],
    ] as const) {
      console.log(
        `${name}: ${String(m.impact.cases)} cases in ${m.ms.toFixed(0)} ms (${perCase(m.ms).toFixed(3)} ms/case), ` +
          `${String(m.impact.band_changes)} change band, ${String(m.impact.would_need_rereview)} would need re-review`,
      );
    }
    report(
      'settings-impact',
      [
        {
          name: `impact preview, rescore path, projected to ${String(PROJECTED)} cases`,
          value: round((perCase(rescore.ms) * PROJECTED) / 1000, 1),
          unit: 's',
          note: `measured ${rescore.ms.toFixed(0)} ms over ${String(rescore.impact.cases)} cases`,
        },
        {
          name: `impact preview, rescreen path, projected to ${String(PROJECTED)} cases`,
          value: round((perCase(rescreen.ms) * PROJECTED) / 1000, 1),
          unit: 's',
          note: `measured ${rescreen.ms.toFixed(0)} ms over ${String(rescreen.impact.cases)} cases`,
        },
        latencyFigure({
          name: 'GET /api/session during the rescreen preview',
          latency: rescreen.session,
          on: 'p99',
          goal: { atMost: 200 },
        }),
      ],
      { cases: CASES },
    );
  } finally {
    await env.close();
  }
}

await main();
