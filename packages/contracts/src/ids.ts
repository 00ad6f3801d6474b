import { z } from 'zod';

// Core's record ids are a prefix plus a UUID (docs/cloud-contract.md §7): we check the prefix and a
// safe alphabet rather than the UUID shape.
const idBody = '[A-Za-z0-9_-]{1,128}';
const prefixed = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}${idBody}$`), `must start with "${prefix}"`);

/**
 * Cloud's own ids (installs, apps, instances, organizations, users) come in several shapes
 * (`inst_…` in the docs, `instance_…` from the SDK, ULIDs, `org_01ABC123`): never parse them,
 * only keep them to a safe alphabet and length (docs/cloud-contract.md §3). Refusing an install's id makes
 * Cloud cancel it; refusing an uninstall's leaves the key valid.
 */
export const SAFE_CLOUD_ID = /^[A-Za-z0-9_.:-]{1,128}$/;
const cloudId = () => z.string().regex(SAFE_CLOUD_ID, 'must be 1–128 characters of letters, digits and _ . : -');

export const IdentityId = prefixed('idt_').brand<'IdentityId'>();
export type IdentityId = z.infer<typeof IdentityId>;
export const BalanceId = prefixed('bln_').brand<'BalanceId'>();
export type BalanceId = z.infer<typeof BalanceId>;
export const LedgerId = prefixed('ldg_').brand<'LedgerId'>();
export type LedgerId = z.infer<typeof LedgerId>;
export const TransactionId = prefixed('txn_').brand<'TransactionId'>();
export type TransactionId = z.infer<typeof TransactionId>;
export const AlertId = prefixed('ano_').brand<'AlertId'>();
export type AlertId = z.infer<typeof AlertId>;
export const InstalledAppId = cloudId().brand<'InstalledAppId'>();
export type InstalledAppId = z.infer<typeof InstalledAppId>;
export const AppId = cloudId().brand<'AppId'>();
export type AppId = z.infer<typeof AppId>;
export const InstanceId = cloudId().brand<'InstanceId'>();
export type InstanceId = z.infer<typeof InstanceId>;
export const OrganizationId = cloudId().brand<'OrganizationId'>();
export type OrganizationId = z.infer<typeof OrganizationId>;
export const UserId = cloudId().brand<'UserId'>();
export type UserId = z.infer<typeof UserId>;
/** A watchlist hit on a case (ours, not Cloud's): `hit_` and a digest of entry and matched name. */
export const HitId = prefixed('hit_').brand<'HitId'>();
export type HitId = z.infer<typeof HitId>;
/** The app's own people (docs/decisions/017): never a Cloud id. */
export const ReviewerId = prefixed('rvw_').brand<'ReviewerId'>();
export type ReviewerId = z.infer<typeof ReviewerId>;
export const InvitationId = prefixed('inv_').brand<'InvitationId'>();
export type InvitationId = z.infer<typeof InvitationId>;
