import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { controlClass, Field } from '../../components/field';
import { StatusPage } from '../../components/status-page';
import { useSecondFactor, useSignOut } from './sign-in-api';
import styles from './sign-in.module.css';

/** After the password: the authenticator's code, or one recovery code. */
export function SecondFactorPage() {
  const confirm = useSecondFactor();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    confirm.mutate({ code, remember });
  };
  return (
    <StatusPage title="Enter your authenticator code">
      <p>Open your authenticator app and enter the 6-digit code for KYC Review.</p>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="Code" hint="Lost your authenticator? Enter one of your recovery codes (xxxxx-xxxxx) instead.">
          {(control) => (
            <input
              {...control}
              className={controlClass}
              autoComplete="one-time-code"
              inputMode="text"
              maxLength={16}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          )}
        </Field>
        <label className={styles.row}>
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          Remember this browser for 30 days
        </label>
        {confirm.isError && <p role="alert">{errorMessage(confirm.error)}</p>}
        <div className={styles.actions}>
          <Button variant="primary" type="submit" disabled={confirm.isPending || code.trim() === ''}>
            {confirm.isPending ? 'Checking…' : 'Continue'}
          </Button>
          <button type="button" className={styles.link} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Use a different account
          </button>
        </div>
      </form>
    </StatusPage>
  );
}
