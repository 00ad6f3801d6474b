import { z } from 'zod';
import { InstalledAppId, ReviewerId, ReviewerRole, ReviewerStatus, UserId } from '@kyc-review/contracts';
import type { Reviewer, ReviewerCredentials } from '../services/reviewer';
import { countOf } from './sql/rows';
import type { SqlExecutor, SqlParam } from './sql/sql';

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

/** One reviewer by id, by email or by linked Cloud user (the synchronous reads share these). */
export const REVIEWER_BY_ID = 'SELECT * FROM reviewers WHERE installed_app_id = ? AND reviewer_id = ?';
export const REVIEWERS_OF_INSTALL =
  'SELECT * FROM reviewers WHERE installed_app_id = ? ORDER BY lower(display_name), reviewer_id';
export const parseReviewer = (row: unknown): Reviewer | null => (row === undefined ? null : toReviewer(Row.parse(row)));

const LinkedName = z.object({ cloud_user_id: z.string(), display_name: z.string() });

export type ReviewerRepository = ReturnType<typeof createReviewerRepository>;

/** Reviewers per install; every statement names the install (decision 009). */
export function createReviewerRepository(sql: SqlExecutor) {
  const one = async (text: string, params: readonly SqlParam[]) => parseReviewer(await sql.one(text, params));

  return {
    async insert(reviewer: NewReviewer): Promise<void> {
      await sql.run(
        `INSERT INTO reviewers (reviewer_id, installed_app_id, display_name, email, role, status, password_hash,
          totp_secret, totp_last_step, created_at)
        VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)`,
        [
          reviewer.reviewerId,
          reviewer.installedAppId,
          reviewer.displayName,
          reviewer.email,
          reviewer.role,
          reviewer.passwordHash,
          reviewer.totpSecretSealed,
          reviewer.totpLastStep,
          reviewer.createdAt,
        ],
      );
    },
    /** Records the install's first reviewer; throws on a second (the primary key), in the caller's transaction. */
    async markBootstrapped(installedAppId: string, reviewerId: ReviewerId, at: string): Promise<void> {
      await sql.run('INSERT INTO reviewer_bootstrap (installed_app_id, reviewer_id, at) VALUES (?, ?, ?)', [
        installedAppId,
        reviewerId,
        at,
      ]);
    },
    find(installedAppId: string, reviewerId: string): Promise<Reviewer | null> {
      return one(REVIEWER_BY_ID, [installedAppId, reviewerId]);
    },
    findByCloudUser(installedAppId: string, cloudUserId: string): Promise<Reviewer | null> {
      return one('SELECT * FROM reviewers WHERE installed_app_id = ? AND cloud_user_id = ?', [
        installedAppId,
        cloudUserId,
      ]);
    },
    /** The display name of each reviewer linked to one of these Cloud users, by Cloud user id (at most 100 ids). */
    async namesByCloudUser(installedAppId: string, cloudUserIds: readonly string[]): Promise<Map<string, string>> {
      const ids = [...new Set(cloudUserIds)].slice(0, 100);
      if (ids.length === 0) return new Map();
      const rows = await sql.all(
        `SELECT cloud_user_id, display_name FROM reviewers
          WHERE installed_app_id = ? AND cloud_user_id IN (${ids.map(() => '?').join(', ')})`,
        [installedAppId, ...ids],
      );
      return new Map(rows.map((raw) => LinkedName.parse(raw)).map((r) => [r.cloud_user_id, r.display_name]));
    },
    findByEmail(installedAppId: string, email: string): Promise<Reviewer | null> {
      return one('SELECT * FROM reviewers WHERE installed_app_id = ? AND email = ?', [installedAppId, email]);
    },
    /** The reviewer and their credentials: for sign-in only. */
    async credentials(
      installedAppId: string,
      reviewerId: string,
    ): Promise<{ reviewer: Reviewer; credentials: ReviewerCredentials } | null> {
      const found = await sql.one(REVIEWER_BY_ID, [installedAppId, reviewerId]);
      if (found === undefined) return null;
      const row = Row.parse(found);
      return {
        reviewer: toReviewer(row),
        credentials: {
          passwordHash: row.password_hash,
          totpSecretSealed: row.totp_secret,
          totpLastStep: row.totp_last_step,
        },
      };
    },
    /** By display name (case-insensitive), then id. */
    async list(installedAppId: string): Promise<Reviewer[]> {
      return (await sql.all(REVIEWERS_OF_INSTALL, [installedAppId])).map((row) => toReviewer(Row.parse(row)));
    },
    async count(installedAppId: string): Promise<number> {
      return countOf(
        await sql.one('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reviewers WHERE installed_app_id = ?', [
          installedAppId,
        ]),
      );
    },
    async activeAdminCount(installedAppId: string): Promise<number> {
      return countOf(
        await sql.one(
          `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reviewers
            WHERE installed_app_id = ? AND role = 'admin' AND status = 'active'`,
          [installedAppId],
        ),
      );
    },
    async recordSignIn(installedAppId: string, reviewerId: string, at: string): Promise<void> {
      await sql.run('UPDATE reviewers SET last_sign_in_at = ? WHERE installed_app_id = ? AND reviewer_id = ?', [
        at,
        installedAppId,
        reviewerId,
      ]);
    },
    /** Moves the last accepted TOTP step on; false when a code of this step or later was already taken. */
    async acceptTotpStep(installedAppId: string, reviewerId: string, step: number): Promise<boolean> {
      const changed = await sql.run(
        `UPDATE reviewers SET totp_last_step = ? WHERE installed_app_id = ? AND reviewer_id = ?
          AND (totp_last_step IS NULL OR totp_last_step < ?)`,
        [step, installedAppId, reviewerId, step],
      );
      return changed === 1;
    },
    async setTotp(
      installedAppId: string,
      reviewerId: string,
      sealed: string | null,
      step: number | null,
    ): Promise<void> {
      await sql.run(
        'UPDATE reviewers SET totp_secret = ?, totp_last_step = ? WHERE installed_app_id = ? AND reviewer_id = ?',
        [sealed, step, installedAppId, reviewerId],
      );
    },
    async setRole(installedAppId: string, reviewerId: string, role: Reviewer['role']): Promise<void> {
      await sql.run('UPDATE reviewers SET role = ? WHERE installed_app_id = ? AND reviewer_id = ?', [
        role,
        installedAppId,
        reviewerId,
      ]);
    },
    async setStatus(installedAppId: string, reviewerId: string, status: Reviewer['status']): Promise<void> {
      await sql.run('UPDATE reviewers SET status = ? WHERE installed_app_id = ? AND reviewer_id = ?', [
        status,
        installedAppId,
        reviewerId,
      ]);
    },
    async linkCloudUser(installedAppId: string, reviewerId: string, cloudUserId: string | null): Promise<void> {
      await sql.run('UPDATE reviewers SET cloud_user_id = ? WHERE installed_app_id = ? AND reviewer_id = ?', [
        cloudUserId,
        installedAppId,
        reviewerId,
      ]);
    },
  };
}
