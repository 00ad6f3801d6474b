import type { ReviewerId, SecondFactorBody, SignInBody, SignInState } from '@kyc-review/contracts';
import { burnPasswordCheck, verifyPassword } from '../crypto/password';
import { hashToken } from '../crypto/tokens';
import { newTotpSecret, totpEnrolment, type TotpEnrolment } from '../crypto/totp';
import type { LaunchToken } from '../db/launch-token-repository';
import type { TxRepositories } from '../db/repositories';
import { ConflictError } from '../errors';
import type { ActionContext } from './kyc-access';
import { createReviewerOnboarding } from './reviewer-onboarding';
import { ReviewerDisabledError, ReviewerRequiredError, SignInFailedError } from './reviewer-errors';
import { createSignInSteps, type SignInDeps, type SignInOutcome } from './reviewer-sign-in';
import { createSecondFactor, enrolAad, totpAad } from './second-factor';
import type { Session } from './session';
import { createSignInThrottle } from './sign-in-throttle';

export { fieldError, REMEMBER_DAYS, type SignInOutcome } from './reviewer-sign-in';
export { invitationState } from './reviewer-onboarding';

/** How long an accepted password waits for its second factor. */
const PENDING_SECONDS = 5 * 60;

export type ReviewerAuthDeps = SignInDeps;
export type ReviewerAuthService = ReturnType<typeof createReviewerAuthService>;

/**
 * Reviewer sign-in on a launched session (docs/cloud-contract.md §9, decision 017): email +
 * password, a TOTP or recovery code, remembered browsers and linked Cloud users at launch,
 * step-up, sign-out; bootstrap and invitations are `reviewer-onboarding.ts`.
 */
