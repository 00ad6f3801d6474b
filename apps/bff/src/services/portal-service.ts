import type { PortalRequest } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import { hashToken, randomToken } from '../crypto/tokens';
import type { Repositories } from '../db/repositories';
import { InstallMismatchError, InstallNotActiveError, TokenExpiredError, TokenInvalidError } from '../errors';
import type { ReviewerAuthService } from './reviewer-auth-service';
import type { SessionService } from './session-service';

export type PortalServiceDeps = {
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly sessions: SessionService;
  readonly auth: ReviewerAuthService;
  readonly publicUrl: string;
  readonly tokenTtlSeconds: number;
};

export type Launch = { readonly portalUrl: string; readonly installedAppId: string; readonly apiKeyPrefix: string };
export type Entry = { readonly sessionId: string; readonly maxAgeSeconds: number; readonly installedAppId: string };

export type PortalService = ReturnType<typeof createPortalService>;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Launch (docs/cloud-contract.md §2 (launch), §8): one-time token → browser session. */
export function createPortalService({ repos, clock, sessions, auth, publicUrl, tokenTtlSeconds }: PortalServiceDeps) {
  return {
    /** Validates the portal request against the install and mints a fresh launch URL. */
    async requestLaunch(request: PortalRequest): Promise<Launch> {
      const install = await repos.installs.find(request.installed_app_id);
      if (install?.status !== 'active') throw new InstallNotActiveError();
      const mismatched: string[] = [];
      if (install.appId !== request.app_id) mismatched.push('app_id');
      if (install.instanceId !== request.instance_id) mismatched.push('instance_id');
      // [gap] docs/cloud-contract.md §3: organization_id is checked only when both sides know it.
      if (
        request.organization_id !== undefined &&
        install.organizationId !== null &&
        install.organizationId !== request.organization_id
      ) {
        mismatched.push('organization_id');
      }
      if (mismatched.length > 0) throw new InstallMismatchError(403, mismatched);

      const token = randomToken();
      const now = clock.now().getTime();
      await repos.launchTokens.insert({
        tokenHash: hashToken(token),
        installedAppId: install.installedAppId,
        instanceId: install.instanceId,
        organizationId: request.organization_id ?? install.organizationId,
        userId: request.user_id ?? null,
        createdAt: now,
        expiresAt: now + tokenTtlSeconds * 1000,
      });
      const url = new URL(`${publicUrl}/portal/enter`);
      url.searchParams.set('token', token);
      return { portalUrl: url.toString(), installedAppId: install.installedAppId, apiKeyPrefix: install.apiKeyPrefix };
    },

    /** Burns the token and opens a session. Unknown/used → TokenInvalidError, expired → TokenExpiredError. */
    async enter(token: string | undefined, deviceToken?: string): Promise<Entry> {
      if (token === undefined || !TOKEN.test(token)) throw new TokenInvalidError();
      const result = await repos.transaction(async (tx) => {
        const launch = await tx.launchTokens.take(hashToken(token));
        if (launch === null) return 'invalid' as const;
        if (launch.expiresAt <= clock.now().getTime()) return 'expired' as const;
        const install = await tx.installs.find(launch.installedAppId);
        if (install?.status !== 'active') return 'invalid' as const;
        const reviewer = await auth.launchReviewer(tx, launch, deviceToken);
        const signedIn = reviewer === null ? null : { reviewerId: reviewer.reviewerId, secondFactorAt: null };
        return { ...(await sessions.create(tx, launch, signedIn)), installedAppId: launch.installedAppId };
      });
      // Thrown after commit: the token stays burnt even when the answer is an error.
      if (result === 'invalid') throw new TokenInvalidError();
      if (result === 'expired') throw new TokenExpiredError();
      return result;
    },
  };
}
