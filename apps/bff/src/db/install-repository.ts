import { z } from 'zod';
import {
  AppId,
  InstalledAppId,
  InstanceId,
  knownPermissions,
  OrganizationId,
  type Permission,
} from '@kyc-review/contracts';
import type { Db } from './open-database';

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

export type InstallRepository = ReturnType<typeof createInstallRepository>;

export function createInstallRepository(db: Db) {
  const find = db.prepare('SELECT * FROM installs WHERE installed_app_id = ?');
  const upsert = db.prepare(`
    INSERT INTO installs (installed_app_id, app_id, instance_id, organization_id, status, api_key_ciphertext,
      api_key_fingerprint, api_key_prefix, granted_permissions, installed_at, updated_at, uninstalled_at)
    VALUES (@installedAppId, @appId, @instanceId, @organizationId, 'active', @apiKeyCiphertext,
      @apiKeyFingerprint, @apiKeyPrefix, @grantedPermissions, @at, @at, NULL)
    ON CONFLICT (installed_app_id) DO UPDATE SET
      organization_id = COALESCE(excluded.organization_id, installs.organization_id),
      status = 'active', api_key_ciphertext = excluded.api_key_ciphertext,
      api_key_fingerprint = excluded.api_key_fingerprint, api_key_prefix = excluded.api_key_prefix,
      granted_permissions = excluded.granted_permissions, updated_at = excluded.updated_at, uninstalled_at = NULL,
      key_rejected_at = NULL`);
  const uninstall = db.prepare(`
    UPDATE installs SET status = 'uninstalled', api_key_ciphertext = NULL, api_key_fingerprint = NULL,
      updated_at = @at, uninstalled_at = @uninstalledAt WHERE installed_app_id = @installedAppId`);
  const count = db.prepare('SELECT COUNT(*) AS n FROM installs');
  // Keyed by the fingerprint of the key Cloud refused: a key installed meanwhile is not marked.
  const rejectKey = db.prepare(`
    UPDATE installs SET key_rejected_at = @at
    WHERE installed_app_id = @installedAppId AND status = 'active' AND api_key_fingerprint = @fingerprint AND key_rejected_at IS NULL`);
  const acceptKey = db.prepare(`
    UPDATE installs SET key_rejected_at = NULL
    WHERE installed_app_id = @installedAppId AND api_key_fingerprint = @fingerprint AND key_rejected_at IS NOT NULL`);

  return {
    find(installedAppId: string): Install | null {
      const row: unknown = find.get(installedAppId);
      return row === undefined ? null : InstallRow.parse(row);
    },
    /** Inserts or (re)activates with a new key and grants. */
    activate(input: ActivateInstall): void {
      upsert.run({ ...input, grantedPermissions: JSON.stringify(input.grantedScopes) });
    },
    /** Marks uninstalled and destroys the ciphertext. */
    markUninstalled(installedAppId: InstalledAppId, uninstalledAt: string, at: string): void {
      uninstall.run({ installedAppId, uninstalledAt, at });
    },
    /** Cloud refused this key (401). True when the mark was set now. */
    markKeyRejected(installedAppId: string, fingerprint: string, at: string): boolean {
      return rejectKey.run({ installedAppId, fingerprint, at }).changes > 0;
    },
    /** Cloud accepted this key again: the install no longer needs a reinstall. */
    clearKeyRejected(installedAppId: string, fingerprint: string): boolean {
      return acceptKey.run({ installedAppId, fingerprint }).changes > 0;
    },
    count(): number {
      return z.object({ n: z.number() }).parse(count.get()).n;
    },
  };
}
