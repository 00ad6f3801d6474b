import { BulkPreviewDto, BulkResultDto, type BulkApprovalBody } from '@kyc-review/contracts';
import type { z } from 'zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { QUEUE_KEY } from './queue-queries';

/** `POST /api/bulk-approvals/preview`: which selected cases may be approved in bulk, and why the others not. */
export function useBulkPreview() {
  const api = useApi();
  return useMutation({
    mutationFn: (identityIds: readonly string[]) =>
      readJson(
        api.rpc.api['bulk-approvals'].preview.$post({ json: { identity_ids: [...identityIds] } }),
        BulkPreviewDto,
      ),
  });
}

/** `POST /api/bulk-approvals`: one decision per confirmed case; the queue is re-read after. */
export function useBulkApprove() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof BulkApprovalBody>) =>
      readJson(api.rpc.api['bulk-approvals'].$post({ json: body }), BulkResultDto),
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
  });
}
