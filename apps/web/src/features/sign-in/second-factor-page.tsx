import { useState } from 'react';
import { Button } from '../../components/button';
import { StatusPage } from '../../components/status-page';
import {
  AuthForm,
  FormAlert,
  RECOVERY_HINT,
  RememberBrowser,
  TextButton,
  TextField,
  unfieldedError,
} from './auth-form';
import { useSecondFactor, useSignOut } from './sign-in-api';

/** After the password: the authenticator's code, or one recovery code. */
export function SecondFactorPage() {
  const confirm = useSecondFactor();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  return (
    <StatusPage title="Enter your authenticator code">
      <p>Open your authenticator app and enter the 6-digit code for KYC Review.</p>
      <AuthForm
        onSubmit={() => confirm.mutate({ code, remember })}
        actions={
          <>
            <Button variant="primary" type="submit" disabled={confirm.isPending || code.trim() === ''}>
              {confirm.isPending ? 'Checking…' : 'Continue'}
            </Button>
            <TextButton onClick={() => signOut.mutate()} disabled={signOut.isPending}>
              Use a different account
            </TextButton>
          </>
        }
      >
        <TextField
          label="Code"
          hint={RECOVERY_HINT}
          autoComplete="one-time-code"
          inputMode="text"
          maxLength={16}
          value={code}
          onValueChange={setCode}
        />
        <RememberBrowser checked={remember} onChange={setRemember} />
        <FormAlert message={unfieldedError(confirm.error, [])} />
      </AuthForm>
    </StatusPage>
  );
}
