import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import { hashToken } from '../crypto/tokens';
import { verifyTotp } from '../crypto/totp';
import type { Repositories, TxRepositories } from '../db/repositories';
import type { Reviewer } from './reviewer';

const RECOVERY_CODES = 10;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** The associated data that binds a sealed TOTP secret to its reviewer (or to the enrolling session). */
export const totpAad = (reviewerId: string) => `totp:${reviewerId}`;
export const enrolAad = (sessionIdHash: string) => `totp-enrol:${sessionIdHash}`;

/** Ten single-use codes like `k7m2p-x9q4r`: shown once, stored as hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length] ?? 'a').join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Salted by the reviewer id, so equal codes of two reviewers never share a hash. */
const recoveryHash = (reviewerId: string, code: string) => hashToken(`${reviewerId}:${code}`);

export type SecondFactor = ReturnType<typeof createSecondFactor>;

/** Checks a reviewer's TOTP code or one of their recovery codes (each usable once). */
export function createSecondFactor({ repos, keyRing, clock }: { repos: Repositories; keyRing: KeyRing; clock: Clock }) {
  return {
    /**
     * The method that matched, or null. Burns the TOTP step or the recovery code it accepts,
     * each with one conditional statement, so a code is accepted once on any replica.
     */
    async check(reviewer: Reviewer, code: string): Promise<'totp' | 'recovery_code' | null> {
      const stored = await repos.reviewers.credentials(reviewer.installedAppId, reviewer.reviewerId);
      if (stored === null) return null;
      if (/^\d{6}$/.test(code)) {
        const sealed = stored.credentials.totpSecretSealed;
        if (sealed === null) return null;
        const secret = keyRing.open(sealed, totpAad(reviewer.reviewerId));
        const step = verifyTotp(secret, code, clock.now().getTime(), stored.credentials.totpLastStep);
        return step !== null &&
          (await repos.reviewers.acceptTotpStep(reviewer.installedAppId, reviewer.reviewerId, step))
          ? 'totp'
          : null;
      }
      const used = await repos.recoveryCodes.use(
        reviewer.reviewerId,
        recoveryHash(reviewer.reviewerId, code),
        clock.now().toISOString(),
      );
      return used ? 'recovery_code' : null;
    },
    /** Replaces the reviewer's recovery codes in `tx`; returns the new ones (shown once). */
    async issueRecoveryCodes(tx: TxRepositories, reviewerId: string): Promise<string[]> {
      const codes = newRecoveryCodes();
      await tx.recoveryCodes.replace(
        reviewerId,
        codes.map((code) => recoveryHash(reviewerId, code)),
      );
      return codes;
    },
  };
}
