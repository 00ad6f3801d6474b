import type { InstallEvent, UninstallEvent } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import type { CallbackOutcome } from '../db/callback-event-repository';
import type { Install } from '../db/install-repository';
import type { Repositories } from '../db/repositories';
import { InstallMismatchError, InstallNotActiveError, StaleEventError } from '../errors';
import type { Logger } from '../logging/logger';

export type InstallServiceDeps = {
  readonly repos: Repositories;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after an install event activated an install (new, reactivated or replaced). */
  readonly onInstalled?: (installedAppId: string) => void;
  /** Called after an uninstall was applied (the mirror purge, decision 016). */
  readonly onUninstalled?: (installedAppId: string) => void;
};

export type CallbackResult = { readonly outcome: CallbackOutcome; readonly installedAppId: string };

export type InstallService = ReturnType<typeof createInstallService>;

/** One request's use of an install's key (see `keyHandle`). */
export type KeyHandle = {
  /** Decrypts the key for one try and remembers which key was sent. */
  readonly apiKey: () => string;
  /** Cloud answered 401 to the key last sent. */
  readonly keyRejected: () => void;
  /** Cloud accepted the key last sent. */
  readonly keyAccepted: () => void;
};

/** How far Cloud's clock (uninstalled_at) may trail ours before an uninstall counts as dated before its install. */
const CLOCK_SKEW_MS = 60_000;

const sortedGrants = (grants: readonly string[]) => [...new Set(grants)].sort();

/**
 * Install and uninstall events (docs/cloud-contract.md §2–§4, decision 002). Idempotency is decided by
 * content, not only by the key: a reinstall may reuse `install:<installed_app_id>`.
 */
