import { z } from 'zod';

/** The scopes an install can be granted that this app uses (docs/cloud-contract.md §6.1). */
export const Permission = z.enum(['data:read', 'data:write', 'alerts:read', 'alerts:write']);
export type Permission = z.infer<typeof Permission>;
export const ALL_PERMISSIONS: readonly Permission[] = Permission.options;

/**
 * Any scope Cloud may grant: production licences have granular scopes and Cloud keys have
 * `proxy:read`/`proxy:write` (docs/cloud-contract.md §3). Stored as granted, never a reason to refuse an event.
 */
export const GrantedScope = z.string().regex(/^[\x21-\x7e]{1,128}$/, 'is not a scope name');
export type GrantedScope = z.infer<typeof GrantedScope>;

const isPermission = (scope: string): scope is Permission => Permission.safeParse(scope).success;

/** The scopes this app knows, from a granted list that may hold others; sorted, no repeats. */
export function knownPermissions(scopes: readonly string[]): Permission[] {
  return [...new Set(scopes.filter(isPermission))].sort();
}
