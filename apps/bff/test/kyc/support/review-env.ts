import { DEMO_WATCHLIST_PATH } from '@kyc-review/cloud-emulator';
import type { DecisionBody } from '@kyc-review/contracts';
import {
  CaseDetailDto,
  CaseQueueDto,
  DecisionAction,
  ErrorEnvelope,
  HistoryDto,
  Identity,
  type CaseDto,
  type Permission,
} from '@kyc-review/contracts';
import { z } from 'zod';
import { apiHeaders } from '../../support/lifecycle';
import { testRpc, type ApiAnswer } from '../../support/rpc';
import type { ReviewerSpec } from '../../support/reviewers';
import {
  createEmulatorBackedApp,
  type EmulatorBackedApp,
  type EmulatorBackedOptions,
  type InstalledSession,
} from '../../support/emulator-app';

// The BFF against the emulator with the fictional demo watchlist loaded for every
// install (DEMO_WATCHLIST_CSV, as in dev), plus the calls the review tests share.

export async function createReviewEnv(options: EmulatorBackedOptions = {}): Promise<EmulatorBackedApp> {
  return createEmulatorBackedApp({ ...options, env: { DEMO_WATCHLIST_CSV: DEMO_WATCHLIST_PATH, ...options.env } });
}

/** Installs, launches, and waits for the first sync of the identity mirror. */
export async function installSynced(
  env: EmulatorBackedApp,
  permissions?: readonly Permission[],
  userId?: string,
): Promise<InstalledSession> {
  const installed = await env.install(permissions, userId === undefined ? {} : { userId });
  if (permissions === undefined || permissions.includes('data:read')) {
    const res = await installed.rpc.api.cases.$get({ query: {} });
    const status: number = res.status;
    if (status !== 200) throw new Error(`GET /api/cases answered ${res.status}`);
    await env.t.services.review.sync.idle(installed.installedAppId);
    // The first screening re-opens seeded approved cases that carry hits (monitoring) and
    // raises their alerts: let them land, so each test starts with an outbox of its own.
    await drainOutbox(env);
  }
  return installed;
}

/** Runs the outbox until nothing is due. */
export async function drainOutbox(env: EmulatorBackedApp): Promise<void> {
  for (let i = 0; i < 50 && (await env.t.services.review.outbox.runOnce()) > 0; i++);
}

const IdentityPage = z.object({ data: z.array(Identity) });

/** Identities of the install's instance straight from the emulator's Data API, by seed scenario. */
export async function identitiesBySeed(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  seedCase: string,
): Promise<Identity[]> {
  const url = `${env.emulatorUrl}/data/identities?instance_id=${installed.instanceId}&pageSize=100&meta_data.seed_case_eq=${encodeURIComponent(seedCase)}`;
  const res = await fetch(url, { headers: { Authorization: `Bearer ${installed.apiKey}` } });
  return IdentityPage.parse(await res.json()).data;
}

/** The first identity of a seed scenario that no earlier review touched (no meta_data.kyc_status). */
export async function firstBySeed(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  seedCase: string,
): Promise<Identity> {
  const [first] = (await identitiesBySeed(env, installed, seedCase)).filter(
    (i) => i.meta_data['kyc_status'] === undefined,
  );
  if (first === undefined) throw new Error(`the emulator seeded no identity of case ${seedCase}`);
  return first;
}

/** A call with extra headers (If-Match, a content type other than JSON). */
export function rawApi(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  path: string,
  init: { method: string; body?: string; headers?: Record<string, string> },
) {
  return env.t.app.request(path, {
    method: init.method,
    headers: { ...apiHeaders(installed.session), ...init.headers },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
}

export async function openCase(installed: InstalledSession, identityId: string): Promise<CaseDetailDto> {
  const res = await installed.rpc.api.cases[':identityId'].$get({ param: { identityId } });
  // The typed client only knows the 200 answer; the others still happen at run time.
  const status: number = res.status;
  if (status !== 200) throw new Error(`GET /api/cases/${identityId} answered ${String(status)}: ${await res.text()}`);
  return CaseDetailDto.parse(await res.json());
}

/** The case's history, newest first, through the typed client. */
export async function history(installed: InstalledSession, identityId: string): Promise<HistoryDto> {
  const res = await installed.rpc.api.cases[':identityId'].history.$get({ param: { identityId } });
  const status: number = res.status;
  if (status !== 200) throw new Error(`GET /api/cases/${identityId}/history answered ${String(status)}`);
  return HistoryDto.parse(await res.json());
}

/** A decision through the typed client: a body the contract's type refuses does not compile. */
export function decide(installed: InstalledSession, identityId: string, body: z.input<typeof DecisionBody>) {
  return installed.rpc.api.cases[':identityId'].decisions.$post({ param: { identityId }, json: body });
}

/** The decisions the case offers the reviewer who read it, in the state machine's order. */
export const offeredDecisions = (kase: CaseDto): DecisionAction[] =>
  DecisionAction.options.filter((action) => kase.allowed_actions[action].allowed);

export async function queue(installed: InstalledSession, query = ''): Promise<CaseQueueDto> {
  const res = await installed.rpc.api.cases.$get({ query: Object.fromEntries(new URLSearchParams(query)) });
  const status: number = res.status;
  if (status !== 200) throw new Error(`GET /api/cases answered ${String(status)}`);
  return CaseQueueDto.parse(await res.json());
}

export async function errorCode(res: ApiAnswer): Promise<string> {
  return ErrorEnvelope.parse(await res.json()).error.code;
}

/** The same install launched again by another person: a second reviewer (a lead unless `spec` says). */
export async function asUser(
  env: EmulatorBackedApp,
  installed: InstalledSession,
  userId: string,
  spec: ReviewerSpec = {},
): Promise<InstalledSession> {
  const session = await env.launch(installed.installedAppId, userId, { reviewer: spec });
  return {
    ...installed,
    session,
    rpc: testRpc(env.t.app, session),
    api: async (path, init = {}) => {
      const method = init.method ?? 'GET';
      return env.t.app.request(path, {
        method,
        headers: method === 'GET' ? { Cookie: session.cookie } : apiHeaders(session),
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    },
  };
}

/**
 * An uninstall sent straight to the BFF without `uninstalled_at`, so it is dated by the BFF's
 * (test) clock: the purge and retention clocks start then.
 */
export async function uninstallNow(env: EmulatorBackedApp, installedAppId: string): Promise<void> {
  const record = await env.t.services.repos.installs.find(installedAppId);
  const res = await env.t.app.request(`/cloud/callback${env.t.cloudQuery}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      installed_app_id: installedAppId,
      app_id: record?.appId,
      instance_id: record?.instanceId,
      idempotency_key: `uninstall:${installedAppId}:${env.t.clock.now().toISOString()}`,
    }),
  });
  const answer: unknown = await res.json();
  if (res.status !== 200) throw new Error(`the uninstall answered ${res.status}: ${JSON.stringify(answer)}`);
}
