import type { KycRepositories } from '../db/kyc-repositories';
import { ConflictError, NotFoundError } from '../errors';
import type { CaseRecord } from './case-record';

/**
 * The case as it is now, inside the caller's transaction, refused when the reviewer saw an
 * older version (If-Match) or it does not exist: what every change to a case starts with.
 */
export function caseAtVersion(
  kyc: KycRepositories,
  installedAppId: string,
  identityId: string,
  expectedVersion: number | null,
): CaseRecord {
  const kase = kyc.cases.get(installedAppId, identityId);
  if (kase === null) throw new NotFoundError('No such case.');
  if (expectedVersion !== null && expectedVersion !== kase.version)
    throw new ConflictError('The case changed since you opened it. Reload it and try again.', {
      current_version: kase.version,
    });
  return kase;
}
