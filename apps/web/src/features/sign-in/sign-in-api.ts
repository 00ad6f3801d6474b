import type { BootstrapBody, RedeemInvitationBody, SecondFactorBody, SignInBody } from '@kyc-review/contracts';
import { InvitationPreviewDto, RecoveryCodesDto, SignInState, TotpEnrolmentDto } from '@kyc-review/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { readJson } from '../../api/api-client';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { SESSION_QUERY_KEY } from '../../api/query-client';

const SignInAnswer = z.object({ sign_in: SignInState });

/** After any sign-in step the session says where it stands now; the gate follows it. */
function useRefreshSession() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
}

export function useSignIn() {
  const api = useApi();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (body: SignInBody) => readJson(api.rpc.api.session['sign-in'].$post({ json: body }), SignInAnswer),
    onSuccess: refresh,
  });
}

export function useSecondFactor() {
  const api = useApi();
  const refresh = useRefreshSession();
  return useMutation({
    mutationFn: (body: SecondFactorBody) =>
      readJson(api.rpc.api.session['second-factor'].$post({ json: body }), SignInAnswer),
    onSuccess: refresh,
  });
}

export function useTotpEnrolment() {
  const api = useApi();
  return useMutation({
    mutationFn: (label: string) =>
      readJson(api.rpc.api.session['totp-enrolment'].$post({ json: { label } }), TotpEnrolmentDto),
  });
}

/** Bootstrap answers the recovery codes; the session is refreshed only once they were seen. */
export function useBootstrap() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: BootstrapBody) =>
      readJson(api.rpc.api.session.bootstrap.$post({ json: body }), RecoveryCodesDto),
  });
}

export { useRefreshSession };

/** Whom an invitation code invites (410 when it was used, revoked or has expired). */
export function useCheckInvitation() {
  const api = useApi();
  return useMutation({
    mutationFn: (code: string) =>
      readJson(api.rpc.api.session.invitation.$post({ json: { code } }), InvitationPreviewDto),
  });
}

/** Redeems it: the account is made and signed in; the recovery codes come back (none without TOTP). */
export function useRedeemInvitation() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: RedeemInvitationBody) =>
      readJson(api.rpc.api.session.invitation.redeem.$post({ json: body }), RecoveryCodesDto),
  });
}

/** `totp_setup_required`: the authenticator just enrolled finishes the sign-in. */
export function useFinishTotpSetup() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: { totp_code: string; remember: boolean }) =>
      readJson(api.rpc.api.session['totp-setup'].$post({ json: body }), RecoveryCodesDto),
  });
}

/** Signs out of this launch (the sign-in screen follows) and forgets this browser; cached data goes too. */
export function useSignOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => readJson(api.rpc.api.session['sign-out'].$post(), SignInAnswer),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_QUERY_KEY[0] });
      await queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY });
    },
  });
}

/** The message of a validation error for one field, from the BFF's `details.fields`. */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return undefined;
  const parsed = z
    .object({ fields: z.array(z.object({ field: z.string(), message: z.string() })) })
    .safeParse(error.details);
  return parsed.success ? parsed.data.fields.find((f) => f.field === field)?.message : undefined;
}
