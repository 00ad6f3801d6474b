import { z } from 'zod';
import { AppId, InstalledAppId, InstanceId, OrganizationId, UserId } from '../ids';
import { GrantedScope } from './permissions';

// Payloads Cloud sends to the app (docs/cloud-contract.md §3). Objects are loose: Cloud may add
// fields, and unknown fields must be tolerated.

export const InstallEvent = z.looseObject({
  installed_app_id: InstalledAppId,
  app_id: AppId,
  instance_id: InstanceId,
  api_key: z.string().min(8).max(512),
  api_key_prefix: z.string().min(1).max(64),
  // Scopes beyond the four we use are kept and ignored (docs/cloud-contract.md §3); see knownPermissions.
  granted_permissions: z.array(GrantedScope).max(64),
  idempotency_key: z.string().startsWith('install:').max(256),
  // [gap] not in the documented install event; recorded when present.
  organization_id: OrganizationId.optional(),
});
export type InstallEvent = z.infer<typeof InstallEvent>;

export const UninstallEvent = z.looseObject({
  installed_app_id: InstalledAppId,
  app_id: AppId,
  instance_id: InstanceId,
  // May be absent (docs/cloud-contract.md §3): the receipt time stands in for it.
  uninstalled_at: z.iso.datetime({ offset: true }).nullish(),
  idempotency_key: z.string().startsWith('uninstall:').max(256),
});
export type UninstallEvent = z.infer<typeof UninstallEvent>;

/**
 * Install and uninstall arrive at one URL; they are told apart by the idempotency key
 * prefix. Parse with {@link parseCallbackEvent} to get field-level errors for the
 * event the prefix names.
 */
export type CallbackEvent =
  | { readonly kind: 'install'; readonly event: InstallEvent }
  | { readonly kind: 'uninstall'; readonly event: UninstallEvent };

export type CallbackParse =
  | { readonly ok: true; readonly value: CallbackEvent }
  | { readonly ok: false; readonly issues: readonly z.core.$ZodIssue[] };

export function parseCallbackEvent(body: unknown): CallbackParse {
  const key = z.looseObject({ idempotency_key: z.string() }).safeParse(body);
  if (!key.success) return { ok: false, issues: key.error.issues };
  if (key.data.idempotency_key.startsWith('install:')) {
    const r = InstallEvent.safeParse(body);
    return r.success ? { ok: true, value: { kind: 'install', event: r.data } } : { ok: false, issues: r.error.issues };
  }
  if (key.data.idempotency_key.startsWith('uninstall:')) {
    const r = UninstallEvent.safeParse(body);
    return r.success
      ? { ok: true, value: { kind: 'uninstall', event: r.data } }
      : { ok: false, issues: r.error.issues };
  }
  return {
    ok: false,
    issues: [
      {
        code: 'custom',
        path: ['idempotency_key'],
        message: 'must start with "install:" or "uninstall:"',
        input: key.data.idempotency_key,
      },
    ],
  };
}

export const PortalRequest = z.looseObject({
  installed_app_id: InstalledAppId,
  app_id: AppId,
  instance_id: InstanceId,
  // [gap] documented on one page and not another: optional everywhere.
  organization_id: OrganizationId.optional(),
  user_id: UserId.optional(),
});
export type PortalRequest = z.infer<typeof PortalRequest>;

export const PortalResponse = z.object({ portal_url: z.url() });
export type PortalResponse = z.infer<typeof PortalResponse>;
