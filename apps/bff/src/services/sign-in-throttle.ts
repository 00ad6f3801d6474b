import type { AuditAction } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { Repositories, TxRepositories } from '../db/repositories';
import { SignInLockedError, SignInRateLimitedError } from './reviewer-errors';

/** 5 failures per email within 15 minutes lock it for 15 minutes (docs/cloud-contract.md §9). */
export const LOCK_AFTER_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/** Every sign-in step of one install, whatever the email: at most this many a minute (per process). */
export const INSTALL_ATTEMPTS_PER_MINUTE = 30;

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;

/**
 * Sign-in protection. Failures are counted per (install, email), in the database (so every
 * replica sees the same count and lock), whether or not the email
 * belongs to a reviewer, so a lock says nothing about which emails exist. Locks and
 * unlocks are audited. Counting a failure is the one thing a failed (401) sign-in stores.
 */
export function createSignInThrottle({ repos, clock }: { repos: Repositories; clock: Clock }) {
  const attempts = new Map<string, number[]>();

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
  function checkRate(installedAppId: string): void {
    const now = clock.now().getTime();
    const recent = (attempts.get(installedAppId) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= INSTALL_ATTEMPTS_PER_MINUTE) {
      attempts.set(installedAppId, recent);
      throw new SignInRateLimitedError((60_000 - (now - (recent[0] ?? now))) / 1000);
    }
    recent.push(now);
    attempts.set(installedAppId, recent);
  }

  return {
    /** The per-install rate alone: for steps with no email to lock (an invitation code). */
    checkRate,

    /** Call before checking anything: throws while the install is over its rate or the email is locked. */
    async check(installedAppId: string, email: string): Promise<void> {
      checkRate(installedAppId);
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
