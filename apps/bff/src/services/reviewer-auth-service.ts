import { randomUUID } from 'node:crypto';
import {
  ReviewerId,
  type AuditAction,
  totpRequired,
  type BootstrapBody,
  type InvitationPreviewDto,
  type RedeemInvitationBody,
  type SecondFactorBody,
  type SignInBody,
  type SignInState,
  type UserId,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from '../crypto/password';
import { hashToken, randomToken } from '../crypto/tokens';
import { newTotpSecret, totpEnrolment, verifyTotp, type TotpEnrolment } from '../crypto/totp';
import type { Invitation } from '../db/invitation-repository';
import type { LaunchToken } from '../db/launch-token-repository';
import type { Repositories } from '../db/repositories';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { Logger } from '../logging/logger';
import type { ActionContext } from './kyc-access';
import type { Reviewer } from './reviewer';
import { createReviewerAudit } from './reviewer-audit';
import {
  AlreadySetUpError,
  InvitationGoneError,
  ReviewerDisabledError,
  ReviewerRequiredError,
  SignInFailedError,
} from './reviewer-errors';
import { createSecondFactor, enrolAad, totpAad } from './second-factor';
import type { Session } from './session';
import { createSignInThrottle } from './sign-in-throttle';

/** How long an accepted password waits for its second factor. */
const PENDING_SECONDS = 5 * 60;
/** "Remember this browser" (docs/cloud-contract.md §9). */
export const REMEMBER_DAYS = 30;

export type SignInOutcome = {
  readonly state: Extract<SignInState, 'signed_in' | 'second_factor_required' | 'totp_setup_required'>;
  /** The new remembered-browser token, for the cookie; shown once. */
  readonly deviceToken: string | null;
};

export type ReviewerAuthDeps = {
  readonly repos: Repositories;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SETTINGS_EDITORS (deprecated): their Cloud user ids become leads once linked (decision 013). */
  readonly legacyLeadUserIds: readonly UserId[];
};

export type ReviewerAuthService = ReturnType<typeof createReviewerAuthService>;

export const fieldError = (field: string, message: string) =>
  new ValidationError(`Invalid fields: ${field}.`, { fields: [{ field, message }] });

/** Where an invitation stands at `nowMs`. */
export function invitationState(invitation: Invitation, nowMs: number): 'pending' | 'redeemed' | 'expired' | 'revoked' {
  if (invitation.redeemedAt !== null) return 'redeemed';
  if (invitation.revokedAt !== null) return 'revoked';
  return invitation.expiresAt <= nowMs ? 'expired' : 'pending';
}

/**
 * Reviewer sign-in on a launched session (docs/cloud-contract.md §9, decision 017): bootstrap of the
 * first admin, email + password, a TOTP or recovery code, remembered browsers, step-up.
 */
export function createReviewerAuthService({ repos, keyRing, clock, logger, legacyLeadUserIds }: ReviewerAuthDeps) {
  const throttle = createSignInThrottle({ repos, clock });
  const secondFactor = createSecondFactor({ repos, keyRing, clock });
  const legacyLeads = new Set<string>(legacyLeadUserIds);

  /** Whether this reviewer must have a second factor: their role, or the install's policy. */
  const needsTotp = (reviewer: Pick<Reviewer, 'installedAppId' | 'role'>) =>
    totpRequired(reviewer.role, repos.reviewerPolicy.requireTotpForAll(reviewer.installedAppId));

  /** A pending invitation of this install by its code; 404 for an unknown code, 410 for a spent one. */
  function pendingInvitation(session: Session, code: string): Invitation {
    throttle.checkRate(session.installedAppId);
    const invitation = repos.invitations.findByCode(session.installedAppId, hashToken(code));
    if (invitation === null)
      throw new NotFoundError('No invitation has this code. Check it with the admin who invited you.');
    const state = invitationState(invitation, clock.now().getTime());
    if (state !== 'pending') throw new InvitationGoneError(state);
    return invitation;
  }

  const trail = createReviewerAudit({ repos, clock });
  const audit = (session: Session, reviewer: Reviewer, action: AuditAction, after: unknown, ctx: ActionContext) =>
    trail(
      session,
      {
        reviewerId: reviewer.reviewerId,
        displayName: reviewer.displayName,
        role: reviewer.role,
        cloudUserId: session.userId,
      },
      action,
      { after },
      ctx,
    );

  /** The TOTP secret being enrolled on this session, if `code` matches it; else a 400 on `field`. */
  function enrolledSecret(session: Session, code: string, field: string): string {
    const sealed = repos.sessions.find(session.idHash)?.enrolTotpSecret ?? null;
    if (sealed === null) throw fieldError(field, 'Set up your authenticator app first: the enrolment has expired.');
    const secret = keyRing.open(sealed, enrolAad(session.idHash));
    const step = verifyTotp(secret, code, clock.now().getTime(), null);
    if (step === null) throw fieldError(field, 'This code does not match. Enter the current code from the app.');
    return secret;
  }

  /**
   * SETTINGS_EDITORS' Cloud users become leads when they sign in with that Cloud user
   * linked (decision 013) — once they have a second factor, which every lead has.
   */
  function promoteLegacyLead(reviewer: Reviewer, ctx: ActionContext): void {
    if (reviewer.role !== 'reviewer' || reviewer.cloudUserId === null || !legacyLeads.has(reviewer.cloudUserId)) return;
    if (!reviewer.totpEnabled) {
      logger.info('settings editor not promoted: no second factor yet', { reviewer_id: reviewer.reviewerId });
      return;
    }
    repos.reviewers.setRole(reviewer.installedAppId, reviewer.reviewerId, 'lead');
    repos.audit.append({
      installedAppId: reviewer.installedAppId,
      identityId: null,
      caseId: null,
      actor: 'system',
      action: 'reviewer:role_changed',
      before: { reviewer_id: reviewer.reviewerId, role: 'reviewer' },
      after: {
        reviewer_id: reviewer.reviewerId,
        role: 'lead',
        via: 'SETTINGS_EDITORS',
        cloud_user_id: reviewer.cloudUserId,
      },
      reason: 'SETTINGS_EDITORS named this Cloud user',
      requestId: ctx.requestId,
      at: clock.now().toISOString(),
    });
  }

  /** Signs `reviewer` in on the session; remembers the browser when asked. */
  function complete(
    session: Session,
    reviewer: Reviewer,
    opts: { method: string; secondFactor: boolean; remember: boolean; deviceLabel: string },
    ctx: ActionContext,
  ): SignInOutcome {
    const now = clock.now();
    return repos.transaction(() => {
      repos.sessions.signIn(session.idHash, reviewer.reviewerId, opts.secondFactor ? now.getTime() : null);
      repos.reviewers.recordSignIn(reviewer.installedAppId, reviewer.reviewerId, now.toISOString());
      throttle.succeeded(session.installedAppId, reviewer.email);
      audit(session, reviewer, 'reviewer:signed_in', { method: opts.method, remembered: opts.remember }, ctx);
      promoteLegacyLead(reviewer, ctx);
      if (!opts.remember) return { state: 'signed_in', deviceToken: null };
      const deviceToken = randomToken();
      repos.devices.insert({
        deviceHash: hashToken(deviceToken),
        reviewerId: reviewer.reviewerId,
        installedAppId: reviewer.installedAppId,
        label: opts.deviceLabel,
        createdAt: now.toISOString(),
        lastUsedAt: now.toISOString(),
        expiresAt: now.getTime() + REMEMBER_DAYS * 86_400_000,
      });
      return { state: 'signed_in', deviceToken };
    });
  }

  return {
    secondFactor,
    needsTotp,

    state(session: Session): SignInState {
      if (session.reviewer !== null) return 'signed_in';
      if (session.pendingReviewerId !== null) {
        const pending = repos.reviewers.find(session.installedAppId, session.pendingReviewerId);
        return pending?.totpEnabled === false ? 'totp_setup_required' : 'second_factor_required';
      }
      return repos.reviewers.count(session.installedAppId) === 0 ? 'bootstrap_required' : 'sign_in_required';
    },

    /** A new TOTP secret for this session (bootstrap, invitation, my account), shown once. */
    async beginTotpEnrolment(session: Session, label: string): Promise<TotpEnrolment> {
      // A known reviewer's authenticator entry is named after their email, whatever the SPA sent.
      const pending =
        session.pendingReviewerId === null
          ? null
          : repos.reviewers.find(session.installedAppId, session.pendingReviewerId);
      const named = (session.reviewer ?? pending)?.email ?? label;
      const secret = newTotpSecret();
      repos.sessions.setEnrolSecret(session.idHash, keyRing.seal(secret, enrolAad(session.idHash)));
      return totpEnrolment(secret, named);
    },
    enrolledSecret,

    /** The first admin of an install with no reviewers; exactly one wins a race. */
    async bootstrap(session: Session, body: BootstrapBody, ctx: ActionContext): Promise<string[]> {
      if (repos.reviewers.count(session.installedAppId) > 0) throw new AlreadySetUpError();
      const problem = passwordProblem(body.password, [body.email, body.display_name]);
      if (problem !== null) throw fieldError('password', problem);
      const secret = enrolledSecret(session, body.totp_code, 'totp_code');
      const passwordHash = await hashPassword(body.password);
      const reviewerId = ReviewerId.parse(`rvw_${randomUUID()}`);
      const now = clock.now();
      return repos.transaction(() => {
        if (repos.reviewers.count(session.installedAppId) > 0) throw new AlreadySetUpError();
        repos.reviewers.insert({
          reviewerId,
          installedAppId: session.installedAppId,
          displayName: body.display_name,
          email: body.email,
          role: 'admin',
          passwordHash,
          totpSecretSealed: keyRing.seal(secret, totpAad(reviewerId)),
          totpLastStep: Math.floor(now.getTime() / 30_000),
          createdAt: now.toISOString(),
        });
        try {
          repos.reviewers.markBootstrapped(session.installedAppId, reviewerId, now.toISOString());
        } catch {
          throw new AlreadySetUpError();
        }
        const reviewer = repos.reviewers.find(session.installedAppId, reviewerId);
        if (reviewer === null) throw new Error('the new admin was not stored');
        const codes = secondFactor.issueRecoveryCodes(reviewerId);
        audit(session, reviewer, 'reviewer:bootstrapped', { reviewer_id: reviewerId, role: 'admin' }, ctx);
        complete(session, reviewer, { method: 'bootstrap', secondFactor: true, remember: false, deviceLabel: '' }, ctx);
        return codes;
      });
    },

    /** Email and password; a reviewer with TOTP then owes the code (second_factor_required). */
    async signIn(session: Session, body: SignInBody, deviceLabel: string, ctx: ActionContext): Promise<SignInOutcome> {
      throttle.check(session.installedAppId, body.email);
      const reviewer = repos.reviewers.findByEmail(session.installedAppId, body.email);
      const stored =
        reviewer === null ? null : repos.reviewers.credentials(session.installedAppId, reviewer.reviewerId);
      if (reviewer === null || stored === null) {
        await burnPasswordCheck(body.password);
        throttle.failed(session.installedAppId, body.email);
        throw new SignInFailedError();
      }
      if (!(await verifyPassword(body.password, stored.credentials.passwordHash))) {
        throttle.failed(session.installedAppId, body.email);
        throw new SignInFailedError();
      }
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      // A role or policy that needs a second factor the reviewer has not set up: they enrol one now.
      if (reviewer.totpEnabled || needsTotp(reviewer)) {
        repos.sessions.setPending(session.idHash, reviewer.reviewerId, clock.now().getTime() + PENDING_SECONDS * 1000);
        return { state: reviewer.totpEnabled ? 'second_factor_required' : 'totp_setup_required', deviceToken: null };
      }
      return complete(
        session,
        reviewer,
        { method: 'password', secondFactor: false, remember: body.remember ?? false, deviceLabel },
        ctx,
      );
    },

    /** The code after the password. A wrong one is the same 401 as a wrong password. */
    confirmSignIn(session: Session, body: SecondFactorBody, deviceLabel: string, ctx: ActionContext): SignInOutcome {
      const pendingId = session.pendingReviewerId;
      const reviewer = pendingId === null ? null : repos.reviewers.find(session.installedAppId, pendingId);
      if (reviewer === null) throw new SignInFailedError();
      throttle.check(session.installedAppId, reviewer.email);
      const method = secondFactor.check(reviewer, body.code);
      if (method === null) {
        throttle.failed(session.installedAppId, reviewer.email);
        throw new SignInFailedError();
      }
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      return complete(
        session,
        reviewer,
        { method: `password+${method}`, secondFactor: true, remember: body.remember ?? false, deviceLabel },
        ctx,
      );
    },

    /**
     * `totp_setup_required`: the password was right and the reviewer's role or the install's
     * policy needs a second factor they do not have yet. The code from the authenticator just
     * enrolled on this session finishes the sign-in; answers the new recovery codes.
     */
    finishTotpSetup(
      session: Session,
      body: { totp_code: string; remember?: boolean | undefined },
      deviceLabel: string,
      ctx: ActionContext,
    ): { outcome: SignInOutcome; recoveryCodes: string[] } {
      const pendingId = session.pendingReviewerId;
      const reviewer = pendingId === null ? null : repos.reviewers.find(session.installedAppId, pendingId);
      if (reviewer === null) throw new SignInFailedError();
      if (reviewer.totpEnabled) throw new ConflictError('An authenticator is already set up: enter its code instead.');
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      const secret = enrolledSecret(session, body.totp_code, 'totp_code');
      return repos.transaction(() => {
        const step = Math.floor(clock.now().getTime() / 30_000);
        repos.reviewers.setTotp(
          reviewer.installedAppId,
          reviewer.reviewerId,
          keyRing.seal(secret, totpAad(reviewer.reviewerId)),
          step,
        );
        const recoveryCodes = secondFactor.issueRecoveryCodes(reviewer.reviewerId);
        const updated = repos.reviewers.find(reviewer.installedAppId, reviewer.reviewerId) ?? reviewer;
        audit(session, updated, 'reviewer:totp_enabled', { reviewer_id: reviewer.reviewerId, at_sign_in: true }, ctx);
        const outcome = complete(
          session,
          updated,
          { method: 'password+totp_setup', secondFactor: true, remember: body.remember ?? false, deviceLabel },
          ctx,
        );
        return { outcome, recoveryCodes };
      });
    },

    /** Whom an invitation code invites, before its colleague chooses a password. */
    checkInvitation(session: Session, code: string): InvitationPreviewDto {
      const invitation = pendingInvitation(session, code);
      return {
        display_name: invitation.displayName,
        email: invitation.email,
        role: invitation.role,
        totp_required: needsTotp(invitation),
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
      const invitation = pendingInvitation(session, body.code);
      const problem = passwordProblem(body.password, [invitation.email, invitation.displayName]);
      if (problem !== null) throw fieldError('password', problem);
      if (body.totp_code === undefined && needsTotp(invitation))
        throw fieldError('totp_code', 'Your role needs an authenticator app: set it up and enter its code.');
      const secret = body.totp_code === undefined ? null : enrolledSecret(session, body.totp_code, 'totp_code');
      if (repos.reviewers.findByEmail(session.installedAppId, invitation.email) !== null)
        throw new ConflictError('A reviewer with this email already exists on this install. Sign in instead.');
      const passwordHash = await hashPassword(body.password);
      const reviewerId = ReviewerId.parse(`rvw_${randomUUID()}`);
      const now = clock.now();
      return repos.transaction(() => {
        // Inside the write lock: another redeem of the same code, a revoke or the email taken meanwhile.
        const current = repos.invitations.find(session.installedAppId, invitation.invitationId);
        const state = current === null ? 'revoked' : invitationState(current, now.getTime());
        if (state !== 'pending') throw new InvitationGoneError(state);
        if (repos.reviewers.findByEmail(session.installedAppId, invitation.email) !== null)
          throw new ConflictError('A reviewer with this email already exists on this install. Sign in instead.');
        repos.reviewers.insert({
          reviewerId,
          installedAppId: session.installedAppId,
          displayName: invitation.displayName,
          email: invitation.email,
          role: invitation.role,
          passwordHash,
          totpSecretSealed: secret === null ? null : keyRing.seal(secret, totpAad(reviewerId)),
          totpLastStep: secret === null ? null : Math.floor(now.getTime() / 30_000),
          createdAt: now.toISOString(),
        });
        if (
          !repos.invitations.redeem(
            session.installedAppId,
            invitation.invitationId,
            reviewerId,
            now.toISOString(),
            now.getTime(),
          )
        )
          throw new InvitationGoneError('redeemed');
        const reviewer = repos.reviewers.find(session.installedAppId, reviewerId);
        if (reviewer === null) throw new Error('the invited reviewer was not stored');
        const codes = secret === null ? [] : secondFactor.issueRecoveryCodes(reviewerId);
        audit(
          session,
          reviewer,
          'reviewer:invitation_redeemed',
          {
            invitation_id: invitation.invitationId,
            reviewer_id: reviewerId,
            role: invitation.role,
            invited_by: invitation.createdBy,
          },
          ctx,
        );
        complete(
          session,
          reviewer,
          { method: 'invitation', secondFactor: secret !== null, remember: false, deviceLabel: '' },
          ctx,
        );
        return codes;
      });
    },

    /** Step-up: the signed-in reviewer confirms their second factor again. */
    stepUp(session: Session, code: string, ctx: ActionContext): void {
      const reviewer = session.reviewer;
      if (reviewer === null) throw new ReviewerRequiredError();
      throttle.check(session.installedAppId, reviewer.email);
      const method = secondFactor.check(reviewer, code);
      if (method === null) {
        throttle.failed(session.installedAppId, reviewer.email);
        throw new SignInFailedError();
      }
      repos.transaction(() => {
        repos.sessions.confirmSecondFactor(session.idHash, clock.now().getTime());
        audit(session, reviewer, 'reviewer:step_up', { method }, ctx);
      });
    },

    /** Signs out of this launch (the launch stays: the sign-in screen shows next); forgets this browser. */
    signOut(session: Session, deviceToken: string | undefined, ctx: ActionContext): void {
      repos.transaction(() => {
        repos.sessions.signIn(session.idHash, null, null);
        if (deviceToken !== undefined) repos.devices.delete(hashToken(deviceToken));
        if (session.reviewer !== null) audit(session, session.reviewer, 'reviewer:signed_out', null, ctx);
      });
    },

    /**
     * Who a new launch is already signed in as, inside the launch transaction: a linked
     * Cloud user, or a remembered browser of this install. Neither counts as a second factor.
     */
    launchReviewer(
      launch: LaunchToken,
      deviceToken: string | undefined,
    ): { reviewerId: ReviewerId; via: string } | null {
      const now = clock.now();
      if (launch.userId !== null) {
        const linked = repos.reviewers.findByCloudUser(launch.installedAppId, launch.userId);
        if (linked?.status === 'active' && (linked.totpEnabled || !needsTotp(linked))) {
          repos.reviewers.recordSignIn(launch.installedAppId, linked.reviewerId, now.toISOString());
          promoteLegacyLead(linked, { requestId: null });
          return { reviewerId: linked.reviewerId, via: 'cloud_user' };
        }
      }
      if (deviceToken === undefined || !/^[A-Za-z0-9_-]{43}$/.test(deviceToken)) return null;
      const device = repos.devices.find(hashToken(deviceToken));
      if (device?.installedAppId !== launch.installedAppId || device.expiresAt <= now.getTime()) return null;
      const reviewer = repos.reviewers.find(launch.installedAppId, device.reviewerId);
      // One who owes a second factor (a new role, the install's policy) signs in and sets it up first.
      if (reviewer?.status !== 'active' || (!reviewer.totpEnabled && needsTotp(reviewer))) return null;
      repos.devices.touch(device.deviceHash, now.toISOString());
      repos.reviewers.recordSignIn(launch.installedAppId, reviewer.reviewerId, now.toISOString());
      return { reviewerId: reviewer.reviewerId, via: 'remembered_browser' };
    },
  };
}
