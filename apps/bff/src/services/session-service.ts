import type { Clock } from '../clock';
import { hashToken, randomToken } from '../crypto/tokens';
import type { LaunchToken } from '../db/launch-token-repository';
import type { Repositories, TxRepositories } from '../db/repositories';
import { NoSessionError, SessionExpiredError } from '../errors';
import type { ReviewerId } from '@kyc-review/contracts';
import type { Session } from './session';

export type SessionServiceDeps = {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly idleSeconds: number;
  readonly maxSeconds: number;
};

export type SessionService = ReturnType<typeof createSessionService>;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Browser sessions (decision 003): opaque id hashed at rest, idle and absolute expiry. */
export function createSessionService({ repos, clock, idleSeconds, maxSeconds }: SessionServiceDeps) {
  const touchStepMs = Math.min(60_000, idleSeconds * 100);
  return {
    /** Called inside the launch transaction `tx`; returns the cookie value (shown once). */
    async create(
      tx: TxRepositories,
      from: LaunchToken,
      signedIn: { readonly reviewerId: ReviewerId; readonly secondFactorAt: number | null } | null = null,
    ): Promise<{ readonly sessionId: string; readonly maxAgeSeconds: number }> {
      const now = clock.now().getTime();
      const sessionId = randomToken();
      await tx.sessions.insert({
        idHash: hashToken(sessionId),
        installedAppId: from.installedAppId,
        instanceId: from.instanceId,
        organizationId: from.organizationId,
        userId: from.userId,
        csrfToken: randomToken(),
        createdAt: now,
        idleExpiresAt: now + Math.min(idleSeconds, maxSeconds) * 1000,
        absoluteExpiresAt: now + maxSeconds * 1000,
        reviewerId: signedIn?.reviewerId ?? null,
        secondFactorAt: signedIn?.secondFactorAt ?? null,
      });
      return { sessionId, maxAgeSeconds: maxSeconds };
    },

    /**
     * Resolves the cookie to a live session, re-checks the install is active and slides
     * the idle expiry. Throws NoSessionError / SessionExpiredError.
     *
     * No transaction: every request passes here, and on SQLite an open transaction refuses
     * the synchronous writes of other requests after its own first write (decision 022's
     * guard). Each step is one statement and none needs another's: the idle expiry slides
     * from what was read, and a row deleted or changed meanwhile is left as the other step
     * left it (a touch of a deleted row changes nothing).
     */
    async resolve(sessionId: string | undefined): Promise<Session> {
      if (sessionId === undefined || !SESSION_ID.test(sessionId)) throw new NoSessionError();
      const idHash = hashToken(sessionId);
      const stored = await repos.sessions.find(idHash);
      if (stored === null) throw new NoSessionError();
      const now = clock.now().getTime();
      const install = await repos.installs.find(stored.installedAppId);
      if (stored.idleExpiresAt <= now || stored.absoluteExpiresAt <= now || install?.status !== 'active') {
        await repos.sessions.delete(idHash);
        return expired();
      }
      // The idle expiry is written when it moves by a tenth of the idle window (at most a minute),
      // not on every request: each write is a commit with an fsync on the event loop (decision
      // 019), and the SPA asks several times a minute. Between writes the session may end up to
      // that much sooner than the last request plus the idle time, never later.
      const slid = Math.min(now + idleSeconds * 1000, stored.absoluteExpiresAt);
      const idleExpiresAt = slid - stored.idleExpiresAt >= touchStepMs ? slid : stored.idleExpiresAt;
      if (idleExpiresAt !== stored.idleExpiresAt) await repos.sessions.touch(idHash, idleExpiresAt);
      const found =
        stored.reviewerId === null ? null : await repos.reviewers.find(stored.installedAppId, stored.reviewerId);
      // Disabling a reviewer signs them out everywhere; this also covers a row changed under us.
      const reviewer = found?.status === 'active' ? found : null;
      if (stored.reviewerId !== null && reviewer === null) await repos.sessions.signIn(idHash, null, null);
      return {
        idHash,
        installedAppId: stored.installedAppId,
        instanceId: stored.instanceId,
        organizationId: stored.organizationId,
        userId: stored.userId,
        grantedPermissions: install.grantedPermissions,
        apiKeyPrefix: install.apiKeyPrefix,
        installNeedsReinstall: install.keyRejectedAt !== null,
        csrfToken: stored.csrfToken,
        expiresAt: new Date(idleExpiresAt),
        absoluteExpiresAt: new Date(stored.absoluteExpiresAt),
        reviewer,
        secondFactorAt: reviewer === null || stored.secondFactorAt === null ? null : new Date(stored.secondFactorAt),
        pendingReviewerId: stored.pendingUntil !== null && stored.pendingUntil > now ? stored.pendingReviewerId : null,
      };
    },

    /** Deletes expired launch tokens, sessions and remembered browsers; run on a timer. Three independent statements. */
    async purgeExpired(): Promise<{
      readonly launchTokens: number;
      readonly sessions: number;
      readonly devices: number;
    }> {
      const now = clock.now().getTime();
      return {
        launchTokens: await repos.launchTokens.purgeExpired(now),
        sessions: await repos.sessions.purgeExpired(now),
        devices: await repos.devices.purgeExpired(now),
      };
    },
  };
}

// Thrown once the expired row is deleted.
function expired(): never {
  throw new SessionExpiredError();
}
