import { z } from 'zod';
import { InstalledAppId, ReviewerId, ReviewerRole, ReviewerStatus, UserId } from '@kyc-review/contracts';
import type { Reviewer, ReviewerCredentials } from '../services/reviewer';
import type { Db } from './open-database';

const Row = z.object({
  reviewer_id: ReviewerId,
  installed_app_id: InstalledAppId,
  display_name: z.string(),
  email: z.string(),
  role: ReviewerRole,
  status: ReviewerStatus,
  password_hash: z.string(),
  totp_secret: z.string().nullable(),
  totp_last_step: z.number().int().nullable(),
  cloud_user_id: UserId.nullable(),
  created_at: z.string(),
  last_sign_in_at: z.string().nullable(),
});
type Row = z.infer<typeof Row>;

const toReviewer = (r: Row): Reviewer => ({
  reviewerId: r.reviewer_id,
  installedAppId: r.installed_app_id,
  displayName: r.display_name,
  email: r.email,
  role: r.role,
  status: r.status,
  totpEnabled: r.totp_secret !== null,
  cloudUserId: r.cloud_user_id,
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
});

export type NewReviewer = {
  readonly reviewerId: ReviewerId;
  readonly installedAppId: string;
  readonly displayName: string;
  readonly email: string;
  readonly role: ReviewerRole;
  readonly passwordHash: string;
  readonly totpSecretSealed: string | null;
  readonly totpLastStep: number | null;
  readonly createdAt: string;
};

export type ReviewerRepository = ReturnType<typeof createReviewerRepository>;

/** Reviewers per install; every statement names the install (decision 009). */
export function createReviewerRepository(db: Db) {
  const insert = db.prepare(`
    INSERT INTO reviewers (reviewer_id, installed_app_id, display_name, email, role, status, password_hash,
      totp_secret, totp_last_step, created_at)
    VALUES (@reviewerId, @installedAppId, @displayName, @email, @role, 'active', @passwordHash,
      @totpSecretSealed, @totpLastStep, @createdAt)`);
  const byId = db.prepare('SELECT * FROM reviewers WHERE installed_app_id = ? AND reviewer_id = ?');
  const byEmail = db.prepare('SELECT * FROM reviewers WHERE installed_app_id = ? AND email = ?');
  const byCloudUser = db.prepare('SELECT * FROM reviewers WHERE installed_app_id = ? AND cloud_user_id = ?');
  const list = db.prepare('SELECT * FROM reviewers WHERE installed_app_id = ? ORDER BY display_name COLLATE NOCASE');
  const count = db.prepare('SELECT COUNT(*) AS n FROM reviewers WHERE installed_app_id = ?');
  const activeAdmins = db.prepare(
    "SELECT COUNT(*) AS n FROM reviewers WHERE installed_app_id = ? AND role = 'admin' AND status = 'active'",
  );
  const bootstrap = db.prepare('INSERT INTO reviewer_bootstrap (installed_app_id, reviewer_id, at) VALUES (?, ?, ?)');
  const signedIn = db.prepare(
    'UPDATE reviewers SET last_sign_in_at = ? WHERE installed_app_id = ? AND reviewer_id = ?',
  );
  const totpStep = db.prepare(
    'UPDATE reviewers SET totp_last_step = ? WHERE installed_app_id = ? AND reviewer_id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
  );
  const setTotp = db.prepare(
    'UPDATE reviewers SET totp_secret = ?, totp_last_step = ? WHERE installed_app_id = ? AND reviewer_id = ?',
  );
  const setRole = db.prepare('UPDATE reviewers SET role = ? WHERE installed_app_id = ? AND reviewer_id = ?');
  const setStatus = db.prepare('UPDATE reviewers SET status = ? WHERE installed_app_id = ? AND reviewer_id = ?');
  const link = db.prepare('UPDATE reviewers SET cloud_user_id = ? WHERE installed_app_id = ? AND reviewer_id = ?');

  const one = (row: unknown) => (row === undefined ? null : Row.parse(row));

  return {
    insert(reviewer: NewReviewer): void {
      insert.run(reviewer);
    },
    /** Records the install's first reviewer; throws on a second (the primary key), in the caller's transaction. */
    markBootstrapped(installedAppId: string, reviewerId: ReviewerId, at: string): void {
      bootstrap.run(installedAppId, reviewerId, at);
    },
    find(installedAppId: string, reviewerId: string): Reviewer | null {
      const row = one(byId.get(installedAppId, reviewerId));
      return row === null ? null : toReviewer(row);
    },
    findByCloudUser(installedAppId: string, cloudUserId: string): Reviewer | null {
      const row = one(byCloudUser.get(installedAppId, cloudUserId));
      return row === null ? null : toReviewer(row);
    },
    findByEmail(installedAppId: string, email: string): Reviewer | null {
      const row = one(byEmail.get(installedAppId, email));
      return row === null ? null : toReviewer(row);
    },
    /** The reviewer and their credentials: for sign-in only. */
    credentials(
      installedAppId: string,
      reviewerId: string,
    ): { reviewer: Reviewer; credentials: ReviewerCredentials } | null {
      const row = one(byId.get(installedAppId, reviewerId));
      return row === null
        ? null
        : {
            reviewer: toReviewer(row),
            credentials: {
              passwordHash: row.password_hash,
              totpSecretSealed: row.totp_secret,
              totpLastStep: row.totp_last_step,
            },
          };
    },
    list(installedAppId: string): Reviewer[] {
      return list.all(installedAppId).map((row) => toReviewer(Row.parse(row)));
    },
    count(installedAppId: string): number {
      return z.object({ n: z.number() }).parse(count.get(installedAppId)).n;
    },
    activeAdminCount(installedAppId: string): number {
      return z.object({ n: z.number() }).parse(activeAdmins.get(installedAppId)).n;
    },
    recordSignIn(installedAppId: string, reviewerId: string, at: string): void {
      signedIn.run(at, installedAppId, reviewerId);
    },
    /** Moves the last accepted TOTP step on; false when a code of this step or later was already taken. */
    acceptTotpStep(installedAppId: string, reviewerId: string, step: number): boolean {
      return totpStep.run(step, installedAppId, reviewerId, step).changes === 1;
    },
    setTotp(installedAppId: string, reviewerId: string, sealed: string | null, step: number | null): void {
      setTotp.run(sealed, step, installedAppId, reviewerId);
    },
    setRole(installedAppId: string, reviewerId: string, role: Reviewer['role']): void {
      setRole.run(role, installedAppId, reviewerId);
    },
    setStatus(installedAppId: string, reviewerId: string, status: Reviewer['status']): void {
      setStatus.run(status, installedAppId, reviewerId);
    },
    linkCloudUser(installedAppId: string, reviewerId: string, cloudUserId: string | null): void {
      link.run(cloudUserId, installedAppId, reviewerId);
    },
  };
}
