import { z } from 'zod';
import { InstalledAppId, InvitationId, ReviewerId, ReviewerRole } from '@kyc-review/contracts';
import { countOf } from './sql/rows';
import type { SqlExecutor, SqlParam } from './sql/sql';

/** An admin's invitation as stored; its code is known only by its hash. */
export type Invitation = {
  readonly invitationId: InvitationId;
  readonly installedAppId: InstalledAppId;
  readonly displayName: string;
  readonly email: string;
  readonly role: ReviewerRole;
  readonly createdBy: ReviewerId;
  readonly createdByName: string;
  readonly createdAt: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly redeemedAt: string | null;
  readonly revokedAt: string | null;
};

export type NewInvitation = Omit<Invitation, 'createdByName' | 'redeemedAt' | 'revokedAt'> & {
  readonly codeHash: string;
};

const Row = z
  .object({
    invitation_id: InvitationId,
    installed_app_id: InstalledAppId,
    display_name: z.string(),
    email: z.string(),
    role: ReviewerRole,
    created_by: ReviewerId,
    created_by_name: z.string(),
    created_at: z.string(),
    expires_at: z.number().int(),
    redeemed_at: z.string().nullable(),
    revoked_at: z.string().nullable(),
  })
  .transform((r): Invitation => ({
    invitationId: r.invitation_id,
    installedAppId: r.installed_app_id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    redeemedAt: r.redeemed_at,
    revokedAt: r.revoked_at,
  }));

const SELECT = `SELECT i.invitation_id, i.installed_app_id, i.display_name, i.email, i.role, i.created_by,
    r.display_name AS created_by_name, i.created_at, i.expires_at, i.redeemed_at, i.revoked_at
  FROM reviewer_invitations i JOIN reviewers r ON r.reviewer_id = i.created_by`;

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;

/** Invitations per install (migrations 0011, 0014); every statement names the install. */
export function createInvitationRepository(sql: SqlExecutor) {
  const one = async (text: string, params: readonly SqlParam[]) => {
    const row = await sql.one(text, params);
    return row === undefined ? null : Row.parse(row);
  };

  return {
    async insert(invitation: NewInvitation): Promise<void> {
      await sql.run(
        `INSERT INTO reviewer_invitations (invitation_id, installed_app_id, code_hash, display_name,
          email, role, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          invitation.invitationId,
          invitation.installedAppId,
          invitation.codeHash,
          invitation.displayName,
          invitation.email,
          invitation.role,
          invitation.createdBy,
          invitation.createdAt,
          invitation.expiresAt,
        ],
      );
    },
    find(installedAppId: string, invitationId: string): Promise<Invitation | null> {
      return one(`${SELECT} WHERE i.installed_app_id = ? AND i.invitation_id = ?`, [installedAppId, invitationId]);
    },
    findByCode(installedAppId: string, codeHash: string): Promise<Invitation | null> {
      return one(`${SELECT} WHERE i.installed_app_id = ? AND i.code_hash = ?`, [installedAppId, codeHash]);
    },
    /** Neither redeemed nor revoked (expired ones too: the admin sees them lapse), newest first. */
    async open(installedAppId: string): Promise<Invitation[]> {
      const rows = await sql.all(
        `${SELECT} WHERE i.installed_app_id = ? AND i.redeemed_at IS NULL AND i.revoked_at IS NULL
          ORDER BY i.created_at DESC, i.invitation_id`,
        [installedAppId],
      );
      return rows.map((row) => Row.parse(row));
    },
    async pendingForEmail(installedAppId: string, email: string, nowMs: number): Promise<number> {
      return countOf(
        await sql.one(
          `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reviewer_invitations WHERE installed_app_id = ?
            AND email = ? AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
          [installedAppId, email, nowMs],
        ),
      );
    },
    /**
     * False when it was redeemed, revoked or expired meanwhile. One conditional statement: a code
     * is redeemed once, even by two requests at the same moment, on either engine.
     */
    async redeem(installedAppId: string, invitationId: string, reviewerId: string, at: string, nowMs: number) {
      const changed = await sql.run(
        `UPDATE reviewer_invitations SET redeemed_by = ?, redeemed_at = ? WHERE installed_app_id = ? AND invitation_id = ?
          AND redeemed_at IS NULL AND revoked_at IS NULL AND expires_at > ?`,
        [reviewerId, at, installedAppId, invitationId, nowMs],
      );
      return changed === 1;
    },
    async revoke(installedAppId: string, invitationId: string, at: string): Promise<boolean> {
      const changed = await sql.run(
        `UPDATE reviewer_invitations SET revoked_at = ?
          WHERE installed_app_id = ? AND invitation_id = ? AND redeemed_at IS NULL AND revoked_at IS NULL`,
        [at, installedAppId, invitationId],
      );
      return changed === 1;
    },
  };
}
