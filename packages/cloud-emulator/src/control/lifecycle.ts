import type { InstallEvent, Permission, PortalRequest, UninstallEvent } from '@kyc-review/contracts';
import { PortalResponse } from '@kyc-review/contracts';
import type { z } from 'zod';
import type { InstallRow } from '../state/records';
import type { PortalFieldMode, Store } from '../state/store';
import { sendCallback, type CallbackResult } from './callback-sender';

// Install, launch and uninstall as Cloud performs them (docs/cloud-contract.md §2, §3).

/** A control-API request that cannot be carried out; answered with `status` and `{error}`. */
export class ControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface CallbackSummary {
  readonly status: number;
  readonly ms: number;
  readonly ok: boolean;
  readonly error: string | null;
}

const summary = (r: CallbackResult): CallbackSummary => ({ status: r.status, ms: r.ms, ok: r.ok, error: r.error });

export function publicInstall(install: InstallRow): Omit<InstallRow, 'api_key'> {
  const { api_key: _secret, ...rest } = install;
  return rest;
}

export class Lifecycle {
  constructor(
    private readonly store: Store,
    private readonly callbackTimeoutMs: number,
  ) {}

  async install(
    permissions: readonly Permission[],
    instanceId?: string,
  ): Promise<{ install: InstallRow; callback: CallbackSummary | null }> {
    const { store } = this;
    const instance = instanceId === undefined ? store.instances[0] : store.instance(instanceId);
    if (!instance) throw new ControlError(404, `unknown instance "${instanceId ?? ''}"`);
    const notRequested = permissions.filter((p) => !store.manifest.permissions.includes(p));
    if (notRequested.length > 0)
      throw new ControlError(400, `the manifest does not request ${notRequested.join(', ')}`);
    if (permissions.length === 0) throw new ControlError(400, 'grant at least one permission');
    const existing = [...store.installs.values()].find(
      (i) => i.instance_id === instance.info.instance_id && i.app_id === store.manifest.app_id,
    );
    if (existing && (existing.status === 'active' || existing.status === 'pending')) {
      throw new ControlError(
        409,
        `the app is already installed on ${instance.info.name} (${existing.installed_app_id})`,
      );
    }
    // [gap] docs/cloud-contract.md §3: a reinstall on the same instance reuses the installed_app_id, with a new key.
    const apiKey = `blnk_${store.runtime.hex(40)}`;
    const install: InstallRow = {
      installed_app_id: existing?.installed_app_id ?? store.newId('instapp_'),
      app_id: store.manifest.app_id,
      instance_id: instance.info.instance_id,
      api_key: apiKey,
      api_key_prefix: apiKey.slice(0, 8),
      granted_permissions: [...new Set(permissions)],
      status: 'pending',
      installed_at: store.clock().toISOString(),
      uninstalled_at: null,
    };
    store.installs.set(install.installed_app_id, install);
    const url = store.manifest.callback_url;
    if (url === null) {
      install.status = 'active';
      store.changed();
      return { install, callback: null };
    }
    const event: z.input<typeof InstallEvent> = {
      installed_app_id: install.installed_app_id,
      app_id: install.app_id,
      instance_id: install.instance_id,
      api_key: install.api_key,
      api_key_prefix: install.api_key_prefix,
      granted_permissions: install.granted_permissions,
      idempotency_key: `install:${install.installed_app_id}`,
    };
    const result = await sendCallback(store, 'install', install.installed_app_id, url, event, this.callbackTimeoutMs);
    // No 2xx in time: Cloud cancels the install and revokes the key (docs/cloud-contract.md §2).
    install.status = result.ok ? 'active' : 'cancelled';
    store.changed();
    return { install, callback: summary(result) };
  }

  async uninstall(installedAppId: string): Promise<{ install: InstallRow; callback: CallbackSummary | null }> {
    const { store } = this;
    const install = this.activeInstall(installedAppId);
    const at = store.clock().toISOString();
    const url = store.manifest.callback_url;
    let callback: CallbackSummary | null = null;
    if (url !== null) {
      const event: z.input<typeof UninstallEvent> = {
        installed_app_id: install.installed_app_id,
        app_id: install.app_id,
        instance_id: install.instance_id,
        uninstalled_at: at,
        idempotency_key: `uninstall:${install.installed_app_id}`,
      };
      const result = await sendCallback(
        store,
        'uninstall',
        install.installed_app_id,
        url,
        event,
        this.callbackTimeoutMs,
      );
      callback = summary(result);
      // The app failed: the uninstall does not complete and the key stays valid (docs/cloud-contract.md §2).
      if (!result.ok) return { install, callback };
    }
    install.status = 'uninstalled';
    install.uninstalled_at = at;
    store.changed();
    return { install, callback };
  }

  async launch(
    installedAppId: string,
    who: {
      user_id?: string | undefined;
      organization_id?: string | undefined;
      /** This launch only; the store's mode otherwise. */
      portal_fields?: PortalFieldMode | undefined;
    },
  ): Promise<{ portal_url: string | null; callback: CallbackSummary }> {
    const { store } = this;
    const install = this.activeInstall(installedAppId);
    const url = store.manifest.portal_generator_url;
    if (url === null) throw new ControlError(409, 'the manifest has no portal_generator_url');
    // Today's Cloud names no person (docs/cloud-contract.md §3): user_id and organization_id go only in legacy mode.
    const request: z.input<typeof PortalRequest> =
      (who.portal_fields ?? store.portalFields) === 'legacy'
        ? {
            installed_app_id: install.installed_app_id,
            app_id: install.app_id,
            organization_id: who.organization_id ?? store.organizationId,
            instance_id: install.instance_id,
            user_id: who.user_id ?? store.userId,
          }
        : { installed_app_id: install.installed_app_id, app_id: install.app_id, instance_id: install.instance_id };
    const result = await sendCallback(store, 'launch', install.installed_app_id, url, request, this.callbackTimeoutMs);
    const parsed = PortalResponse.safeParse(result.json);
    if (result.ok && parsed.success) return { portal_url: parsed.data.portal_url, callback: summary(result) };
    const error =
      result.error ?? (result.ok ? 'the answer has no valid portal_url' : `the app answered ${result.status}`);
    return { portal_url: null, callback: { ...summary(result), ok: false, error } };
  }

  private activeInstall(installedAppId: string): InstallRow {
    const install = this.store.installs.get(installedAppId);
    if (!install) throw new ControlError(404, `unknown install "${installedAppId}"`);
    if (install.status !== 'active') throw new ControlError(409, `install ${installedAppId} is ${install.status}`);
    return install;
  }
}
