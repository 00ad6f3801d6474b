import type { WriteBackDto } from '@kyc-review/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ALERTS_KEY, caseKey } from './case-queries';

/**
 * When a write-back step lands while the case is open, what it changed elsewhere (the
 * Cloud alerts panel, the history) is fetched again, so the screen never shows the alert
 * "pending" beside an alerts list that already has it.
 */
export function useWriteBackRefresh(identityId: string, writeBack: WriteBackDto | null | undefined): void {
  const queryClient = useQueryClient();
  const landed = `${writeBack?.decision_id ?? ''}:${writeBack?.metadata.state ?? ''}:${writeBack?.alert.state ?? ''}`;
  const previous = useRef(landed);
  useEffect(() => {
    if (previous.current === landed) return;
    previous.current = landed;
    void queryClient.invalidateQueries({ queryKey: [...ALERTS_KEY, { identity_id: identityId }] });
    void queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'history'] });
  }, [landed, identityId, queryClient]);
}
