import { PASSWORD_MIN_LENGTH, type TotpEnrolmentDto } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { controlClass, Field } from '../../components/field';
import { StatusPage } from '../../components/status-page';
import { RecoveryCodes } from './recovery-codes';
import { fieldError, useBootstrap, useRefreshSession, useTotpEnrolment } from './sign-in-api';
import styles from './sign-in.module.css';
import { TotpSetup } from './totp-setup';

type Account = { name: string; email: string; password: string; confirm: string };

/**
 * "Set up KYC Review": an install with no reviewers lets the person who launched it (a Cloud
 * member, so already authenticated by Cloud) become its first admin: account, then
 * authenticator, then recovery codes (docs/cloud-contract.md §9).
 */
export function BootstrapPage() {
  const [account, setAccount] = useState<Account>({ name: '', email: '', password: '', confirm: '' });
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const [local, setLocal] = useState<string | null>(null);
  const enrol = useTotpEnrolment();
  const bootstrap = useBootstrap();
  const refresh = useRefreshSession();

  if (codes !== null) return <RecoveryCodes codes={codes} onDone={() => void refresh()} />;

  const set = (key: keyof Account) => (value: string) => setAccount((a) => ({ ...a, [key]: value }));
  const toAuthenticator = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem =
      account.password.length < PASSWORD_MIN_LENGTH
        ? `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`
        : account.password !== account.confirm
          ? 'The two passwords are not the same.'
          : null;
    setLocal(problem);
    if (problem !== null) return;
    enrol.mutate(account.email.trim(), { onSuccess: setEnrolment });
  };
  const create = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    bootstrap.mutate(
      { display_name: account.name, email: account.email, password: account.password, totp_code: code },
      { onSuccess: (answer) => setCodes(answer.recovery_codes) },
    );
  };
  const accountError =
    fieldError(bootstrap.error, 'password') ??
    fieldError(bootstrap.error, 'email') ??
    fieldError(bootstrap.error, 'display_name');

  if (enrolment !== null && accountError === undefined)
    return (
      <StatusPage title="Set up your authenticator">
        <p className={styles.steps}>Step 2 of 2</p>
        <form className={styles.form} onSubmit={create} noValidate>
          <TotpSetup
            enrolment={enrolment}
            code={code}
            onCodeChange={setCode}
            error={fieldError(bootstrap.error, 'totp_code')}
          />
          {bootstrap.isError && fieldError(bootstrap.error, 'totp_code') === undefined && (
            <p role="alert">{errorMessage(bootstrap.error)}</p>
          )}
          <div className={styles.actions}>
            <Button variant="primary" type="submit" disabled={bootstrap.isPending || code.trim() === ''}>
              {bootstrap.isPending ? 'Creating your account…' : 'Create admin account'}
            </Button>
            <button type="button" className={styles.link} onClick={() => setEnrolment(null)}>
              Back
            </button>
          </div>
        </form>
      </StatusPage>
    );

  return (
    <StatusPage title="Set up KYC Review">
      <p className={styles.steps}>Step 1 of 2</p>
      <p>
        Nobody has signed in to KYC Review on this install yet. You will be its first admin: you can then invite your
        colleagues and give them their roles.
      </p>
      <form className={styles.form} onSubmit={toAuthenticator} noValidate>
        <Field
          label="Your name"
          hint="Shown on every decision you make."
          error={fieldError(bootstrap.error, 'display_name')}
        >
          {(control) => (
            <input
              {...control}
              className={controlClass}
              autoComplete="name"
              required
              value={account.name}
              onChange={(e) => set('name')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Email" error={fieldError(bootstrap.error, 'email')}>
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="email"
              autoComplete="username"
              required
              value={account.email}
              onChange={(e) => set('email')(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters; a passphrase is best.`}
          error={fieldError(bootstrap.error, 'password')}
        >
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="password"
              autoComplete="new-password"
              required
              value={account.password}
              onChange={(e) => set('password')(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password again">
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="password"
              autoComplete="new-password"
              required
              value={account.confirm}
              onChange={(e) => set('confirm')(e.target.value)}
            />
          )}
        </Field>
        {(local ?? (enrol.isError ? errorMessage(enrol.error) : null)) !== null && (
          <p role="alert">{local ?? errorMessage(enrol.error)}</p>
        )}
        <div className={styles.actions}>
          <Button
            variant="primary"
            type="submit"
            disabled={
              enrol.isPending || account.name.trim() === '' || account.email.trim() === '' || account.password === ''
            }
          >
            {enrol.isPending ? 'Preparing…' : 'Continue'}
          </Button>
        </div>
      </form>
    </StatusPage>
  );
}
