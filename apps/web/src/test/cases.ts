import { CaseDetailDto, CaseQueueDto, DEFAULT_KYC_SETTINGS, type CaseSummaryDto } from '@kyc-review/contracts';
import { z } from 'zod';
import type { BffFetch } from './bff';

/** The first case in the (synced) queue that fits, read from the real BFF as the SPA would. */
export async function findCase(
  fetch: BffFetch,
  fits: (c: CaseSummaryDto) => boolean,
  query = '',
): Promise<CaseSummaryDto> {
  const response = await fetch(`/api/cases?pageSize=100${query}`);
  const queue = CaseQueueDto.parse(await response.json());
  const found = queue.items.find(fits);
  if (found === undefined) throw new Error('the seeded queue has no such case');
  fetch.calls.length = 0;
  return found;
}

/**
 * A new case that is high risk by its weights alone, so nothing blocks its approval: the
 * install's bands are lowered first (no seeded case is high without a hit, a hard stop or a
 * skipped check, and those block approval without a lead's override).
 */
export async function findApprovableHighCase(fetch: BffFetch): Promise<CaseSummaryDto> {
  const session = SessionCsrf.parse(await (await fetch('/api/session')).json());
  const put = await fetch('/api/settings', {
    method: 'PUT',
    body: JSON.stringify({ ...DEFAULT_KYC_SETTINGS, risk_bands: { medium: 0.05, high: 0.1 } }),
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
  });
  if (put.status !== 200) throw new Error(`PUT /api/settings answered ${String(put.status)}`);
  const queue = CaseQueueDto.parse(await (await fetch('/api/cases?pageSize=100&status=new')).json());
  for (const item of queue.items) {
    // Opening a case re-assesses it with the new settings.
    const detail = CaseDetailDto.parse(await (await fetch(`/api/cases/${item.identity_id}`)).json());
    if (detail.case.risk.level === 'high' && detail.case.approval_blockers.length === 0) {
      fetch.calls.length = 0;
      return item;
    }
  }
  throw new Error('no approvable high-risk case');
}
const SessionCsrf = z.object({ csrf_token: z.string() });
