import type { Permission } from '@kyc-review/contracts';
import type { Context, MiddlewareHandler } from 'hono';
import type { Store } from '../state/store';
import { cloudError, type ApiEnv } from './api-env';

/** Which scope a call needs (docs/cloud-contract.md §6.1). */
export function scopeFor(method: string, path: string): Permission {
  const write = method !== 'GET' && method !== 'HEAD';
  if (path.startsWith('/alerts')) return write ? 'alerts:write' : 'alerts:read';
  if (path.startsWith('/proxy/')) return write ? 'data:write' : 'data:read';
  return 'data:read';
}

/**
 * Bearer key → install → instance, as Cloud's gateway does: 401 for a missing, unknown or
 * revoked key, 403 for a missing scope or another instance, 400 for a missing instance_id
 * where one is required. Alerts take no instance_id ([gap] §6.5: accepted and ignored
 * unless it names another instance).
 */
export function authorize(store: Store, options: { readonly instanceRequired: boolean }): MiddlewareHandler<ApiEnv> {
  return async (c: Context<ApiEnv>, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return cloudError(c, 401, 'missing API key: send Authorization: Bearer <key>');
    const install = store.installForKey(match[1]);
    if (!install) return cloudError(c, 401, 'invalid or revoked API key');
    c.var.call.installed_app_id = install.installed_app_id;
    const scope = scopeFor(c.req.method, c.req.path);
    if (!install.granted_permissions.includes(scope))
      return cloudError(c, 403, `this API key was not granted the "${scope}" permission`);
    const instanceId = c.req.query('instance_id');
    if ((instanceId === undefined || instanceId === '') && options.instanceRequired)
      return cloudError(c, 400, 'instance_id is required');
    if (instanceId !== undefined && instanceId !== '' && instanceId !== install.instance_id)
      return cloudError(c, 403, 'this API key is not bound to that instance');
    const instance = store.instance(install.instance_id);
    if (!instance) return cloudError(c, 403, 'the instance of this install no longer exists');
    c.set('install', install);
    c.set('instance', instance);
    await next();
    return undefined;
  };
}
