import type {
  Alert,
  AlertDto,
  AlertId,
  AlertListDto,
  AlertStatusListDto,
  CreateAlertBody,
  IdentityId,
  PageQuery,
  UpdateAlertBody,
} from '@kyc-review/contracts';
import type { InstallCloudClient } from '../cloud/cloud-client';
import type { IdentityNameRepository } from '../db/identity-name-repository';
import { CloudBadResponseError } from '../cloud/cloud-errors';
import { assertGranted } from '../cloud/operations';
import { orNotFound } from './identity-service';
import { toAlertDto, type AlertNames } from './record-dto';
import type { Session } from './session';

export type AlertServiceDeps = {
  readonly cloudFor: (session: Session) => InstallCloudClient;
  readonly identityNames: IdentityNameRepository;
  /** The display names of the install's reviewers linked to these Cloud users (decision 017). */
  readonly reviewerNames: (
    installedAppId: string,
    cloudUserIds: readonly string[],
  ) => Promise<ReadonlyMap<string, string>>;
};

export type AlertService = ReturnType<typeof createAlertService>;

export type AlertListFilter = PageQuery & { readonly identityId?: IdentityId | undefined };

/**
 * Cloud's Alerts API for the session's install (docs/cloud-contract.md §6.5). Cloud scopes alerts to
 * the key's instance; on top of that an identity filter is checked against the
 * instance's identities, so another install's identity id is a 404 like everywhere.
 */
export function createAlertService({ cloudFor, identityNames, reviewerNames }: AlertServiceDeps) {
  /**
   * The names for alerts: the identities they affect (as the install's cases know them) and
   * the people they are assigned or escalated to (the reviewers linked to those Cloud users).
   */
  const namesFor = async (session: Session, alerts: readonly Alert[]): Promise<AlertNames> => ({
    identities: identityNames.namesOf(
      session.installedAppId,
      alerts.flatMap((a) => a.affected_identities),
    ),
    reviewers: await reviewerNames(
      session.installedAppId,
      alerts.flatMap((a) => [a.assigned_to, ...a.escalated_to]).filter((v) => v.trim() !== ''),
    ),
  });
  const named = async (session: Session, alerts: readonly Alert[]): Promise<AlertDto[]> => {
    const names = await namesFor(session, alerts);
    return alerts.map((a) => toAlertDto(a, names));
  };
  const one = async (session: Session, alert: Alert): Promise<AlertDto> =>
    toAlertDto(alert, await namesFor(session, [alert]));
  return {
    async list(session: Session, filter: AlertListFilter): Promise<AlertListDto> {
      const cloud = cloudFor(session);
      const { identityId } = filter;
      if (identityId === undefined) {
        const page = await cloud.listAlerts({ page: filter.page, pageSize: filter.pageSize });
        return { items: await named(session, page.data), total: page.total };
      }
      // Both scopes before either call, so a missing one reaches Cloud with nothing.
      assertGranted(session.grantedPermissions, 'listAlerts');
      assertGranted(session.grantedPermissions, 'getIdentity');
      const [, page] = await Promise.all([
        orNotFound(cloud.getIdentity(identityId), 'identity'),
        cloud.listAlerts({ page: filter.page, pageSize: filter.pageSize, identityId }),
      ]);
      return { items: await named(session, page.data), total: page.total };
    },

    async statuses(session: Session): Promise<AlertStatusListDto> {
      const statuses = await cloudFor(session).alertStatuses();
      // One entry per key (first wins): a select cannot offer the same value twice.
      const seen = new Set<string>();
      const unique = statuses.filter((s) => !seen.has(s.key) && Boolean(seen.add(s.key)));
      return { data: unique.map(({ key, name, colour }) => ({ key, name, colour })) };
    },

    async get(session: Session, id: AlertId): Promise<AlertDto> {
      return one(session, await orNotFound(cloudFor(session).getAlert(id), 'alert'));
    },

    /** A write, never retried blindly (decision 008): a timeout may still have raised it. */
    async create(session: Session, identityId: IdentityId, body: CreateAlertBody): Promise<AlertDto> {
      const flag =
        body.title === undefined
          ? { description: body.description }
          : { title: body.title, description: body.description };
      const alert = await orNotFound(cloudFor(session).flagAlert(identityId, flag), 'identity');
      // An alert that does not name the identity flagged is not one we asked for.
      if (!alert.affected_identities.includes(identityId)) throw new CloudBadResponseError();
      return one(session, alert);
    },

    async update(session: Session, id: AlertId, body: UpdateAlertBody): Promise<AlertDto> {
      const patch = {
        ...(body.status === undefined ? {} : { status: body.status }),
        ...(body.description === undefined ? {} : { description: body.description }),
      };
      return one(session, await orNotFound(cloudFor(session).updateAlert(id, patch), 'alert'));
    },
  };
}
