import { z } from 'zod';

// Blnk ids are a prefix plus a UUID (contract §7). We check the prefix and a safe
// alphabet rather than the UUID shape: Cloud's own ids are not promised to be UUIDs.
const idBody = '[A-Za-z0-9_-]{1,128}';
const prefixed = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}${idBody}$`), `must start with "${prefix}"`);

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
export const InstalledAppId = prefixed('instapp_').brand<'InstalledAppId'>();
export type InstalledAppId = z.infer<typeof InstalledAppId>;
export const AppId = prefixed('app_').brand<'AppId'>();
export type AppId = z.infer<typeof AppId>;
export const InstanceId = prefixed('inst_').brand<'InstanceId'>();
export type InstanceId = z.infer<typeof InstanceId>;
export const OrganizationId = prefixed('org_').brand<'OrganizationId'>();
export type OrganizationId = z.infer<typeof OrganizationId>;
export const UserId = prefixed('user_').brand<'UserId'>();
export type UserId = z.infer<typeof UserId>;
