import type { TotpEnrolmentDto } from '@kyc-review/contracts';
import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { ErrorState } from '../../components/error-state';
import { StatusPage } from '../../components/status-page';
import { AuthForm, FormAlert, TextButton, RememberBrowser, unfieldedError } from './auth-form';
import { RecoveryCodes } from './recovery-codes';
import { fieldError, useFinishTotpSetup, useRefreshSession, useSignOut, useTotpEnrolment } from './sign-in-api';
import { TotpSetup } from './totp-setup';

/**
 * The password was right, but the reviewer's role (or the install's policy) now needs a
 * second factor they have not set up: they enrol an authenticator to finish signing in.
 */
export function TotpSetupRequiredPage() {
  const enrol = useTotpEnrolment();
  const finish = useFinishTotpSetup();
  const signOut = useSignOut();
  const refresh = useRefreshSession();
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const { mutate } = enrol;
  // The BFF names the entry in the authenticator app after the reviewer's email itself.
  const label = 'KYC Review';
  useEffect(() => mutate(label, { onSuccess: setEnrolment }), [mutate, label]);

  if (codes !== null) return <RecoveryCodes codes={codes} onDone={() => void refresh()} />;
  const codeError = fieldError(finish.error, 'totp_code');
  return (
    <StatusPage title="Set up your authenticator">
      <p>
        Your role on KYC Review needs a second factor from now on. Set up an authenticator app to finish signing in.
      </p>
      {enrol.isError && (
        <ErrorState
          title="The authenticator could not be prepared"
          error={enrol.error}
          onRetry={() => mutate(label, { onSuccess: setEnrolment })}
        />
      )}
      {enrolment !== null && (
        <AuthForm
          onSubmit={() =>
            finish.mutate({ totp_code: code, remember }, { onSuccess: (answer) => setCodes(answer.recovery_codes) })
          }
          actions={
            <>
              <Button variant="primary" type="submit" disabled={finish.isPending || code.trim() === ''}>
                {finish.isPending ? 'Checking…' : 'Finish signing in'}
              </Button>
              <TextButton onClick={() => signOut.mutate()} disabled={signOut.isPending}>
                Use a different account
              </TextButton>
            </>
          }
        >
          <TotpSetup enrolment={enrolment} code={code} onCodeChange={setCode} error={codeError} />
          <RememberBrowser checked={remember} onChange={setRemember} />
          <FormAlert message={unfieldedError(finish.error, [codeError])} />
        </AuthForm>
      )}
    </StatusPage>
  );
}
