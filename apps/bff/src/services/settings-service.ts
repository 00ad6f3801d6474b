import { DEFAULT_KYC_SETTINGS, type KycSettings, type SettingsDto } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import { requireFreshSecondFactor, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import { actorLabel } from './reviewer';
import type { Session } from './session';

export type CurrentSettings = { readonly settings: KycSettings; readonly version: number };

export type SettingsService = ReturnType<typeof createSettingsService>;

/**
 * Per-install settings of the checks. Until an install saves its own, the defaults
 * apply as version 0; each save bumps the version, which marks every cached
 * assessment as stale (docs/decisions/011).
 */
export function createSettingsService({
  kyc,
  clock,
  onChange,
}: {
  kyc: KycRepositories;
  clock: Clock;
  onChange: (installedAppId: string) => void;
}) {
  function current(installedAppId: string): CurrentSettings {
    const stored = kyc.settings.get(installedAppId);
    return stored === null
      ? { settings: DEFAULT_KYC_SETTINGS, version: 0 }
      : { settings: stored.settings, version: stored.version };
  }

  function dto(installedAppId: string): SettingsDto {
    const stored = kyc.settings.get(installedAppId);
    return stored === null
      ? { settings: DEFAULT_KYC_SETTINGS, updated_at: null, updated_by: null }
      : { settings: stored.settings, updated_at: stored.updatedAt, updated_by: stored.updatedBy };
  }

  return {
    current,
    get(session: Session): SettingsDto {
      requireScope(session, 'data:read');
      return dto(session.installedAppId);
    },
    /** Saves validated settings; the change is audited with what it was before. A refusal changes nothing, so it is not audited. */
    update(session: Session, settings: KycSettings, ctx: ActionContext): SettingsDto {
      requireScope(session, 'data:read');
      // Policy changes: role lead or admin, second factor confirmed in the last 15 minutes (decision 017).
      const actor = requireRoleOf(session, 'lead');
      requireFreshSecondFactor(session, clock.now().getTime());
      const install = session.installedAppId;
      const at = clock.now().toISOString();
      kyc.transaction(() => {
        const before = current(install).settings;
        kyc.settings.save(install, settings, at, actorLabel(actor));
        kyc.audit.append({
          installedAppId: install,
          identityId: null,
          caseId: null,
          actor,
          action: 'settings_updated',
          before,
          after: settings,
          reason: null,
          requestId: ctx.requestId,
          at,
        });
      });
      onChange(install);
      return dto(install);
    },
  };
}