export function createInstallService({
  repos,
  keyRing,
  clock,
  logger,
  onInstalled,
  onUninstalled,
}: InstallServiceDeps) {
  function assertSameInstall(
    existing: Install,
    event: { app_id: string; instance_id: string; organization_id?: string | undefined },
  ) {
    const fields: string[] = [];
    if (existing.appId !== event.app_id) fields.push('app_id');
    if (existing.instanceId !== event.instance_id) fields.push('instance_id');
    if (
      event.organization_id !== undefined &&
      existing.organizationId !== null &&
      existing.organizationId !== event.organization_id
    ) {
      fields.push('organization_id');
    }
    // 409: an installed_app_id cannot move to another app, instance or organization.
    if (fields.length > 0) throw new InstallMismatchError(409, fields);
  }

  return {
    handleInstall(event: InstallEvent): CallbackResult {
      const grants = sortedGrants(event.granted_permissions);
      // Under every key of the ring (primary first): after a rotation, a replay of an event
      // applied before it is still recognised, and so is the same API key.
      const underEachKey = keyRing.fingerprinters().map((fp) => {
        const key = fp(event.api_key);
        const content = fp(
          ['install', event.installed_app_id, event.app_id, event.instance_id, key, grants.join(',')].join('\n'),
        );
        return { key, content };
      });
      const keyFingerprint = underEachKey[0]?.key ?? '';
      const content = underEachKey[0]?.content ?? '';
      const knownKeys = underEachKey.map((f) => f.key);
      const contents = underEachKey.map((f) => f.content);
      // Encrypt outside the transaction: the write lock is held only for the SQL.
      const ciphertext = keyRing.seal(event.api_key, event.installed_app_id);
      const outcome = repos.transaction((): CallbackOutcome => {
        const existing = repos.installs.find(event.installed_app_id);
        if (existing !== null) assertSameInstall(existing, event);
        const sameAsStored =
          existing?.status === 'active' &&
          existing.apiKeyFingerprint !== null &&
          knownKeys.includes(existing.apiKeyFingerprint) &&
          existing.grantedScopes.join(',') === grants.join(',');
        let result: CallbackOutcome;
        if (sameAsStored || repos.callbackEvents.wasApplied(event.idempotency_key, contents)) {
          result = 'duplicate';
        } else {
          repos.installs.activate({
            installedAppId: event.installed_app_id,
            appId: event.app_id,
            instanceId: event.instance_id,
            organizationId: event.organization_id ?? null,
            apiKeyCiphertext: ciphertext,
            apiKeyFingerprint: keyFingerprint,
            apiKeyPrefix: event.api_key_prefix,
            grantedScopes: grants,
            at: clock.now().toISOString(),
          });
          result = existing === null ? 'installed' : existing.status === 'uninstalled' ? 'reactivated' : 'replaced';
        }
        record('install', event.idempotency_key, event.installed_app_id, content, result);
        return result;
      });
      if (outcome !== 'duplicate') onInstalled?.(event.installed_app_id);
      return { outcome, installedAppId: event.installed_app_id };
    },

    handleUninstall(event: UninstallEvent): CallbackResult {
      // `uninstalled_at` may be absent (docs/cloud-contract.md §3): the time of receipt stands in for it.
      const uninstalledAt = event.uninstalled_at ?? clock.now().toISOString();
      // The timestamp tells a replay of an old uninstall from a new one after a reinstall.
      const contents = keyRing
        .fingerprinters()
        .map((fp) => fp(['uninstall', event.installed_app_id, uninstalledAt].join('\n')));
      const content = contents[0] ?? '';
      const outcome = repos.transaction((): CallbackOutcome => {
        const existing = repos.installs.find(event.installed_app_id);
        let result: CallbackOutcome;
        if (existing === null) {
          // Decision 002: answer 200 so Cloud can finish revoking a key we never held.
          result = 'unknown_install';
        } else {
          assertSameInstall(existing, event);
          if (existing.status === 'uninstalled' || repos.callbackEvents.wasApplied(event.idempotency_key, contents)) {
            result = 'duplicate';
          } else if (Date.parse(uninstalledAt) < Date.parse(existing.updatedAt) - CLOCK_SKEW_MS) {
            // Dated before this activation: an old uninstall replayed after a reinstall. An
            // active install's updated_at is when it was (re)activated (by our clock, hence the skew allowance).
            throw new StaleEventError();
          } else {
            repos.installs.markUninstalled(existing.installedAppId, uninstalledAt, clock.now().toISOString());
            // Uninstall ends every session and remembered browser; the reviewers stay for a reinstall.
            repos.sessions.deleteForInstall(existing.installedAppId);
            repos.devices.deleteForInstall(existing.installedAppId);
            repos.launchTokens.deleteForInstall(existing.installedAppId);
            result = 'uninstalled';
          }
        }
        record('uninstall', event.idempotency_key, event.installed_app_id, content, result);
        return result;
      });
      if (outcome === 'uninstalled') {
        // The envelope is overwritten in place (secure_delete); the checkpoint removes the WAL's copy.
        try {
          repos.checkpoint();
        } catch (error) {
          // A reader holding the WAL delays it; the next checkpoint (SQLite's own) completes it.
          logger.warn('WAL checkpoint after uninstall did not complete', {
            install_id: event.installed_app_id,
            reason: error instanceof Error ? error.name : 'unknown',
          });
        }
        onUninstalled?.(event.installed_app_id);
      }
      if (outcome === 'unknown_install')
        logger.warn('uninstall for an install this server never stored', { install_id: event.installed_app_id });
      return { outcome, installedAppId: event.installed_app_id };
    },

    /**
     * The key provider of one request's Cloud client, plus what Cloud's verdict on the
     * key means for the install (decision 009): a 401 marks the install as needing a
     * reinstall, a success clears that mark. Both name the key actually sent (by its
     * fingerprint), so a key replaced by a reinstall meanwhile is never marked.
     */
    keyHandle,
  };

  function keyHandle(installedAppId: string): KeyHandle {
    let sentFingerprint: string | null = null;
    return {
      apiKey: () => {
        const install = repos.installs.find(installedAppId);
        if (install?.status !== 'active' || install.apiKeyCiphertext === null) throw new InstallNotActiveError();
        sentFingerprint = install.apiKeyFingerprint;
        return keyRing.open(install.apiKeyCiphertext, install.installedAppId);
      },
      keyRejected: () => {
        if (sentFingerprint === null) return;
        if (repos.installs.markKeyRejected(installedAppId, sentFingerprint, clock.now().toISOString())) {
          logger.warn('Cloud rejected the install key: the install needs a reinstall', { install_id: installedAppId });
        }
      },
      keyAccepted: () => {
        if (sentFingerprint !== null) repos.installs.clearKeyRejected(installedAppId, sentFingerprint);
      },
    };
  }

  function record(
    kind: 'install' | 'uninstall',
    idempotencyKey: string,
    installedAppId: string,
    contentFingerprint: string,
    outcome: CallbackOutcome,
  ) {
    repos.callbackEvents.record({
      idempotencyKey,
      kind,
      installedAppId,
      contentFingerprint,
      outcome,
      receivedAt: clock.now().toISOString(),
    });
  }
}
