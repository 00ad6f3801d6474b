import type { AccountDto } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import { hashToken } from '../crypto/tokens';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import { actorOf, requireRecentSecondFactor, type ActionContext } from './kyc-access';
import { toReviewerDto } from './reviewer-admin-service';
import { createReviewerAudit } from './reviewer-audit';
import type { ReviewerAuthService } from './reviewer-auth-service';
import { totpAad } from './second-factor';
import type { Session } from './session';

export type ReviewerAccountService = ReturnType<typeof createReviewerAccountService>;

/**
 * The signed-in reviewer's own account (decision 017): their remembered browsers, their
 * authenticator and recovery codes, and the Cloud user their launches may sign in as.
 */
export function createReviewerAccountService({
  repos,
  keyRing,
  clock,
  auth,
}: {
  repos: Repositories;
  keyRing: KeyRing;
  clock: Clock;
  auth: ReviewerAuthService;
}) {
  const audit = createReviewerAudit({ repos, clock });

  /** The reviewer as stored now (the session's copy may predate this request's change). */
  function me(session: Session) {
    const actor = actorOf(session);
    const reviewer = repos.reviewers.find(session.installedAppId, actor.reviewerId);
    if (reviewer === null) throw new NotFoundError('Your reviewer account is gone.');
    return { actor, reviewer };
  }

  return {
    get(session: Session, deviceToken: string | undefined): AccountDto {
      const { reviewer } = me(session);
      const current = deviceToken === undefined ? null : hashToken(deviceToken);
      return {
        reviewer: toReviewerDto(reviewer),
        devices: repos.devices.forReviewer(session.installedAppId, reviewer.reviewerId).map((d) => ({
          device_id: d.deviceHash,
          label: d.label,
          created_at: d.createdAt,
          last_used_at: d.lastUsedAt,
          expires_at: new Date(d.expiresAt).toISOString(),
          current: d.deviceHash === current,
        })),
        recovery_codes_left: reviewer.totpEnabled ? repos.recoveryCodes.remaining(reviewer.reviewerId) : 0,
        totp_required: auth.needsTotp(reviewer),
        launch_cloud_user_id: session.userId,
      };
    },

    /** Forgets one of the reviewer's own remembered browsers; another's id is a 404. */
    forgetDevice(session: Session, deviceId: string, ctx: ActionContext): void {
      const { actor } = me(session);
      repos.transaction(() => {
        const device = repos.devices.find(deviceId);
        if (device?.installedAppId !== session.installedAppId || device.reviewerId !== actor.reviewerId)
          throw new NotFoundError('No remembered browser with this id on your account.');
        repos.devices.delete(device.deviceHash);
        audit(
          session,
          actor,
          'reviewer:browser_forgotten',
          { after: { reviewer_id: actor.reviewerId, label: device.label } },
          ctx,
        );
      });
    },

    /**
     * Turns on (or replaces) the reviewer's authenticator with the one just enrolled on this
     * session; answers new recovery codes. Replacing one needs a fresh confirmation of the old.
     */
    confirmTotp(session: Session, code: string, ctx: ActionContext): string[] {
      const { actor, reviewer } = me(session);
      if (reviewer.totpEnabled) requireRecentSecondFactor(session, clock.now().getTime());
      const secret = auth.enrolledSecret(session, code, 'totp_code');
      const now = clock.now().getTime();
      return repos.transaction(() => {
        repos.reviewers.setTotp(
          session.installedAppId,
          reviewer.reviewerId,
          keyRing.seal(secret, totpAad(reviewer.reviewerId)),
          Math.floor(now / 30_000),
        );
        repos.sessions.setEnrolSecret(session.idHash, null);
        // The code just given proves the new factor: sensitive actions need no step-up for 15 minutes.
        repos.sessions.confirmSecondFactor(session.idHash, now);
        const codes = auth.secondFactor.issueRecoveryCodes(reviewer.reviewerId);
        audit(
          session,
          actor,
          'reviewer:totp_enabled',
          { after: { reviewer_id: reviewer.reviewerId, replaced: reviewer.totpEnabled } },
          ctx,
        );
        return codes;
      });
    },

    /** New recovery codes in place of every old one: a second factor confirmed in the last 15 minutes first. */
    regenerateRecoveryCodes(session: Session, ctx: ActionContext): string[] {
      const { actor, reviewer } = me(session);
      if (!reviewer.totpEnabled)
        throw new ConflictError('Set up an authenticator app first: recovery codes back it up.');
      requireRecentSecondFactor(session, clock.now().getTime());
      return repos.transaction(() => {
        const codes = auth.secondFactor.issueRecoveryCodes(reviewer.reviewerId);
        audit(session, actor, 'reviewer:recovery_codes_issued', { after: { reviewer_id: reviewer.reviewerId } }, ctx);
        return codes;
      });
    },

    /**
     * Links the Cloud user this launch names (legacy five-field launches) to the reviewer:
     * later launches by that Cloud user are signed in as them without the password.
     */
    linkCloudUser(session: Session, ctx: ActionContext): void {
      const { actor, reviewer } = me(session);
      const cloudUserId = session.userId;
      if (cloudUserId === null)
        throw new ConflictError('Blnk Cloud named no user in this launch: there is nothing to link.');
      repos.transaction(() => {
        if (reviewer.cloudUserId === cloudUserId) return;
        if (reviewer.cloudUserId !== null)
          throw new ConflictError('Your account is linked to another Blnk Cloud user. Unlink it first.');
        const other = repos.reviewers.findByCloudUser(session.installedAppId, cloudUserId);
        if (other !== null) throw new ConflictError('This Blnk Cloud user is linked to another reviewer.');
        repos.reviewers.linkCloudUser(session.installedAppId, reviewer.reviewerId, cloudUserId);
        audit(
          session,
          actor,
          'reviewer:cloud_user_linked',
          { after: { reviewer_id: reviewer.reviewerId, cloud_user_id: cloudUserId } },
          ctx,
        );
      });
    },

    unlinkCloudUser(session: Session, ctx: ActionContext): void {
      const { actor, reviewer } = me(session);
      if (reviewer.cloudUserId === null) return;
      repos.transaction(() => {
        repos.reviewers.linkCloudUser(session.installedAppId, reviewer.reviewerId, null);
        audit(
          session,
          actor,
          'reviewer:cloud_user_unlinked',
          { after: { reviewer_id: reviewer.reviewerId, cloud_user_id: reviewer.cloudUserId } },
          ctx,
        );
      });
    },
  };
}
