import type { AuditAction } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { TxRepositories } from '../db/repositories';
import { SignInLockedError, SignInRateLimitedError } from './reviewer-errors';

/** 5 failures per email within 15 minutes lock it for 15 minutes (docs/cloud-contract.md §9). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/**
 * Every sign-in step of one install, whatever the email: at most this many a minute, counted in
 * the database across replicas. The count and the insert are two statements, so replicas
 * racing at the limit may let a few more through; the per-email lock is exact.
 */
export const INSTALL_ATTEMPTS_PER_MINUTE = 30;
const RATE_WINDOW_MS = 60_000;

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/**
 * Sign-in protection. Failures are counted per (install, email), in the database (so every
 * replica sees the same count and lock), whether or not the email
 * belongs to a reviewer, so a lock says nothing about which emails exist. Locks and
 * unlocks are audited. Counting the step and the failure is all a failed (401) sign-in stores.
 */
export function createSignInThrottle({ repos, clock }: { repos: TxRepositories; clock: Clock }) {
  const audit = (tx: TxRepositories, installedAppId: string, action: AuditAction, email: string, after: unknown) =>
    tx.audit.append({
      installedAppId,
      identityId: null,
      caseId: null,
      actor: 'system',
      action,
      before: null,
      after: { email, ...(typeof after === 'object' && after !== null ? after : {}) },
      reason: null,
      requestId: null,
      at: clock.now().toISOString(),
    });

  /** Counts one attempt of the install; throws while it is over its rate. */
  async function checkRate(installedAppId: string): Promise<void> {
    const now = clock.now().getTime();
    const recent = await repos.signInThrottle.recentAttempts(installedAppId, now - RATE_WINDOW_MS);
    if (recent.count >= INSTALL_ATTEMPTS_PER_MINUTE)
      throw new SignInRateLimitedError((RATE_WINDOW_MS - (now - (recent.oldest ?? now))) / 1000);
    await repos.signInThrottle.recordAttempt(installedAppId, now);
  }

  return {
    /** The per-install rate alone: for steps with no email to lock (an invitation code). */
    checkRate,

    /** Call before checking anything: throws while the install is over its rate or the email is locked. */
    async check(installedAppId: string, email: string): Promise<void> {
      await checkRate(installedAppId);
      const now = clock.now().getTime();
      const state = await repos.signInThrottle.get(installedAppId, email);
      if (state === null || state.lockedUntil === null) return;
      if (state.lockedUntil > now) throw new SignInLockedError((state.lockedUntil - now) / 1000);
      await repos.transaction(async (tx) => {
        // Another replica may have unlocked it meanwhile: audit the unlock once.
        const current = await tx.signInThrottle.get(installedAppId, email);
        if (current === null || current.lockedUntil === null || current.lockedUntil > now) return;
        await tx.signInThrottle.clear(installedAppId, email);
        await audit(tx, installedAppId, 'sign_in:unlocked', email, { reason: 'lock_expired' });
      });
    },

    /** Counts a failure; the fifth within the window locks the email. */
    async failed(installedAppId: string, email: string): Promise<void> {
      const now = clock.now().getTime();
      await repos.transaction(async (tx) => {
        const state = await tx.signInThrottle.get(installedAppId, email);
        const fresh = state === null || now - state.firstFailedAt > LOCK_SECONDS * 1000;
        const failures = fresh ? 1 : state.failures + 1;
        const lockedUntil = failures >= LOCK_AFTER_FAILURES ? now + LOCK_SECONDS * 1000 : null;
        await tx.signInThrottle.put(installedAppId, email, {
          failures,
          firstFailedAt: fresh ? now : state.firstFailedAt,
          lockedUntil,
        });
        if (lockedUntil !== null)
          await audit(tx, installedAppId, 'sign_in:locked', email, {
            failures,
            locked_until: new Date(lockedUntil).toISOString(),
          });
      });
    },
  };
}
