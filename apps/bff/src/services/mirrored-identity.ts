import { createHash } from 'node:crypto';
import { z } from 'zod';
import { RiskLevel, TOKEN_PREFIX, type Identity } from '@kyc-review/contracts';
import { contactKeys, tokenizedFields } from '@kyc-review/kyc';
import type { CaseSummary } from './case-record';

/** One mirrored identity: the record as Cloud sent it and the keys it is looked up by. */
export type MirroredIdentity = {
  readonly installedAppId: string;
  readonly identityId: string;
  readonly emailKey: string | null;
  readonly phoneKey: string | null;
  readonly nameDobKey: string | null;
  readonly fingerprint: string;
  readonly record: Identity;
  readonly syncedAt: string;
};

/** The name a reviewer sees in the queue: the organisation, or the person's name parts. */
export function displayName(identity: Identity): string {
  // A tokenized part shows as nothing rather than as its token.
  const person = [identity.first_name, identity.other_names, identity.last_name]
    .map((p) => p.trim())
    .filter((p) => p !== '' && !p.startsWith(TOKEN_PREFIX))
    .join(' ');
  const name =
    identity.identity_type === 'organization' && identity.organization_name.trim() !== ''
      ? identity.organization_name.trim()
      : person;
  return name === '' ? identity.identity_id : name;
}

/**
 * JSON with sorted keys, so the same content always hashes the same. Recursive, which is
 * safe only because records are parsed with their nesting bounded (MAX_META_DEPTH).
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * What the checks read, hashed. The app's own `kyc_*` metadata is left out: writing a
 * decision back must not make the identity look changed and trigger a re-assessment.
 */
export function identityFingerprint(identity: Identity): string {
  const meta = Object.fromEntries(Object.entries(identity.meta_data).filter(([key]) => !key.startsWith('kyc_')));
  return createHash('sha256')
    .update(canonical({ ...identity, meta_data: meta }))
    .digest('hex');
}

/** The keys a mirrored identity is looked up by for duplicates (the duplicates check's own keys). */
export function mirrorKeysOf(identity: Identity) {
  const keys = contactKeys(identity);
  return { emailKey: keys.email, phoneKey: keys.phone, nameDobKey: keys.nameDob };
}

/** `fingerprint`: when the caller computed it already (`identityFingerprint`). */
export function toMirroredIdentity(
  installedAppId: string,
  identity: Identity,
  syncedAt: string,
  fingerprint = identityFingerprint(identity),
): MirroredIdentity {
  return {
    installedAppId,
    identityId: identity.identity_id,
    // The same keys the duplicates check compares (packages/kyc), so a lookup finds every candidate.
    ...mirrorKeysOf(identity),
    fingerprint,
    record: identity,
    syncedAt,
  };
}

const IsoDateTime = z.iso.datetime({ offset: true });

/** What the queue shows and searches; tokenized values are never searchable. */
export function summaryOf(identity: Identity): CaseSummary {
  const status = identity.meta_data['kyc_status'];
  const reviewedAt = IsoDateTime.safeParse(identity.meta_data['kyc_reviewed_at']);
  const level = RiskLevel.safeParse(identity.meta_data['kyc_risk_level']);
  const tokenized = tokenizedFields(identity);
  const searchable = (['first_name', 'other_names', 'last_name', 'organization_name', 'email_address'] as const)
    .filter((f) => !tokenized.has(f) && !identity[f].startsWith(TOKEN_PREFIX))
    .map((f) => identity[f].trim().toLowerCase())
    .filter((v) => v !== '');
  return {
    displayName: displayName(identity),
    searchText: [...searchable, identity.identity_id.toLowerCase()].join(' '),
    identityType: identity.identity_type,
    country: identity.country,
    createdAt: identity.created_at,
    kycStatus: typeof status === 'string' && status !== '' ? status : null,
    kycReviewedAt: reviewedAt.success ? reviewedAt.data : null,
    kycRiskLevel: level.success ? level.data : null,
  };
}
