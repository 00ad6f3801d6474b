import { randomUUID } from 'node:crypto';
import {
  ReviewerId,
  type BootstrapBody,
  type InvitationPreviewDto,
  type RedeemInvitationBody,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import { hashPassword, passwordProblem } from '../crypto/password';
import { hashToken } from '../crypto/tokens';
import type { Invitation } from '../db/invitation-repository';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { ActionContext } from './kyc-access';
import { AlreadySetUpError, InvitationGoneError } from './reviewer-errors';
import { fieldError, type SignInSteps } from './reviewer-sign-in';
import { totpAad, type SecondFactor } from './second-factor';
import type { Session } from './session';
import type { SignInThrottle } from './sign-in-throttle';

/** Where an invitation stands at `nowMs`. */
export function invitationState(invitation: Invitation, nowMs: number): 'pending' | 'redeemed' | 'expired' | 'revoked' {
  if (invitation.redeemedAt !== null) return 'redeemed';
  if (invitation.revokedAt !== null) return 'revoked';
  return invitation.expiresAt <= nowMs ? 'expired' : 'pending';
}

const totpStepAt = (ms: number) => Math.floor(ms / 30_000);

/**
 * How people join an install (decision 017): the first admin bootstraps it, everyone else
 * redeems an admin's invitation on their own launch. Each ends signed in, in the same
 * transaction as the new reviewer row.
 */
export function createReviewerOnboarding({
  repos,
  keyRing,
  clock,
  steps,
  secondFactor,
  throttle,
}: {
  repos: Repositories;
  keyRing: KeyRing;
  clock: Clock;
  steps: SignInSteps;
  secondFactor: SecondFactor;
  throttle: SignInThrottle;
}) {
  /** A pending invitation of this install by its code; 404 for an unknown code, 410 for a spent one. */
  async function pendingInvitation(session: Session, code: string): Promise<Invitation> {
    await throttle.checkRate(session.installedAppId);
    const invitation = await repos.invitations.findByCode(session.installedAppId, hashToken(code));
    if (invitation === null)
      throw new NotFoundError('No invitation has this code. Check it with the admin who invited you.');
    const state = invitationState(invitation, clock.now().getTime());
    if (state !== 'pending') throw new InvitationGoneError(state);
    return invitation;
  }

  const emailTaken = () =>
    new ConflictError('A reviewer with this email already exists on this install. Sign in instead.');

  return {
    /** The first admin of an install with no reviewers; exactly one wins a race. */
    async bootstrap(session: Session, body: BootstrapBody, ctx: ActionContext): Promise<string[]> {
      if ((await repos.reviewers.count(session.installedAppId)) > 0) throw new AlreadySetUpError();
      const problem = passwordProblem(body.password, [body.email, body.display_name]);
      if (problem !== null) throw fieldError('password', problem);
      const secret = await steps.enrolledSecret(session, body.totp_code, 'totp_code');
      // Hashing and sealing happen before the transaction: it may run twice on PostgreSQL.
      const passwordHash = await hashPassword(body.password);
      const reviewerId = ReviewerId.parse(`rvw_${randomUUID()}`);
      const totpSecretSealed = keyRing.seal(secret, totpAad(reviewerId));
      const now = clock.now();
      return repos.transaction(async (tx) => {
        if ((await tx.reviewers.count(session.installedAppId)) > 0) throw new AlreadySetUpError();
        await tx.reviewers.insert({
          reviewerId,
          installedAppId: session.installedAppId,
          displayName: body.display_name,
          email: body.email,
          role: 'admin',
          passwordHash,
          totpSecretSealed,
          totpLastStep: totpStepAt(now.getTime()),
          createdAt: now.toISOString(),
        });
        try {
          // The primary key refuses a second bootstrap of the install, whichever replica runs it.
          await tx.reviewers.markBootstrapped(session.installedAppId, reviewerId, now.toISOString());
        } catch {
          throw new AlreadySetUpError();
        }
        const reviewer = await tx.reviewers.find(session.installedAppId, reviewerId);
        if (reviewer === null) throw new Error('the new admin was not stored');
        const codes = await secondFactor.issueRecoveryCodes(tx, reviewerId);
        await steps.audit(
          tx,
          session,
          reviewer,
          'reviewer:bootstrapped',
          { reviewer_id: reviewerId, role: 'admin' },
          ctx,
        );
        const signIn = { method: 'bootstrap', secondFactor: true, remember: false, deviceLabel: '' };
        await steps.complete(tx, session, reviewer, signIn, ctx);
        return codes;
      });
    },

    /** Whom an invitation code invites, before its colleague chooses a password. */
    async checkInvitation(session: Session, code: string): Promise<InvitationPreviewDto> {
      const invitation = await pendingInvitation(session, code);
      return {
        display_name: invitation.displayName,
        email: invitation.email,
        role: invitation.role,
        totp_required: await steps.needsTotp(invitation),
        expires_at: new Date(invitation.expiresAt).toISOString(),
      };
    },

    /**
     * Redeems an invitation on the colleague's own launch: their account with the name,
     * email and role the admin chose, their password, and the authenticator just enrolled
     * on this session (required when the role or policy needs one). Signs them in; answers
     * their recovery codes (none without an authenticator). Exactly one redeem of a code wins.
     */
    async redeemInvitation(session: Session, body: RedeemInvitationBody, ctx: ActionContext): Promise<string[]> {
      const invitation = await pendingInvitation(session, body.code);
      const problem = passwordProblem(body.password, [invitation.email, invitation.displayName]);
      if (problem !== null) throw fieldError('password', problem);
      if (body.totp_code === undefined && (await steps.needsTotp(invitation)))
        throw fieldError('totp_code', 'Your role needs an authenticator app: set it up and enter its code.');
      const secret =
        body.totp_code === undefined ? null : await steps.enrolledSecret(session, body.totp_code, 'totp_code');
      if ((await repos.reviewers.findByEmail(session.installedAppId, invitation.email)) !== null) throw emailTaken();
      const passwordHash = await hashPassword(body.password);
      const reviewerId = ReviewerId.parse(`rvw_${randomUUID()}`);
      const totpSecretSealed = secret === null ? null : keyRing.seal(secret, totpAad(reviewerId));
      const now = clock.now();
      return repos.transaction(async (tx) => {
        // In the transaction: another redeem of the same code, a revoke or the email taken meanwhile.
        const current = await tx.invitations.find(session.installedAppId, invitation.invitationId);
        const state = current === null ? 'revoked' : invitationState(current, now.getTime());
        if (state !== 'pending') throw new InvitationGoneError(state);
        if ((await tx.reviewers.findByEmail(session.installedAppId, invitation.email)) !== null) throw emailTaken();
        await tx.reviewers.insert({
          reviewerId,
          installedAppId: session.installedAppId,
          displayName: invitation.displayName,
          email: invitation.email,
          role: invitation.role,
          passwordHash,
          totpSecretSealed,
          totpLastStep: secret === null ? null : totpStepAt(now.getTime()),
          createdAt: now.toISOString(),
        });
        const at = now.toISOString();
        if (
          !(await tx.invitations.redeem(session.installedAppId, invitation.invitationId, reviewerId, at, now.getTime()))
        )
          throw new InvitationGoneError('redeemed');
        const reviewer = await tx.reviewers.find(session.installedAppId, reviewerId);
        if (reviewer === null) throw new Error('the invited reviewer was not stored');
        const codes = secret === null ? [] : await secondFactor.issueRecoveryCodes(tx, reviewerId);
        const redeemed = {
          invitation_id: invitation.invitationId,
          reviewer_id: reviewerId,
          role: invitation.role,
          invited_by: invitation.createdBy,
        };
        await steps.audit(tx, session, reviewer, 'reviewer:invitation_redeemed', redeemed, ctx);
        const signIn = { method: 'invitation', secondFactor: secret !== null, remember: false, deviceLabel: '' };
        await steps.complete(tx, session, reviewer, signIn, ctx);
        return codes;
      });
    },
  };
}
