import { z } from 'zod';
import {
  AppId,
  InstalledAppId,
  InstanceId,
  knownPermissions,
  OrganizationId,
  type Permission,
} from '@kyc-review/contracts';
import { countOf } from './sql/rows';
import type { SqlExecutor } from './sql/sql';

export type InstallStatus = 'active' | 'uninstalled';

export type Install = {
  readonly installedAppId: InstalledAppId;
  readonly appId: AppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly status: InstallStatus;
  readonly apiKeyCiphertext: string | null;
  readonly apiKeyFingerprint: string | null;
  readonly apiKeyPrefix: string;
  /** Every scope Cloud granted, as granted (sorted), including ones this app does not use. */
  readonly grantedScopes: readonly string[];
  /** The granted scopes this app uses (docs/cloud-contract.md §6.1). */
  readonly grantedPermissions: readonly Permission[];
  readonly installedAt: string;
  readonly updatedAt: string;
  readonly uninstalledAt: string | null;
  /** When Cloud last refused the stored key (401); null while the key works (decision 009). */
  readonly keyRejectedAt: string | null;
};

/** What an install event writes: a fresh install, a re-activation or a key replacement. */
export type ActivateInstall = {
  readonly installedAppId: InstalledAppId;
  readonly appId: AppId;
  readonly instanceId: InstanceId;
  readonly organizationId: OrganizationId | null;
  readonly apiKeyCiphertext: string;
  readonly apiKeyFingerprint: string;
  readonly apiKeyPrefix: string;
  readonly grantedScopes: readonly string[];
  readonly at: string;
};

// Rows are parsed, not cast: granted_permissions is JSON and ids are branded.
const InstallRow = z
  .object({
    installed_app_id: InstalledAppId,
    app_id: AppId,
    instance_id: InstanceId,
    organization_id: OrganizationId.nullable(),
    status: z.enum(['active', 'uninstalled']),
    api_key_ciphertext: z.string().nullable(),
    api_key_fingerprint: z.string().nullable(),
    api_key_prefix: z.string(),
    granted_permissions: z.string().transform((s, ctx) => {
      const parsed = z.array(z.string()).safeParse(JSON.parse(s));
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: 'granted_permissions is not a scope list' });
      return parsed.data ?? [];
    }),
    installed_at: z.string(),
    updated_at: z.string(),
    uninstalled_at: z.string().nullable(),
    key_rejected_at: z.string().nullable(),
  })
  .transform((r): Install => ({
    installedAppId: r.installed_app_id,
    appId: r.app_id,
    instanceId: r.instance_id,
    organizationId: r.organization_id,
    status: r.status,
    apiKeyCiphertext: r.api_key_ciphertext,
    apiKeyFingerprint: r.api_key_fingerprint,
    apiKeyPrefix: r.api_key_prefix,
    grantedScopes: r.granted_permissions,
    grantedPermissions: knownPermissions(r.granted_permissions),
    installedAt: r.installed_at,
    updatedAt: r.updated_at,
    uninstalledAt: r.uninstalled_at,
    keyRejectedAt: r.key_rejected_at,
  }));

/** Every column of one install: the async repository and the synchronous key reader share it. */
export const INSTALL_BY_ID = 'SELECT * FROM installs WHERE installed_app_id = ?';
export const parseInstall = (row: unknown): Install | null => (row === undefined ? null : InstallRow.parse(row));

export type InstallRepository = ReturnType<typeof createInstallRepository>;

/** Installs and their keys (decisions 002, 004, 009). */
export function createInstallRepository(sql: SqlExecutor) {
  return {
    async find(installedAppId: string): Promise<Install | null> {
      return parseInstall(await sql.one(INSTALL_BY_ID, [installedAppId]));
    },
    /** Inserts or (re)activates with a new key and grants. */
    async activate(input: ActivateInstall): Promise<void> {
      await sql.run(
        `INSERT INTO installs (installed_app_id, app_id, instance_id, organization_id, status, api_key_ciphertext,
          api_key_fingerprint, api_key_prefix, granted_permissions, installed_at, updated_at, uninstalled_at)
        VALUES (?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, NULL)
        ON CONFLICT (installed_app_id) DO UPDATE SET
          organization_id = COALESCE(excluded.organization_id, installs.organization_id),
          status = 'active', api_key_ciphertext = excluded.api_key_ciphertext,
          api_key_fingerprint = excluded.api_key_fingerprint, api_key_prefix = excluded.api_key_prefix,
          granted_permissions = excluded.granted_permissions, updated_at = excluded.updated_at, uninstalled_at = NULL,
          key_rejected_at = NULL`,
        [
          input.installedAppId,
          input.appId,
          input.instanceId,
          input.organizationId,
          input.apiKeyCiphertext,
          input.apiKeyFingerprint,
          input.apiKeyPrefix,
          JSON.stringify(input.grantedScopes),
          input.at,
          input.at,
        ],
      );
    },
    /** Marks uninstalled and destroys the ciphertext. */
    async markUninstalled(installedAppId: InstalledAppId, uninstalledAt: string, at: string): Promise<void> {
      await sql.run(
        `UPDATE installs SET status = 'uninstalled', api_key_ciphertext = NULL, api_key_fingerprint = NULL,
          updated_at = ?, uninstalled_at = ? WHERE installed_app_id = ?`,
        [at, uninstalledAt, installedAppId],
      );
    },
    /**
     * Cloud refused this key (401). True when the mark was set now. Keyed by the fingerprint
     * of the key Cloud refused: a key installed meanwhile is not marked.
     */
    async markKeyRejected(installedAppId: string, fingerprint: string, at: string): Promise<boolean> {
      const changed = await sql.run(
        `UPDATE installs SET key_rejected_at = ? WHERE installed_app_id = ? AND status = 'active'
          AND api_key_fingerprint = ? AND key_rejected_at IS NULL`,
        [at, installedAppId, fingerprint],
      );
      return changed > 0;
    },
    /** Cloud accepted this key again: the install no longer needs a reinstall. */
    async clearKeyRejected(installedAppId: string, fingerprint: string): Promise<boolean> {
      const changed = await sql.run(
        `UPDATE installs SET key_rejected_at = NULL
          WHERE installed_app_id = ? AND api_key_fingerprint = ? AND key_rejected_at IS NOT NULL`,
        [installedAppId, fingerprint],
      );
      return changed > 0;
    },
    async count(): Promise<number> {
      return countOf(await sql.one('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM installs'));
    },
  };
}
