import { Hono } from 'hono';
import { parseCallbackEvent, PortalRequest } from '@kyc-review/contracts';
import { AppNotAllowedError } from '../errors';
import type { AppEnv } from '../http/app-env';
import { readJson, readJsonText, validationError } from '../http/json-body';
import type { InstallService } from '../services/install-service';
import type { PortalService } from '../services/portal-service';

export type CloudRoutesDeps = {
  readonly installs: InstallService;
  readonly portal: PortalService;
  /** CLOUD_APP_ID: when set, other apps' events and launches are refused (docs/cloud-contract.md §8). */
  readonly pinnedAppId: string | null;
};

/** The two URLs registered in the Cloud manifest (docs/cloud-contract.md §2–§4). Callback key is checked before. */
export function cloudRoutes({ installs, portal, pinnedAppId }: CloudRoutesDeps) {
  const assertAllowed = (appId: string) => {
    if (pinnedAppId !== null && appId !== pinnedAppId) throw new AppNotAllowedError();
  };

  return new Hono<AppEnv>()
    .post('/callback', async (c) => {
      const parsed = parseCallbackEvent(await readJsonText(c));
      if (!parsed.ok) throw validationError(parsed.issues);
      const { kind, event } = parsed.value;
      assertAllowed(event.app_id);
      c.set('logInstall', {
        installedAppId: event.installed_app_id,
        ...(kind === 'install' ? { apiKeyPrefix: event.api_key_prefix } : {}),
      });
      const result = kind === 'install' ? await installs.handleInstall(event) : await installs.handleUninstall(event);
      return c.json({ ok: true as const, outcome: result.outcome }, 200);
    })
    .post('/portal', async (c) => {
      const request = await readJson(c, PortalRequest);
      assertAllowed(request.app_id);
      c.set('logInstall', { installedAppId: request.installed_app_id });
      const launch = await portal.requestLaunch(request);
      c.set('logInstall', { installedAppId: launch.installedAppId, apiKeyPrefix: launch.apiKeyPrefix });
      return c.json({ portal_url: launch.portalUrl }, 200);
    });
}
