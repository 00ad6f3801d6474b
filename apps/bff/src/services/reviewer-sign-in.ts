import { totpRequired, type AuditAction, type SignInState, type UserId } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import { hashToken, randomToken } from '../crypto/tokens';
import { verifyTotp } from '../crypto/totp';
import type { Repositories, TxRepositories } from '../db/repositories';
import { ValidationError } from '../errors';
import type { Logger } from '../logging/logger';
import type { ActionContext } from './kyc-access';
import type { Reviewer } from './reviewer';
import { createReviewerAudit } from './reviewer-audit';
import { enrolAad } from './second-factor';
import type { Session } from './session';

/** "Remember this browser" (docs/cloud-contract.md §9). */
export const REMEMBER_DAYS = 30;

export type SignInOutcome = {
  readonly state: Extract<SignInState, 'signed_in' | 'second_factor_required' | 'totp_setup_required'>;
  /** The new remembered-browser token, for the cookie; shown once. */
  readonly deviceToken: string | null;
};

export type SignInDeps = {
  readonly repos: Repositories;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly logger: Logger;
  /** SETTINGS_EDITORS (deprecated): their Cloud user ids become leads once linked (decision 013). */
  readonly legacyLeadUserIds: readonly UserId[];
};

export const fieldError = (field: string, message: string) =>
  new ValidationError(`Invalid fields: ${field}.`, { fields: [{ field, message }] });

export type SignInSteps = ReturnType<typeof createSignInSteps>;

/**
 * The steps every way of signing in shares (decision 017): whether a second factor is owed,
 * the TOTP secret enrolled on the session, the sign-in itself and its audit entry. Each takes
 * the repositories it runs on (`tx` inside a transaction), so callers compose them in one.
 */
export function createSignInSteps({ repos, keyRing, clock, logger, legacyLeadUserIds }: SignInDeps) {
  const legacyLeads = new Set<string>(legacyLeadUserIds);
  const trail = createReviewerAudit({ clock });

  /** Whether this reviewer must have a second factor: their role, or the install's policy. */
  const needsTotp = async (reviewer: Pick<Reviewer, 'installedAppId' | 'role'>, on: TxRepositories = repos) =>
    totpRequired(reviewer.role, await on.reviewerPolicy.requireTotpForAll(reviewer.installedAppId));

  /** One audit entry by `reviewer` on this session. */
  const audit = (
    on: TxRepositories,
    session: Session,
    reviewer: Reviewer,
    action: AuditAction,
    after: unknown,
    ctx: ActionContext,
  ) =>
    trail(
      on,
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
  async function enrolledSecret(session: Session, code: string, field: string): Promise<string> {
    const sealed = (await repos.sessions.find(session.idHash))?.enrolTotpSecret ?? null;
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
  async function promoteLegacyLead(tx: TxRepositories, reviewer: Reviewer, ctx: ActionContext): Promise<void> {
    if (reviewer.role !== 'reviewer' || reviewer.cloudUserId === null || !legacyLeads.has(reviewer.cloudUserId)) return;
    if (!reviewer.totpEnabled) {
      logger.info('settings editor not promoted: no second factor yet', { reviewer_id: reviewer.reviewerId });
      return;
    }
    await tx.reviewers.setRole(reviewer.installedAppId, reviewer.reviewerId, 'lead');
    await tx.audit.append({
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

  /** Signs `reviewer` in on the session, in `tx`; remembers the browser when asked. */
  async function complete(
    tx: TxRepositories,
    session: Session,
    reviewer: Reviewer,
    opts: { method: string; secondFactor: boolean; remember: boolean; deviceLabel: string },
    ctx: ActionContext,
  ): Promise<SignInOutcome> {
    const now = clock.now();
    await tx.sessions.signIn(session.idHash, reviewer.reviewerId, opts.secondFactor ? now.getTime() : null);
    await tx.reviewers.recordSignIn(reviewer.installedAppId, reviewer.reviewerId, now.toISOString());
    await tx.signInThrottle.clear(session.installedAppId, reviewer.email);
    await audit(tx, session, reviewer, 'reviewer:signed_in', { method: opts.method, remembered: opts.remember }, ctx);
    await promoteLegacyLead(tx, reviewer, ctx);
    if (!opts.remember) return { state: 'signed_in', deviceToken: null };
    const deviceToken = randomToken();
    await tx.devices.insert({
      deviceHash: hashToken(deviceToken),
      reviewerId: reviewer.reviewerId,
      installedAppId: reviewer.installedAppId,
      label: opts.deviceLabel,
      createdAt: now.toISOString(),
      lastUsedAt: now.toISOString(),
      expiresAt: now.getTime() + REMEMBER_DAYS * 86_400_000,
    });
    return { state: 'signed_in', deviceToken };
  }

  return { needsTotp, audit, enrolledSecret, promoteLegacyLead, complete };
}
