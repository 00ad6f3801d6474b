import { AssignmentDto, TeamDto, type AssignBody } from '@kyc-review/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { readJson, type ApiClient } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { QUEUE_KEY } from '../queue/queue-queries';
import { caseKey } from './case-queries';

export const TEAM_KEY = ['team'] as const;

/** The install's active reviewers (names and the lead's assign menu); they change rarely. */
export const teamQueryOptions = (api: ApiClient) =>
  queryOptions({
    queryKey: TEAM_KEY,
    queryFn: () => readJson(api.rpc.api.team.$get(), TeamDto),
    staleTime: 5 * 60_000,
  });

/** After an assignment change the case (its assignee), its history and the queue are re-read. */
function useAssignmentChanged(identityId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: caseKey(identityId) }),
      queryClient.invalidateQueries({ queryKey: QUEUE_KEY }),
    ]);
}

/** `POST /api/cases/:id/claim`: the signed-in reviewer takes an unassigned case. */
export function useClaim(identityId: string) {
  const api = useApi();
  const changed = useAssignmentChanged(identityId);
  return useMutation({
    mutationFn: () => readJson(api.rpc.api.cases[':identityId'].claim.$post({ param: { identityId } }), AssignmentDto),
    onSuccess: changed,
    // A 409 means someone else was faster: the case is re-read so it shows who.
    onError: changed,
  });
}

/** `PUT /api/cases/:id/assignee` (lead): assign, reassign or unassign (null). */
export function useAssign(identityId: string) {
  const api = useApi();
  const changed = useAssignmentChanged(identityId);
  return useMutation({
    mutationFn: (body: AssignBody) =>
      readJson(api.rpc.api.cases[':identityId'].assignee.$put({ param: { identityId }, json: body }), AssignmentDto),
    onSuccess: changed,
  });
}
