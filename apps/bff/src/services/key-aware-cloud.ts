import type { InstallCloudClient } from '../cloud/cloud-client';
import { CloudUnauthorizedError } from '../cloud/cloud-errors';

/**
 * Cloud's 401 as the browser sees it: still `cloud_unauthorized` (409, decision 008),
 * with a message that says who can fix it. The user's session is fine; relaunching
 * alone cannot help until the app is reinstalled.
 */
export class InstallKeyRejectedError extends CloudUnauthorizedError {
  constructor() {
    super(
      'Blnk Cloud no longer accepts this install of KYC Review (its key was revoked). Ask a workspace admin to reinstall the app in Blnk Cloud, then launch it again.',
    );
  }
}

export type KeyVerdicts = {
  readonly keyRejected: () => Promise<void>;
  readonly keyAccepted: () => Promise<void>;
};

/**
 * Wraps every method of an install's Cloud client so that each service, present and
 * future, reports Cloud's verdict on the key in one place: a 401 marks the install as
 * needing a reinstall, any answer Cloud authenticated clears that mark (decision 009).
 * `needsReinstall` is what the session saw: the clear is skipped while nothing is marked.
 */
export function withKeyVerdicts(
  client: InstallCloudClient,
  verdicts: KeyVerdicts,
  needsReinstall: boolean,
): InstallCloudClient {
  const watch =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await fn(...args);
        if (needsReinstall) await verdicts.keyAccepted();
        return result;
      } catch (error) {
        if (error instanceof CloudUnauthorizedError) {
          await verdicts.keyRejected();
          throw new InstallKeyRejectedError();
        }
        throw error;
      }
    };
  return {
    listIdentities: watch(client.listIdentities.bind(client)),
    listIdentityRows: watch(client.listIdentityRows.bind(client)),
    getIdentity: watch(client.getIdentity.bind(client)),
    filterIdentities: watch(client.filterIdentities.bind(client)),
    listBalances: watch(client.listBalances.bind(client)),
    listTransactions: watch(client.listTransactions.bind(client)),
    getTokenizedFields: watch(client.getTokenizedFields.bind(client)),
    detokenizeField: watch(client.detokenizeField.bind(client)),
    updateIdentityMetadata: watch(client.updateIdentityMetadata.bind(client)),
    listAlerts: watch(client.listAlerts.bind(client)),
    getAlert: watch(client.getAlert.bind(client)),
    flagAlert: watch(client.flagAlert.bind(client)),
    updateAlert: watch(client.updateAlert.bind(client)),
    alertStatuses: watch(client.alertStatuses.bind(client)),
  };
}
