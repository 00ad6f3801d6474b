import { useState } from 'react';
import { Button } from '../../components/button';
import { StatusPage } from '../../components/status-page';
import { AuthForm, FormAlert, TextButton, RememberBrowser, TextField, unfieldedError } from './auth-form';
import { fieldError, useSignIn } from './sign-in-api';

/** A launch is only half a sign-in: the reviewer says who they are (decision 017). */
export function SignInPage({ onInvitation }: { onInvitation?: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const emailError = fieldError(signIn.error, 'email');
  return (
    <StatusPage title="Sign in to KYC Review">
      <p>Blnk Cloud opened the app for your workspace. Sign in as yourself, so every decision carries your name.</p>
      <AuthForm
        onSubmit={() => signIn.mutate({ email, password, remember })}
        actions={
          <>
            <Button variant="primary" type="submit" disabled={signIn.isPending || email === '' || password === ''}>
              {signIn.isPending ? 'Signing in…' : 'Sign in'}
            </Button>
            {onInvitation !== undefined && <TextButton onClick={onInvitation}>I have an invitation</TextButton>}
          </>
        }
      >
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          error={emailError}
          value={email}
          onValueChange={setEmail}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
        />
        <RememberBrowser checked={remember} onChange={setRemember} />
        <FormAlert message={unfieldedError(signIn.error, [emailError])} />
      </AuthForm>
    </StatusPage>
  );
}
