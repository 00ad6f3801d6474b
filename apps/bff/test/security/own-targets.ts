import {
  AlertDto,
  CaseDetailDto,
  CreatedInvitationDto,
  SessionDto,
  WatchlistImportPreviewDto,
  SavedViewDto,
} from '@kyc-review/contracts';
import { hashToken, randomToken } from '../../src/crypto/tokens';
import type { ForeignIds } from './api-routes';
import { identityOfSeed } from './cloud-records';
import type { SecurityEnv, Signed } from './security-env';

/**
 * Real records of the install itself, to aim every route at (an identity with an open
 * watchlist hit, that hit, an alert on it): a refusal then says the protection refused,
 * not that the record was missing.
 */
export async function ownTargets(env: SecurityEnv, who: Signed): Promise<ForeignIds> {
  // The queue's first sync runs in the background: let it finish so it cannot write later.
  const queue = await env.call(who, '/api/cases');
  if (queue.status !== 200) throw new Error(`the queue answered ${queue.status}`);
  await env.t.services.review.sync.idle(who.installedAppId);
  const identity = await identityOfSeed(env, who, 'watchlist_exact');
  const tokenized = await identityOfSeed(env, who, 'tokenized');
  const opened = await env.call(who, `/api/cases/${identity.identity_id}`);
  if (opened.status !== 200) throw new Error(`opening the case answered ${opened.status}`);
  const hit = CaseDetailDto.parse(await opened.json()).case.hits[0];
  if (hit === undefined) throw new Error('the watchlist_exact identity has a hit with the demo watchlist');
  const raised = await env.call(who, `/api/identities/${identity.identity_id}/alerts`, {
    method: 'POST',
    body: JSON.stringify({ description: 'set-up alert' }),
  });
  if (raised.status !== 201) throw new Error(`raising an alert answered ${raised.status}`);
  const alertId = AlertDto.parse(await raised.json()).anomaly_id;
  return {
    identityId: identity.identity_id,
    hitId: hit.hit_id,
    alertId,
    tokenizedId: tokenized.identity_id,
    marker: identity.last_name,
    ...(await reviewerTargets(env, who)),
    ...(await watchlistTargets(env, who)),
    savedViewId: await savedViewTarget(env, who),
  };
}

/** A saved queue view of the signed-in reviewer (decision 021). */
export async function savedViewTarget(env: SecurityEnv, who: Signed): Promise<string> {
  const res = await env.call(who, '/api/saved-views', {
    method: 'POST',
    body: JSON.stringify({ name: 'Suite view', filters: { assignee: 'me' } }),
  });
  if (res.status !== 201) throw new Error(`saving a view answered ${res.status}`);
  return SavedViewDto.parse(await res.json()).view_id;
}

/**
 * The install's watchlist records: two confirmed imports (versions 2 and 3 after the demo
 * list's 1), so version 2 is restorable, then a third upload left waiting for confirmation.
 */
export async function watchlistTargets(
  env: SecurityEnv,
  who: Signed,
): Promise<Pick<ForeignIds, 'importId' | 'watchlistVersion'>> {
  const stage = async (name: string) => {
    const res = await env.call(who, '/api/watchlist/import?mode=append', {
      method: 'POST',
      body: `name,list,topic\n${name},Suite Target List,pep\n`,
      headers: { 'Content-Type': 'text/csv' },
    });
    if (res.status !== 200) throw new Error(`staging an import answered ${res.status}`);
    return WatchlistImportPreviewDto.parse(await res.json()).import_id;
  };
  for (const name of ['Suitetarget One', 'Suitetarget Two']) {
    const confirmed = await env.call(who, `/api/watchlist/imports/${await stage(name)}/confirm`, { method: 'POST' });
    if (confirmed.status !== 200) throw new Error(`confirming an import answered ${confirmed.status}`);
  }
  await env.t.services.review.sync.idle(who.installedAppId);
  return { importId: await stage('Suitetarget Three'), watchlistVersion: '2' };
}

/**
 * The install's own reviewer records (decision 017): its signed-in admin, an open invitation
 * that admin made, and a browser the admin asked to be remembered.
 */
export async function reviewerTargets(
  env: SecurityEnv,
  who: Signed,
): Promise<Pick<ForeignIds, 'reviewerId' | 'invitationId' | 'deviceId'>> {
  const session = SessionDto.parse(await (await env.call(who, '/api/session')).json());
  const reviewerId = session.reviewer?.reviewer_id;
  if (reviewerId === undefined) throw new Error('the suite signs an admin in on every install');
  const invited = await env.call(who, '/api/reviewers/invitations', {
    method: 'POST',
    body: JSON.stringify({ display_name: 'Set-up Invitee', email: `invitee.${reviewerId}@example.test`, role: 'lead' }),
  });
  if (invited.status !== 201) throw new Error(`inviting answered ${invited.status}`);
  const invitationId = CreatedInvitationDto.parse(await invited.json()).invitation.invitation_id;
  const deviceId = hashToken(randomToken());
  const now = env.t.clock.now();
  await env.t.services.repos.devices.insert({
    deviceHash: deviceId,
    reviewerId,
    installedAppId: who.installedAppId,
    label: 'Suite browser',
    createdAt: now.toISOString(),
    lastUsedAt: now.toISOString(),
    expiresAt: now.getTime() + 86_400_000,
  });
  return { reviewerId, invitationId, deviceId };
}
