import { CaseQueueDto, type CaseSummaryDto } from '@kyc-review/contracts';
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
