import {
  CreatedInvitationDto,
  InvitationDto,
  ReviewerDto,
  ReviewerListDto,
  type InvitationBody,
  type ReviewerUpdateBody,
} from '@kyc-review/contracts';
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { readJson, type ApiClient } from '../../api/api-client';
import { useChange } from '../../api/use-change';
import { SESSION_QUERY_KEY } from '../../api/query-client';

const REVIEWERS_KEY = ['reviewers'] as const;

export const reviewersQueryOptions = (api: ApiClient) =>
  queryOptions({ queryKey: REVIEWERS_KEY, queryFn: () => readJson(api.rpc.api.reviewers.$get(), ReviewerListDto) });

/** Every change: the list (and the admin's own session, if it was them) is read again. */
const useReviewerChange = <TBody, TAnswer>(call: (api: ApiClient, body: TBody) => Promise<TAnswer>) =>
  useChange([REVIEWERS_KEY, SESSION_QUERY_KEY], call);

export const useInvite = () =>
  useReviewerChange((api, body: InvitationBody) =>
    readJson(api.rpc.api.reviewers.invitations.$post({ json: body }), CreatedInvitationDto),
  );

export const useRevokeInvitation = () =>
  useReviewerChange((api, invitationId: InvitationDto['invitation_id']) =>
    readJson(
      api.rpc.api.reviewers.invitations[':invitationId'].revoke.$post({ param: { invitationId } }),
      InvitationDto,
    ),
  );

export const useUpdateReviewer = () =>
  useReviewerChange((api, { reviewerId, ...change }: ReviewerUpdateBody & { reviewerId: ReviewerDto['reviewer_id'] }) =>
    readJson(api.rpc.api.reviewers[':reviewerId'].$patch({ param: { reviewerId }, json: change }), ReviewerDto),
  );

export const useForgetBrowsers = () =>
  useReviewerChange((api, reviewerId: ReviewerDto['reviewer_id']) =>
    readJson(
      api.rpc.api.reviewers[':reviewerId']['forget-browsers'].$post({ param: { reviewerId } }),
      z.object({ browsers_forgotten: z.number().int() }),
    ),
  );

export const useSetPolicy = () =>
  useReviewerChange((api, requireTotpForAll: boolean) =>
    readJson(
      api.rpc.api.reviewers.policy.$put({ json: { require_totp_for_all: requireTotpForAll } }),
      z.object({ require_totp_for_all: z.boolean() }),
    ),
  );
