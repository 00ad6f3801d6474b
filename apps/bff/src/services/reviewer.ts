import type { InstalledAppId, ReviewerId, ReviewerRole, ReviewerStatus, UserId } from '@kyc-review/contracts';

/** One of the app's own people on an install (docs/decisions/017): who acts, and with which role. */
export type Reviewer = {
  readonly reviewerId: ReviewerId;
  readonly installedAppId: InstalledAppId;
  readonly displayName: string;
  readonly email: string;
  readonly role: ReviewerRole;
  readonly status: ReviewerStatus;
  readonly totpEnabled: boolean;
  readonly cloudUserId: UserId | null;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
};

/** What only sign-in reads: the credentials, sealed or hashed. */
export type ReviewerCredentials = {
  readonly passwordHash: string;
  /** AES-256-GCM envelope of the base32 secret, the reviewer id as associated data. */
  readonly totpSecretSealed: string | null;
  readonly totpLastStep: number | null;
};

/**
 * Who did it, as every audit entry, decision and write-back records it: the reviewer id,
 * their display name at the time, and the Cloud user the launch named, when it named one.
 */
export type Actor = {
  readonly reviewerId: ReviewerId;
  readonly displayName: string;
  readonly role: ReviewerRole;
  readonly cloudUserId: UserId | null;
};

/** `<display name> (<reviewer id>)`: the ledger's kyc_reviewed_by and other one-line labels, never an email. */
export const actorLabel = (actor: Pick<Actor, 'displayName' | 'reviewerId'>): string =>
  `${actor.displayName} (${actor.reviewerId})`;

const LABEL = /^(.+) \((rvw_[^\s()]+)\)$/su;

/**
 * Reads an `actorLabel` back as the recorded id and the name it recorded, so screens show the
 * name the way they show every other actor. Text stored before reviewers existed (decision
 * 017: the install's key `install:…`, a Blnk Cloud user id, `system`) has no name: it comes
 * back as the id alone, which the SPA names by its kind.
 */
export function actorFromLabel(label: string): { readonly id: string; readonly name: string | null } {
  const match = LABEL.exec(label);
  const [, name, id] = match ?? [];
  return name === undefined || id === undefined ? { id: label, name: null } : { id, name };
}
