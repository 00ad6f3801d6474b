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
  const audit = createReviewerAudit({ clock });

  /** The reviewer as stored now (the session's copy may predate this request's change). */
  async function me(session: Session) {
    const actor = actorOf(session);
    const reviewer = await repos.reviewers.find(session.installedAppId, actor.reviewerId);
    if (reviewer === null) throw new NotFoundError('Your reviewer account is gone.');
    return { actor, reviewer };
  }

  return {
    async get(session: Session, deviceToken: string | undefined): Promise<AccountDto> {
      const { reviewer } = await me(session);
      const current = deviceToken === undefined ? null : hashToken(deviceToken);
      const [devices, codesLeft, totpRequired] = await Promise.all([
        repos.devices.forReviewer(session.installedAppId, reviewer.reviewerId),
        reviewer.totpEnabled ? repos.recoveryCodes.remaining(reviewer.reviewerId) : Promise.resolve(0),
        auth.needsTotp(reviewer),
      ]);
      return {
        reviewer: toReviewerDto(reviewer),
        devices: devices.map((d) => ({
          device_id: d.deviceHash,
          label: d.label,
          created_at: d.createdAt,
          last_used_at: d.lastUsedAt,
          expires_at: new Date(d.expiresAt).toISOString(),
          current: d.deviceHash === current,
        })),
        recovery_codes_left: codesLeft,
        totp_required: totpRequired,
        launch_cloud_user_id: session.userId,
      };
    },

    /** Forgets one of the reviewer's own remembered browsers; another's id is a 404. */
    async forgetDevice(session: Session, deviceId: string, ctx: ActionContext): Promise<void> {
      const { actor } = await me(session);
      await repos.transaction(async (tx) => {
        const device = await tx.devices.find(deviceId);
        if (device?.installedAppId !== session.installedAppId || device.reviewerId !== actor.reviewerId)
          throw new NotFoundError('No remembered browser with this id on your account.');
        await tx.devices.delete(device.deviceHash);
        await audit(
          tx,
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
    async confirmTotp(session: Session, code: string, ctx: ActionContext): Promise<string[]> {
      const { actor, reviewer } = await me(session);
      if (reviewer.totpEnabled) requireRecentSecondFactor(session, clock.now().getTime());
      const secret = await auth.enrolledSecret(session, code, 'totp_code');
      const sealed = keyRing.seal(secret, totpAad(reviewer.reviewerId));
      const now = clock.now().getTime();
      return repos.transaction(async (tx) => {
        await tx.reviewers.setTotp(session.installedAppId, reviewer.reviewerId, sealed, Math.floor(now / 30_000));
        await tx.sessions.setEnrolSecret(session.idHash, null);
        // The code just given proves the new factor: sensitive actions need no step-up for 15 minutes.
        await tx.sessions.confirmSecondFactor(session.idHash, now);
        const codes = await auth.secondFactor.issueRecoveryCodes(tx, reviewer.reviewerId);
        await audit(
          tx,
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
    async regenerateRecoveryCodes(session: Session, ctx: ActionContext): Promise<string[]> {
      const { actor, reviewer } = await me(session);
      if (!reviewer.totpEnabled)
        throw new ConflictError('Set up an authenticator app first: recovery codes back it up.');
      requireRecentSecondFactor(session, clock.now().getTime());
      return repos.transaction(async (tx) => {
        const codes = await auth.secondFactor.issueRecoveryCodes(tx, reviewer.reviewerId);
        await audit(
          tx,
          session,
          actor,
          'reviewer:recovery_codes_issued',
          { after: { reviewer_id: reviewer.reviewerId } },
          ctx,
        );
        return codes;
      });
    },

    /**
     * Links the Cloud user this launch names (legacy five-field launches) to the reviewer:
     * later launches by that Cloud user are signed in as them without the password.
     */
    async linkCloudUser(session: Session, ctx: ActionContext): Promise<void> {
      const { actor, reviewer } = await me(session);
      const cloudUserId = session.userId;
      if (cloudUserId === null)
        throw new ConflictError('Blnk Cloud named no user in this launch: there is nothing to link.');
      await repos.transaction(async (tx) => {
        if (reviewer.cloudUserId === cloudUserId) return;
        if (reviewer.cloudUserId !== null)
          throw new ConflictError('Your account is linked to another Blnk Cloud user. Unlink it first.');
        const other = await tx.reviewers.findByCloudUser(session.installedAppId, cloudUserId);
        if (other !== null) throw new ConflictError('This Blnk Cloud user is linked to another reviewer.');
        await tx.reviewers.linkCloudUser(session.installedAppId, reviewer.reviewerId, cloudUserId);
        await audit(
          tx,
          session,
          actor,
          'reviewer:cloud_user_linked',
          { after: { reviewer_id: reviewer.reviewerId, cloud_user_id: cloudUserId } },
          ctx,
        );
      });
    },

    async unlinkCloudUser(session: Session, ctx: ActionContext): Promise<void> {
      const { actor, reviewer } = await me(session);
      if (reviewer.cloudUserId === null) return;
      await repos.transaction(async (tx) => {
        await tx.reviewers.linkCloudUser(session.installedAppId, reviewer.reviewerId, null);
        await audit(
          tx,
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