export function createReviewerAuthService(deps: ReviewerAuthDeps) {
  const { repos, keyRing, clock } = deps;
  const throttle = createSignInThrottle({ repos, clock });
  const secondFactor = createSecondFactor({ repos, keyRing, clock });
  const steps = createSignInSteps(deps);
  const onboarding = createReviewerOnboarding({ repos, keyRing, clock, steps, secondFactor, throttle });
  const { needsTotp, enrolledSecret, audit, complete } = steps;

  /** The reviewer who gave the password on this session and owes a code (second step). */
  const pendingReviewer = (session: Session) =>
    session.pendingReviewerId === null
      ? Promise.resolve(null)
      : repos.reviewers.find(session.installedAppId, session.pendingReviewerId);

  return {
    ...onboarding,
    secondFactor,
    needsTotp,
    enrolledSecret,

    async state(session: Session): Promise<SignInState> {
      if (session.reviewer !== null) return 'signed_in';
      if (session.pendingReviewerId !== null) {
        const pending = await pendingReviewer(session);
        return pending?.totpEnabled === false ? 'totp_setup_required' : 'second_factor_required';
      }
      return (await repos.reviewers.count(session.installedAppId)) === 0 ? 'bootstrap_required' : 'sign_in_required';
    },

    /** A new TOTP secret for this session (bootstrap, invitation, my account), shown once. */
    async beginTotpEnrolment(session: Session, label: string): Promise<TotpEnrolment> {
      // A known reviewer's authenticator entry is named after their email, whatever the SPA sent.
      const named = (session.reviewer ?? (await pendingReviewer(session)))?.email ?? label;
      const secret = newTotpSecret();
      await repos.sessions.setEnrolSecret(session.idHash, keyRing.seal(secret, enrolAad(session.idHash)));
      return totpEnrolment(secret, named);
    },

    /** Email and password; a reviewer with TOTP then owes the code (second_factor_required). */
    async signIn(session: Session, body: SignInBody, deviceLabel: string, ctx: ActionContext): Promise<SignInOutcome> {
      await throttle.check(session.installedAppId, body.email);
      const reviewer = await repos.reviewers.findByEmail(session.installedAppId, body.email);
      const stored =
        reviewer === null ? null : await repos.reviewers.credentials(session.installedAppId, reviewer.reviewerId);
      if (reviewer === null || stored === null) {
        await burnPasswordCheck(body.password);
        await throttle.failed(session.installedAppId, body.email);
        throw new SignInFailedError();
      }
      if (!(await verifyPassword(body.password, stored.credentials.passwordHash))) {
        await throttle.failed(session.installedAppId, body.email);
        throw new SignInFailedError();
      }
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      // A role or policy that needs a second factor the reviewer has not set up: they enrol one now.
      if (reviewer.totpEnabled || (await needsTotp(reviewer))) {
        const until = clock.now().getTime() + PENDING_SECONDS * 1000;
        await repos.sessions.setPending(session.idHash, reviewer.reviewerId, until);
        return { state: reviewer.totpEnabled ? 'second_factor_required' : 'totp_setup_required', deviceToken: null };
      }
      const signIn = { method: 'password', secondFactor: false, remember: body.remember ?? false, deviceLabel };
      return repos.transaction((tx) => complete(tx, session, reviewer, signIn, ctx));
    },

    /** The code after the password. A wrong one is the same 401 as a wrong password. */
    async confirmSignIn(
      session: Session,
      body: SecondFactorBody,
      deviceLabel: string,
      ctx: ActionContext,
    ): Promise<SignInOutcome> {
      const reviewer = await pendingReviewer(session);
      if (reviewer === null) throw new SignInFailedError();
      await throttle.check(session.installedAppId, reviewer.email);
      const method = await secondFactor.check(reviewer, body.code);
      if (method === null) {
        await throttle.failed(session.installedAppId, reviewer.email);
        throw new SignInFailedError();
      }
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      const signIn = {
        method: `password+${method}`,
        secondFactor: true,
        remember: body.remember ?? false,
        deviceLabel,
      };
      return repos.transaction((tx) => complete(tx, session, reviewer, signIn, ctx));
    },

    /**
     * `totp_setup_required`: the password was right and the reviewer's role or the install's
     * policy needs a second factor they do not have yet. The code from the authenticator just
     * enrolled on this session finishes the sign-in; answers the new recovery codes.
     */
    async finishTotpSetup(
      session: Session,
      body: { totp_code: string; remember?: boolean | undefined },
      deviceLabel: string,
      ctx: ActionContext,
    ): Promise<{ outcome: SignInOutcome; recoveryCodes: string[] }> {
      const reviewer = await pendingReviewer(session);
      if (reviewer === null) throw new SignInFailedError();
      if (reviewer.totpEnabled) throw new ConflictError('An authenticator is already set up: enter its code instead.');
      if (reviewer.status !== 'active') throw new ReviewerDisabledError();
      const secret = await enrolledSecret(session, body.totp_code, 'totp_code');
      const sealed = keyRing.seal(secret, totpAad(reviewer.reviewerId));
      return repos.transaction(async (tx) => {
        const step = Math.floor(clock.now().getTime() / 30_000);
        await tx.reviewers.setTotp(reviewer.installedAppId, reviewer.reviewerId, sealed, step);
        const recoveryCodes = await secondFactor.issueRecoveryCodes(tx, reviewer.reviewerId);
        const updated = (await tx.reviewers.find(reviewer.installedAppId, reviewer.reviewerId)) ?? reviewer;
        await audit(
          tx,
          session,
          updated,
          'reviewer:totp_enabled',
          { reviewer_id: reviewer.reviewerId, at_sign_in: true },
          ctx,
        );
        const signIn = {
          method: 'password+totp_setup',
          secondFactor: true,
          remember: body.remember ?? false,
          deviceLabel,
        };
        const outcome = await complete(tx, session, updated, signIn, ctx);
        return { outcome, recoveryCodes };
      });
    },

    /** Step-up: the signed-in reviewer confirms their second factor again. */
    async stepUp(session: Session, code: string, ctx: ActionContext): Promise<void> {
      const reviewer = session.reviewer;
      if (reviewer === null) throw new ReviewerRequiredError();
      await throttle.check(session.installedAppId, reviewer.email);
      const method = await secondFactor.check(reviewer, code);
      if (method === null) {
        await throttle.failed(session.installedAppId, reviewer.email);
        throw new SignInFailedError();
      }
      await repos.transaction(async (tx) => {
        await tx.sessions.confirmSecondFactor(session.idHash, clock.now().getTime());
        await audit(tx, session, reviewer, 'reviewer:step_up', { method }, ctx);
      });
    },

    /** Signs out of this launch (the launch stays: the sign-in screen shows next); forgets this browser. */
    async signOut(session: Session, deviceToken: string | undefined, ctx: ActionContext): Promise<void> {
      await repos.transaction(async (tx) => {
        await tx.sessions.signIn(session.idHash, null, null);
        if (deviceToken !== undefined) await tx.devices.delete(hashToken(deviceToken));
        if (session.reviewer !== null) await audit(tx, session, session.reviewer, 'reviewer:signed_out', null, ctx);
      });
    },

    /**
     * Who a new launch is already signed in as, inside the launch transaction `tx`: a linked
     * Cloud user, or a remembered browser of this install. Neither counts as a second factor.
     */
    async launchReviewer(
      tx: TxRepositories,
      launch: LaunchToken,
      deviceToken: string | undefined,
    ): Promise<{ reviewerId: ReviewerId; via: string } | null> {
      const now = clock.now();
      if (launch.userId !== null) {
        const linked = await tx.reviewers.findByCloudUser(launch.installedAppId, launch.userId);
        if (linked?.status === 'active' && (linked.totpEnabled || !(await needsTotp(linked, tx)))) {
          await tx.reviewers.recordSignIn(launch.installedAppId, linked.reviewerId, now.toISOString());
          await steps.promoteLegacyLead(tx, linked, { requestId: null });
          return { reviewerId: linked.reviewerId, via: 'cloud_user' };
        }
      }
      if (deviceToken === undefined || !/^[A-Za-z0-9_-]{43}$/.test(deviceToken)) return null;
      const device = await tx.devices.find(hashToken(deviceToken));
      if (device?.installedAppId !== launch.installedAppId || device.expiresAt <= now.getTime()) return null;
      const reviewer = await tx.reviewers.find(launch.installedAppId, device.reviewerId);
      // One who owes a second factor (a new role, the install's policy) signs in and sets it up first.
      if (reviewer?.status !== 'active' || (!reviewer.totpEnabled && (await needsTotp(reviewer, tx)))) return null;
      await tx.devices.touch(device.deviceHash, now.toISOString());
      await tx.reviewers.recordSignIn(launch.installedAppId, reviewer.reviewerId, now.toISOString());
      return { reviewerId: reviewer.reviewerId, via: 'remembered_browser' };
    },
  };
}
