import type { Alert, AlertId, BalanceId, IdentityId, TransactionId } from '@kyc-review/contracts';
import type { ScopedCall } from './cloud-transport';
import { CloudBadResponseError } from './cloud-errors';
import { AlertDetail, AlertPage, AlertStatusesReply, type AlertStatus, type CloudPage } from './cloud-responses';
import { OPERATIONS } from './operations';
import { pageParams } from './page-query';

export interface FlagAlertBody {
  readonly title?: string;
  readonly description: string;
}

export interface AlertPatch {
  readonly title?: string;
  readonly description?: string;
  readonly status?: string;
}

export interface AlertListQuery {
  readonly page?: number;
  readonly pageSize?: number;
  /** Only alerts that affect this identity. */
  readonly identityId?: IdentityId;
  readonly status?: string;
}

export interface AlertCalls {
  /** `GET /alerts`, scoped by Cloud to the key's instance. */
  listAlerts(query?: AlertListQuery): Promise<CloudPage<Alert>>;
  getAlert(id: AlertId): Promise<Alert>;
  /** Raises a new alert (status FLAGGED). A write: a timeout is not retried, it could flag twice. */
  flagAlert(entityId: IdentityId | BalanceId | TransactionId, body: FlagAlertBody): Promise<Alert>;
  updateAlert(alertId: AlertId, patch: AlertPatch): Promise<Alert>;
  /** Built-in and organisation-defined statuses, with their names and colours. */
  alertStatuses(): Promise<AlertStatus[]>;
}

export function alertCalls(call: ScopedCall): AlertCalls {
  return {
    async listAlerts(query = {}) {
      const params = pageParams(query);
      // Cloud documents no filters on GET /alerts (docs/cloud-contract.md §6.5 [gap]); the emulator takes
      // these. The identity filter is re-applied below so an ignored parameter can never
      // show one identity another's alerts.
      if (query.identityId !== undefined) params.set('identity_id', query.identityId);
      if (query.status !== undefined) params.set('status', query.status);
      const page = await call({
        operation: 'listAlerts',
        path: OPERATIONS.listAlerts.path(),
        query: params,
        schema: AlertPage,
      });
      const { identityId } = query;
      if (identityId === undefined) return page;
      const data = page.data.filter((alert) => alert.affected_identities.includes(identityId));
      return data.length === page.data.length ? page : { data, total: data.length };
    },

    async getAlert(id) {
      const alert = await call({ operation: 'getAlert', path: OPERATIONS.getAlert.path(id), schema: AlertDetail });
      if (alert.anomaly_id !== id) throw new CloudBadResponseError();
      return alert;
    },

    flagAlert: (entityId, body) =>
      call({ operation: 'flagAlert', path: OPERATIONS.flagAlert.path(entityId), body, schema: AlertDetail }),

    updateAlert: (alertId, patch) =>
      call({ operation: 'updateAlert', path: OPERATIONS.updateAlert.path(alertId), body: patch, schema: AlertDetail }),

    alertStatuses: () =>
      call({ operation: 'alertStatuses', path: OPERATIONS.alertStatuses.path(), schema: AlertStatusesReply }),
  };
}
