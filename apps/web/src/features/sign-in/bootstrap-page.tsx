import type { TotpEnrolmentDto } from '@kyc-review/contracts';
import { useState } from 'react';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { StatusPage } from '../../components/status-page';
import { AuthForm, FormAlert, TextButton, TextField, unfieldedError } from './auth-form';
import { NewPassword, newPasswordProblem } from './new-password';
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
  const toAuthenticator = () => {
    const problem = newPasswordProblem(account.password, account.confirm);
    setLocal(problem);
    if (problem === null) enrol.mutate(account.email.trim(), { onSuccess: setEnrolment });
  };
  const create = () =>
    bootstrap.mutate(
      { display_name: account.name, email: account.email, password: account.password, totp_code: code },
      { onSuccess: (answer) => setCodes(answer.recovery_codes) },
    );
  const errors = {
    display_name: fieldError(bootstrap.error, 'display_name'),
    email: fieldError(bootstrap.error, 'email'),
    password: fieldError(bootstrap.error, 'password'),
    totp_code: fieldError(bootstrap.error, 'totp_code'),
  };

  if (
    enrolment !== null &&
    errors.password === undefined &&
    errors.email === undefined &&
    errors.display_name === undefined
  )
    return (
      <StatusPage title="Set up your authenticator">
        <p className={styles.steps}>Step 2 of 2</p>
        <AuthForm
          onSubmit={create}
          actions={
            <>
              <Button variant="primary" type="submit" disabled={bootstrap.isPending || code.trim() === ''}>
                {bootstrap.isPending ? 'Creating your account…' : 'Create admin account'}
              </Button>
              <TextButton onClick={() => setEnrolment(null)}>Back</TextButton>
            </>
          }
        >
          <TotpSetup enrolment={enrolment} code={code} onCodeChange={setCode} error={errors.totp_code} />
          <FormAlert message={unfieldedError(bootstrap.error, [errors.totp_code])} />
        </AuthForm>
      </StatusPage>
    );

  return (
    <StatusPage title="Set up KYC Review">
      <p className={styles.steps}>Step 1 of 2</p>
      <p>
        Nobody has signed in to KYC Review on this install yet. You will be its first admin: you can then invite your
        colleagues and give them their roles.
      </p>
      <AuthForm
        onSubmit={toAuthenticator}
        actions={
          <Button
            variant="primary"
            type="submit"
            disabled={
              enrol.isPending || account.name.trim() === '' || account.email.trim() === '' || account.password === ''
            }
          >
            {enrol.isPending ? 'Preparing…' : 'Continue'}
          </Button>
        }
      >
        <TextField
          label="Your name"
          hint="Shown on every decision you make."
          error={errors.display_name}
          autoComplete="name"
          value={account.name}
          onValueChange={set('name')}
        />
        <TextField
          label="Email"
          type="email"
          autoComplete="username"
          error={errors.email}
          value={account.email}
          onValueChange={set('email')}
        />
        <NewPassword
          password={account.password}
          confirm={account.confirm}
          onPasswordChange={set('password')}
          onConfirmChange={set('confirm')}
          error={errors.password}
        />
        <FormAlert message={local ?? (enrol.isError ? errorMessage(enrol.error) : null)} />
      </AuthForm>
    </StatusPage>
  );
}
