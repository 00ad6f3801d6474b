import type { Config } from './env';

/**
 * The two URLs to paste into the Cloud manifest (docs/cloud-contract.md §2 (registration)). The secret is shown as
 * a placeholder: start-up logs must not carry it (§8).
 */
export function manifestUrls(config: Pick<Config, 'publicUrl' | 'callbackSecret'>): {
  callback: string;
  portal: string;
} {
  const query = config.callbackSecret === null ? '' : '?key=<CLOUD_CALLBACK_SECRET>';
  return { callback: `${config.publicUrl}/cloud/callback${query}`, portal: `${config.publicUrl}/cloud/portal${query}` };
}
