import {
  CaseDetailDto,
  NoteDto,
  RevealDto,
  type DecisionBody,
  type HitDispositionBody,
  type NoteBody,
  type OverrideBody,
  type RevealBody,
} from '@kyc-review/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { QUEUE_KEY } from '../queue/queue-queries';
import { ALERTS_KEY, caseKey } from './case-queries';

/**
 * After a change the answer is the new case, so it goes straight into the cache; the history,
 * the queue (status, counts) and the alerts (reject and escalate may raise one) are re-read.
 */
function useCaseChanged(identityId: string) {
  const queryClient = useQueryClient();
  return async (detail: CaseDetailDto) => {
    queryClient.setQueryData(caseKey(identityId), detail);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'history'] }),
      queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
      queryClient.invalidateQueries({ queryKey: ALERTS_KEY }),
    ]);
  };
}

/** `POST /api/cases/:id/decisions`. */
export function useDecision(identityId: string) {
  const api = useApi();
  const changed = useCaseChanged(identityId);
  return useMutation({
    mutationFn: (body: DecisionBody) =>
      readJson(api.rpc.api.cases[':identityId'].decisions.$post({ param: { identityId }, json: body }), CaseDetailDto),
    onSuccess: changed,
  });
}

/** `POST /api/cases/:id/hits/:hitId`: confirm a watchlist hit or mark it a false positive, with a reason. */
export function useHitDisposition(identityId: string) {
  const api = useApi();
  const changed = useCaseChanged(identityId);
  return useMutation({
    mutationFn: ({ hitId, body }: { hitId: string; body: HitDispositionBody }) =>
      readJson(
        api.rpc.api.cases[':identityId'].hits[':hitId'].$post({ param: { identityId, hitId }, json: body }),
        CaseDetailDto,
      ),
    onSuccess: changed,
  });
}

/** `POST /api/cases/:id/hits/:hitId/reversal`: a lead re-opens a hit, with a reason. */
export function useHitReversal(identityId: string) {
  const api = useApi();
  const changed = useCaseChanged(identityId);
  return useMutation({
    mutationFn: ({ hitId, note }: { hitId: string; note: string }) =>
      readJson(
        api.rpc.api.cases[':identityId'].hits[':hitId'].reversal.$post({
          param: { identityId, hitId },
          json: { note },
        }),
        CaseDetailDto,
      ),
    onSuccess: changed,
  });
}

/** `POST /api/cases/:id/override`: a lead approves over the blockers, with a reason code and a note. */
export function useOverride(identityId: string) {
  const api = useApi();
  const changed = useCaseChanged(identityId);
  return useMutation({
    mutationFn: (body: OverrideBody) =>
      readJson(api.rpc.api.cases[':identityId'].override.$post({ param: { identityId }, json: body }), CaseDetailDto),
    onSuccess: changed,
  });
}

/**
 * `POST /api/cases/:id/reveal`: one tokenized field in clear. The value stays in this
 * mutation's memory only (never the query cache, never storage) and is gone on navigation.
 * The BFF re-ran the checks that needed the field, so the case (checks, hits, blockers),
 * its history and the queue are re-read; none of them carries the value.
 */
export function useReveal(identityId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (field: RevealBody['field']) =>
      readJson(api.rpc.api.cases[':identityId'].reveal.$post({ param: { identityId }, json: { field } }), RevealDto),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKey(identityId), exact: true }),
        queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'history'] }),
        queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
      ]),
  });
}

/** `POST /api/cases/:id/notes`: a note without a decision; the notes and the history are re-read. */
export function useAddNote(identityId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NoteBody) =>
      readJson(api.rpc.api.cases[':identityId'].notes.$post({ param: { identityId }, json: body }), NoteDto),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'notes'] }),
        queryClient.invalidateQueries({ queryKey: [...caseKey(identityId), 'history'] }),
      ]),
  });
}
