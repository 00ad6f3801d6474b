import type { InvitationPreviewDto, TotpEnrolmentDto } from '@kyc-review/contracts';
import { useState } from 'react';
import { Button } from '../../components/button';
import { errorMessage } from '../../components/error-state';
import { StatusPage } from '../../components/status-page';
import { AuthForm, FormAlert, TextButton, TextField, unfieldedError } from './auth-form';
import { NewPassword, newPasswordProblem } from './new-password';
import { RecoveryCodes } from './recovery-codes';
import {
  fieldError,
  useCheckInvitation,
  useRedeemInvitation,
  useRefreshSession,
  useTotpEnrolment,
} from './sign-in-api';
import styles from './sign-in.module.css';
import { TotpSetup } from './totp-setup';

const ROLE_TEXT = { reviewer: 'reviewer', lead: 'lead', admin: 'admin' } as const;

/**
 * A colleague redeems the invitation an admin gave them, from their own launch: the code,
 * then their password (and an authenticator when their role needs one, optional otherwise),
 * then their recovery codes. They are signed in at the end (decision 017).
 */
export function InvitationPage({ onBack }: { onBack: () => void }) {
  const check = useCheckInvitation();
  const redeem = useRedeemInvitation();
  const enrol = useTotpEnrolment();
  const refresh = useRefreshSession();
  const [code, setCode] = useState('');
  const [invitation, setInvitation] = useState<InvitationPreviewDto | null>(null);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [withTotp, setWithTotp] = useState(false);
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [totpCode, setTotpCode] = useState('');
  const [local, setLocal] = useState<string | null>(null);
  const [codes, setCodes] = useState<readonly string[] | null>(null);

  if (codes !== null) return <RecoveryCodes codes={codes} onDone={() => void refresh()} />;

  const finish = (totp: string | undefined) =>
    redeem.mutate(
      { code, password, ...(totp === undefined ? {} : { totp_code: totp }) },
      { onSuccess: (answer) => (answer.recovery_codes.length > 0 ? setCodes(answer.recovery_codes) : void refresh()) },
    );
  const passwordError = fieldError(redeem.error, 'password');
  const totpError = fieldError(redeem.error, 'totp_code');

  if (invitation === null) {
    const codeError = fieldError(check.error, 'code');
    return (
      <StatusPage title="Accept your invitation">
        <p>Enter the invitation code an admin of KYC Review gave you. It works once, within 72 hours.</p>
        <AuthForm
          onSubmit={() => check.mutate(code.trim(), { onSuccess: setInvitation })}
          actions={
            <>
              <Button variant="primary" type="submit" disabled={check.isPending || code.trim() === ''}>
                {check.isPending ? 'Checking…' : 'Continue'}
              </Button>
              <TextButton onClick={onBack}>Back to sign-in</TextButton>
            </>
          }
        >
          <TextField
            label="Invitation code"
            error={codeError}
            autoComplete="off"
            spellCheck={false}
            value={code}
            onValueChange={setCode}
          />
          <FormAlert message={unfieldedError(check.error, [codeError])} />
        </AuthForm>
      </StatusPage>
    );
  }

  const needsTotp = invitation.totp_required || withTotp;
  if (enrolment !== null && needsTotp && passwordError === undefined)
    return (
      <StatusPage title="Set up your authenticator">
        <p className={styles.steps}>Step 2 of 2</p>
        <AuthForm
          onSubmit={() => finish(totpCode)}
          actions={
            <>
              <Button variant="primary" type="submit" disabled={redeem.isPending || totpCode.trim() === ''}>
                {redeem.isPending ? 'Creating your account…' : 'Create my account'}
              </Button>
              <TextButton onClick={() => setEnrolment(null)}>Back</TextButton>
            </>
          }
        >
          <TotpSetup enrolment={enrolment} code={totpCode} onCodeChange={setTotpCode} error={totpError} />
          <FormAlert message={unfieldedError(redeem.error, [totpError])} />
        </AuthForm>
      </StatusPage>
    );

  const choosePassword = () => {
    const problem = newPasswordProblem(password, confirm);
    setLocal(problem);
    if (problem !== null) return;
    if (needsTotp) enrol.mutate(invitation.email, { onSuccess: setEnrolment });
    else finish(undefined);
  };
  return (
    <StatusPage title={`Welcome, ${invitation.display_name}`}>
      {needsTotp && <p className={styles.steps}>Step 1 of 2</p>}
      <p className={styles.summary}>
        You are invited as <strong>{ROLE_TEXT[invitation.role]}</strong> with the email{' '}
        <strong>{invitation.email}</strong>. Choose the password you will sign in with.
      </p>
      <AuthForm
        onSubmit={choosePassword}
        actions={
          <>
            <Button variant="primary" type="submit" disabled={enrol.isPending || redeem.isPending || password === ''}>
              {needsTotp ? 'Continue' : redeem.isPending ? 'Creating your account…' : 'Create my account'}
            </Button>
            <TextButton onClick={onBack}>Back to sign-in</TextButton>
          </>
        }
      >
        <NewPassword
          password={password}
          confirm={confirm}
          onPasswordChange={setPassword}
          onConfirmChange={setConfirm}
          error={passwordError}
        />
        {invitation.totp_required ? (
          <p className={styles.hint}>Your role needs an authenticator app: you set it up in the next step.</p>
        ) : (
          <label className={styles.row}>
            <input type="checkbox" checked={withTotp} onChange={(e) => setWithTotp(e.target.checked)} />
            Also protect my account with an authenticator app (recommended)
          </label>
        )}
        <FormAlert
          message={
            local ??
            (enrol.isError ? errorMessage(enrol.error) : unfieldedError(redeem.error, [passwordError, totpError]))
          }
        />
      </AuthForm>
    </StatusPage>
  );
}
