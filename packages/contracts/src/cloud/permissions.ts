import { z } from 'zod';

/** The scopes an install can be granted (contract §6.1). */
export const Permission = z.enum(['data:read', 'data:write', 'alerts:read', 'alerts:write']);
export type Permission = z.infer<typeof Permission>;
export const ALL_PERMISSIONS: readonly Permission[] = Permission.options;
