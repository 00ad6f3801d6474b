import type { InstallEvent, UninstallEvent } from '@kyc-review/contracts';
import type { Clock } from '../clock';
import type { KeyRing } from '../crypto/key-ring';
import type { CallbackOutcome } from '../db/callback-event-repository';
import type { Install } from '../db/install-repository';
import type { Repositories, TxRepositories } from '../db/repositories';
import { InstallMismatchError, InstallNotActiveError, StaleEventError } from '../errors';
import type { SyncInstallReads } from '../db/sqlite-sync-reads';
import { describeError, type Logger } from '../logging/logger';

export type InstallServiceDeps = {
  readonly repos: Repositories;
  readonly keyRing: KeyRing;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The synchronous install read of the Cloud key provider (db/sqlite-sync-reads.ts). */
  readonly syncReads: SyncInstallReads;
  /** Called after an install event activated an install (new, reactivated or replaced); the answer waits for it. */
  readonly onInstalled?: (installedAppId: string) => void | Promise<void>;
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
  readonly keyRejected: () => Promise<void>;
  /** Cloud accepted the key last sent. */
  readonly keyAccepted: () => Promise<void>;
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
  syncReads,
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
    async handleInstall(event: InstallEvent): Promise<CallbackResult> {
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
      const outcome = await repos.transaction(async (tx): Promise<CallbackOutcome> => {
        const existing = await tx.installs.find(event.installed_app_id);
        if (existing !== null) assertSameInstall(existing, event);
        const sameAsStored =
          existing?.status === 'active' &&
          existing.apiKeyFingerprint !== null &&
          knownKeys.includes(existing.apiKeyFingerprint) &&
          existing.grantedScopes.join(',') === grants.join(',');
        let result: CallbackOutcome;
        if (sameAsStored || (await tx.callbackEvents.wasApplied(event.idempotency_key, contents))) {
          result = 'duplicate';
        } else {
          await tx.installs.activate({
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
        await record(tx, 'install', event.idempotency_key, event.installed_app_id, content, result);
        return result;
      });
      if (outcome !== 'duplicate') await onInstalled?.(event.installed_app_id);
      return { outcome, installedAppId: event.installed_app_id };
    },

    async handleUninstall(event: UninstallEvent): Promise<CallbackResult> {
      // `uninstalled_at` may be absent (docs/cloud-contract.md §3): the time of receipt stands in for it.
      const uninstalledAt = event.uninstalled_at ?? clock.now().toISOString();
      // The timestamp tells a replay of an old uninstall from a new one after a reinstall.
      const contents = keyRing
        .fingerprinters()
        .map((fp) => fp(['uninstall', event.installed_app_id, uninstalledAt].join('\n')));
      const content = contents[0] ?? '';
      const outcome = await repos.transaction(async (tx): Promise<CallbackOutcome> => {
        const existing = await tx.installs.find(event.installed_app_id);
        let result: CallbackOutcome;
        if (existing === null) {
          // Decision 002: answer 200 so Cloud can finish revoking a key we never held.
          result = 'unknown_install';
        } else {
          assertSameInstall(existing, event);
          if (
            existing.status === 'uninstalled' ||
            (await tx.callbackEvents.wasApplied(event.idempotency_key, contents))
          ) {
            result = 'duplicate';
          } else if (Date.parse(uninstalledAt) < Date.parse(existing.updatedAt) - CLOCK_SKEW_MS) {
            // Dated before this activation: an old uninstall replayed after a reinstall. An
            // active install's updated_at is when it was (re)activated (by our clock, hence the skew allowance).
            throw new StaleEventError();
          } else {
            await tx.installs.markUninstalled(existing.installedAppId, uninstalledAt, clock.now().toISOString());
            // Uninstall ends every session and remembered browser; the reviewers stay for a reinstall.
            await tx.sessions.deleteForInstall(existing.installedAppId);
            await tx.devices.deleteForInstall(existing.installedAppId);
            await tx.launchTokens.deleteForInstall(existing.installedAppId);
            result = 'uninstalled';
          }
        }
        await record(tx, 'uninstall', event.idempotency_key, event.installed_app_id, content, result);
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
    // Cloud's verdict is recorded after the answer; a failure to record it is logged, never the caller's.
    const recordVerdict = (work: Promise<boolean>, onChange?: () => void) =>
      work.then(
        (changed) => {
          if (changed) onChange?.();
        },
        (error: unknown) => logger.error("could not record Cloud's verdict on the install key", describeError(error)),
      );
    return {
      // The transport asks for the key synchronously, per try (SQLite only until the Cloud path is async).
      apiKey: () => {
        const install = syncReads.find(installedAppId);
        if (install?.status !== 'active' || install.apiKeyCiphertext === null) throw new InstallNotActiveError();
        sentFingerprint = install.apiKeyFingerprint;
        return keyRing.open(install.apiKeyCiphertext, install.installedAppId);
      },
      keyRejected: async () => {
        if (sentFingerprint === null) return;
        await recordVerdict(
          repos.installs.markKeyRejected(installedAppId, sentFingerprint, clock.now().toISOString()),
          () =>
            logger.warn('Cloud rejected the install key: the install needs a reinstall', {
              install_id: installedAppId,
            }),
        );
      },
      keyAccepted: async () => {
        if (sentFingerprint !== null)
          await recordVerdict(repos.installs.clearKeyRejected(installedAppId, sentFingerprint));
      },
    };
  }

  function record(
    tx: TxRepositories,
    kind: 'install' | 'uninstall',
    idempotencyKey: string,
    installedAppId: string,
    contentFingerprint: string,
    outcome: CallbackOutcome,
  ) {
    return tx.callbackEvents.record({
      idempotencyKey,
      kind,
      installedAppId,
      contentFingerprint,
      outcome,
      receivedAt: clock.now().toISOString(),
    });
  }
}
