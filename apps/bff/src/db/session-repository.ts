import { z } from 'zod';
import { InstalledAppId, InstanceId, OrganizationId, ReviewerId, UserId } from '@kyc-review/contracts';
import { countOf } from './sql/rows';
import type { SqlExecutor } from './sql/sql';

/** A browser session as stored: the id is known only by its hash. */
export type StoredSession = {
  readonly idHash: string;
  readonly installedAppId: InstalledAppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly userId: UserId | null;
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly idleExpiresAt: number;
  readonly absoluteExpiresAt: number;
  /** The reviewer signed in on this launch, if any (docs/decisions/017). */
  readonly reviewerId: ReviewerId | null;
  /** Epoch ms of the last second-factor confirmation (sign-in or step-up). */
  readonly secondFactorAt: number | null;
  /** Password accepted, second factor awaited until pendingUntil. */
  readonly pendingReviewerId: ReviewerId | null;
  readonly pendingUntil: number | null;
  /** A TOTP secret being enrolled on this session (sealed). */
  readonly enrolTotpSecret: string | null;
};

const Row = z
  .object({
    id_hash: z.string(),
    installed_app_id: InstalledAppId,
    instance_id: InstanceId,
    organization_id: OrganizationId.nullable(),
    user_id: UserId.nullable(),
    csrf_token: z.string(),
    created_at: z.number(),
    idle_expires_at: z.number(),
    absolute_expires_at: z.number(),
    reviewer_id: ReviewerId.nullable(),
    second_factor_at: z.number().nullable(),
    pending_reviewer_id: ReviewerId.nullable(),
    pending_until: z.number().nullable(),
    enrol_totp_secret: z.string().nullable(),
  })
  .transform((r): StoredSession => ({
    idHash: r.id_hash,
    installedAppId: r.installed_app_id,
    instanceId: r.instance_id,
    organizationId: r.organization_id,
    userId: r.user_id,
    csrfToken: r.csrf_token,
    createdAt: r.created_at,
    idleExpiresAt: r.idle_expires_at,
    absoluteExpiresAt: r.absolute_expires_at,
    reviewerId: r.reviewer_id,
    secondFactorAt: r.second_factor_at,
    pendingReviewerId: r.pending_reviewer_id,
    pendingUntil: r.pending_until,
    enrolTotpSecret: r.enrol_totp_secret,
  }));

export type NewSession = Omit<
  StoredSession,
  'reviewerId' | 'secondFactorAt' | 'pendingReviewerId' | 'pendingUntil' | 'enrolTotpSecret'
> & { readonly reviewerId: ReviewerId | null; readonly secondFactorAt: number | null };

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(sql: SqlExecutor) {
  return {
    async insert(session: NewSession): Promise<void> {
      await sql.run(
        `INSERT INTO sessions (id_hash, installed_app_id, instance_id, organization_id, user_id, csrf_token,
          created_at, idle_expires_at, absolute_expires_at, reviewer_id, second_factor_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          session.idHash,
          session.installedAppId,
          session.instanceId,
          session.organizationId,
          session.userId,
          session.csrfToken,
          session.createdAt,
          session.idleExpiresAt,
          session.absoluteExpiresAt,
          session.reviewerId,
          session.secondFactorAt,
        ],
      );
    },
    /**
     * Signs a reviewer in on this session (null: signs out), keeping the launch. Signing in (or
     * out) also forgets a half-done sign-in and a TOTP secret being enrolled.
     */
    async signIn(idHash: string, reviewerId: string | null, secondFactorAt: number | null): Promise<void> {
      await sql.run(
        `UPDATE sessions SET reviewer_id = ?, second_factor_at = ?, pending_reviewer_id = NULL,
          pending_until = NULL, enrol_totp_secret = NULL WHERE id_hash = ?`,
        [reviewerId, secondFactorAt, idHash],
      );
    },
    async setPending(idHash: string, reviewerId: string | null, until: number | null): Promise<void> {
      await sql.run('UPDATE sessions SET pending_reviewer_id = ?, pending_until = ? WHERE id_hash = ?', [
        reviewerId,
        until,
        idHash,
      ]);
    },
    async confirmSecondFactor(idHash: string, at: number): Promise<void> {
      await sql.run('UPDATE sessions SET second_factor_at = ? WHERE id_hash = ?', [at, idHash]);
    },
    async setEnrolSecret(idHash: string, sealed: string | null): Promise<void> {
      await sql.run('UPDATE sessions SET enrol_totp_secret = ? WHERE id_hash = ?', [sealed, idHash]);
    },
    /** Ends a reviewer's sign-in on every session of the install (disable, role change); the launches stay. */
    signOutEverywhere(installedAppId: string, reviewerId: string): Promise<number> {
      return sql.run(
        `UPDATE sessions SET reviewer_id = NULL, second_factor_at = NULL, pending_reviewer_id = NULL, pending_until = NULL
          WHERE installed_app_id = ? AND (reviewer_id = ? OR pending_reviewer_id = ?)`,
        [installedAppId, reviewerId, reviewerId],
      );
    },
    async find(idHash: string): Promise<StoredSession | null> {
      const row = await sql.one('SELECT * FROM sessions WHERE id_hash = ?', [idHash]);
      return row === undefined ? null : Row.parse(row);
    },
    async touch(idHash: string, idleExpiresAt: number): Promise<void> {
      await sql.run('UPDATE sessions SET idle_expires_at = ? WHERE id_hash = ?', [idleExpiresAt, idHash]);
    },
    async delete(idHash: string): Promise<void> {
      await sql.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
    },
    async deleteForInstall(installedAppId: string): Promise<void> {
      await sql.run('DELETE FROM sessions WHERE installed_app_id = ?', [installedAppId]);
    },
    purgeExpired(nowMs: number): Promise<number> {
      return sql.run('DELETE FROM sessions WHERE idle_expires_at <= ? OR absolute_expires_at <= ?', [nowMs, nowMs]);
    },
    async count(): Promise<number> {
      return countOf(await sql.one('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM sessions'));
    },
  };
}
