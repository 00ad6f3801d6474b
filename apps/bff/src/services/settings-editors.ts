import type { UserId } from '@kyc-review/contracts';
import { SettingsReadOnlyError } from './review-errors';
import type { Session } from './session';

export type SettingsEditors = {
  /** Whether the session's user may change settings and import watchlists. */
  canEdit(session: Session): boolean;
  /** Throws SettingsReadOnlyError unless canEdit; called before anything is stored. */
  requireEditor(session: Session): void;
};

/**
 * Cloud gives the app no roles, only the launching user's id (contract §3), so the
 * editors are a configured list. null (unset) lets every reviewer edit; once a list
 * is set, a launch without a user id can never edit.
 */
export function createSettingsEditors(editors: readonly UserId[] | null): SettingsEditors {
  const allowed = editors === null ? null : new Set<string>(editors);
  const canEdit = (session: Session) => allowed === null || (session.userId !== null && allowed.has(session.userId));
  return {
    canEdit,
    requireEditor(session) {
      if (!canEdit(session)) throw new SettingsReadOnlyError();
    },
  };
}
