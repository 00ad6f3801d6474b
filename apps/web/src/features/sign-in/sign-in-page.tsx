import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { controlClass, Field } from '../../components/field';
import { StatusPage } from '../../components/status-page';
import { fieldError, useSignIn } from './sign-in-api';
import styles from './sign-in.module.css';

/** A launch is only half a sign-in: the reviewer says who they are (decision 017). */
export function SignInPage({ onInvitation }: { onInvitation?: () => void }) {
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    signIn.mutate({ email, password, remember });
  };
  const failed = signIn.isError && fieldError(signIn.error, 'email') === undefined;
  return (
    <StatusPage title="Sign in to KYC Review">
      <p>Blnk Cloud opened the app for your workspace. Sign in as yourself, so every decision carries your name.</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="Email" error={fieldError(signIn.error, 'email')}>
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <label className={styles.row}>
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember this browser for 30 days
        </label>
        {failed && <p role="alert">{errorMessage(signIn.error)}</p>}
        <div className={styles.actions}>
          <Button variant="primary" type="submit" disabled={signIn.isPending || email === '' || password === ''}>
            {signIn.isPending ? 'Signing in…' : 'Sign in'}
          </Button>
          {onInvitation !== undefined && (
            <button type="button" className={styles.link} onClick={onInvitation}>
              I have an invitation code
            </button>
          )}
        </div>
      </form>
    </StatusPage>
  );
}
