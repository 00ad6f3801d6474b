import {
  DEFAULT_KYC_SETTINGS,
  type KycSettings,
  type SettingsDto,
  type SettingsHistoryDto,
  type SettingsHistoryQuery,
} from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KycRepositories } from '../db/kyc-repositories';
import type { SettingsHistoryRepository } from '../db/settings-history-repository';
import { requireFreshSecondFactor, requireRoleOf, requireScope, type ActionContext } from './kyc-access';
import { actorFromLabel, actorLabel } from './reviewer';
import { settingsFieldChanges } from './settings-diff';
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
  history,
  clock,
  onChange,
}: {
  kyc: KycRepositories;
  /** The history's reads, on the async storage (decision 022); a save appends in its own transaction. */
  history: Pick<SettingsHistoryRepository, 'page'>;
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
    if (stored === null)
      return { settings: DEFAULT_KYC_SETTINGS, updated_at: null, updated_by: null, updated_by_name: null };
    const by = actorFromLabel(stored.updatedBy);
    return { settings: stored.settings, updated_at: stored.updatedAt, updated_by: by.id, updated_by_name: by.name };
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
        const version = current(install).version;
        kyc.settingsHistory.append(install, {
          version,
          before,
          after: settings,
          changedBy: actorLabel(actor),
          changedAt: at,
        });
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
    /** Every saved change, newest first: who, when, before and after (leads and admins). */
    async history(session: Session, query: SettingsHistoryQuery): Promise<SettingsHistoryDto> {
      requireScope(session, 'data:read');
      requireRoleOf(session, 'lead');
      const rows = await history.page(session.installedAppId, query.before ?? null, query.limit + 1);
      const items = rows.slice(0, query.limit).map((r) => {
        const by = actorFromLabel(r.changedBy);
        return {
          change_id: r.changeId,
          version: r.version,
          changed_at: r.changedAt,
          changed_by: by.id,
          changed_by_name: by.name,
          before: r.before,
          after: r.after,
          fields: settingsFieldChanges(r.before, r.after),
        };
      });
      const last = items.at(-1);
      return { items, next_before: rows.length > query.limit && last !== undefined ? last.change_id : null };
    },
  };
}
