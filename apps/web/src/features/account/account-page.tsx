import type { AccountDto, TotpEnrolmentDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { QueryErrorState } from '../../components/error-state';
import { MutationFeedback } from '../../components/mutation-feedback';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { TimeText } from '../../components/time-text';
import { AuthForm, FormAlert, unfieldedError } from '../sign-in/auth-form';
import { ROLE_LABEL } from '../reviewers/role-label';
import { fieldError, useSignOut, useTotpEnrolment } from '../sign-in/sign-in-api';
import { TotpSetup } from '../sign-in/totp-setup';
import signInStyles from '../sign-in/sign-in.module.css';
import styles from './account.module.css';
import {
  accountQueryOptions,
  useConfirmTotp,
  useForgetDevice,
  useLinkCloudUser,
  useNewRecoveryCodes,
} from './account-queries';

/** The reviewer's own page (decision 017): authenticator, recovery codes, remembered browsers, Cloud user, sign out. */
export function AccountPage() {
  const query = useQuery(accountQueryOptions(useApi()));
  const signOut = useSignOut();
  const account = query.data;
  return (
    <div className={styles.page}>
      <PageHeader
        title="My account"
        subtitle={
          account === undefined
            ? undefined
            : `${account.reviewer.display_name} · ${account.reviewer.email} · ${ROLE_LABEL[account.reviewer.role]}`
        }
        actions={
          <Button onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </Button>
        }
      />
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading your account">
          <Skeleton width="40%" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="Your account could not be loaded" query={query} />
      ) : (
        <div className={styles.layout}>
          <div className={styles.stack}>
            <AuthenticatorPanel account={query.data} />
            <CloudUserPanel account={query.data} />
          </div>
          <DevicesPanel account={query.data} />
        </div>
      )}
    </div>
  );
}

function CodeList({ codes }: { codes: readonly string[] }) {
  return (
    <>
      <p className={styles.text}>
        Each code signs you in once instead of a 6-digit code. Store them somewhere safe; they are shown only now, and
        any older codes no longer work.
      </p>
      <ul className={signInStyles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </>
  );
}

function AuthenticatorPanel({ account }: { account: AccountDto }) {
  const enrol = useTotpEnrolment();
  const confirm = useConfirmTotp();
  const regenerate = useNewRecoveryCodes();
  const [enrolment, setEnrolment] = useState<TotpEnrolmentDto | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<readonly string[] | null>(null);
  const on = account.reviewer.totp_enabled;
  const start = () => {
    setCodes(null);
    setCode('');
    confirm.reset();
    enrol.mutate(account.reviewer.email, { onSuccess: setEnrolment });
  };
  const codeError = fieldError(confirm.error, 'totp_code');
  return (
    <Panel
      title="Authenticator app"
      aside={on ? <Badge tone="success">On</Badge> : <Badge tone="warning">Not set up</Badge>}
    >
      <div className={styles.stack}>
        {enrolment !== null ? (
          <AuthForm
            onSubmit={() =>
              confirm.mutate(code, {
                onSuccess: (answer) => {
                  setEnrolment(null);
                  setCodes(answer.recovery_codes);
                },
              })
            }
            actions={
              <>
                <Button variant="primary" type="submit" disabled={confirm.isPending || code.trim() === ''}>
                  {confirm.isPending ? 'Checking…' : on ? 'Replace authenticator' : 'Turn on'}
                </Button>
                <Button onClick={() => setEnrolment(null)}>Cancel</Button>
              </>
            }
          >
            <TotpSetup enrolment={enrolment} code={code} onCodeChange={setCode} error={codeError} />
            <FormAlert message={unfieldedError(confirm.error, [codeError])} />
          </AuthForm>
        ) : (
          <>
            <p className={styles.text}>
              {on
                ? `Sign-ins and sensitive actions ask for a code from your authenticator app. Recovery codes left: ${account.recovery_codes_left}.`
                : account.totp_required
                  ? 'Your role needs an authenticator app.'
                  : 'Optional for reviewers: with it, nobody can sign in as you with your password alone.'}
            </p>
            <div className={styles.actions}>
              <Button variant={on ? 'secondary' : 'primary'} onClick={start} disabled={enrol.isPending}>
                {enrol.isPending ? 'Preparing…' : on ? 'Use another authenticator' : 'Set up an authenticator'}
              </Button>
              {on && (
                <Button
                  onClick={() => regenerate.mutate(null, { onSuccess: (answer) => setCodes(answer.recovery_codes) })}
                  disabled={regenerate.isPending}
                >
                  New recovery codes
                </Button>
              )}
            </div>
            {enrol.isError && <FormAlert message={unfieldedError(enrol.error, [])} />}
            {regenerate.isError && <FormAlert message={unfieldedError(regenerate.error, [])} />}
          </>
        )}
        {codes !== null && <CodeList codes={codes} />}
      </div>
    </Panel>
  );
}

function DevicesPanel({ account }: { account: AccountDto }) {
  const forget = useForgetDevice();
  return (
    <Panel title="Remembered browsers">
      {account.devices.length === 0 ? (
        <p className={styles.text}>
          No browser is remembered. Tick “Remember this browser” when you sign in to skip the password there for 30
          days.
        </p>
      ) : (
        <ul className={styles.devices}>
          {account.devices.map((device) => (
            <li key={device.device_id} className={styles.device}>
              <span className={styles.deviceText}>
                <span>
                  {device.label} {device.current && <Badge tone="accent">This browser</Badge>}
                </span>
                <span className={styles.text}>
                  Last used <TimeText iso={device.last_used_at} /> · remembered until{' '}
                  <TimeText iso={device.expires_at} format="date" />
                </span>
              </span>
              <Button onClick={() => forget.mutate(device.device_id)} disabled={forget.isPending}>
                Forget
              </Button>
            </li>
          ))}
        </ul>
      )}
      <MutationFeedback mutation={forget} pending="Forgetting…" success="The browser was forgotten." />
    </Panel>
  );
}

function CloudUserPanel({ account }: { account: AccountDto }) {
  const link = useLinkCloudUser();
  const linked = account.reviewer.cloud_user_id;
  const offered = account.launch_cloud_user_id;
  return (
    <Panel title="Blnk Cloud user">
      <div className={styles.stack}>
        {linked !== null ? (
          <>
            <p className={styles.text}>
              Linked to Blnk Cloud user <span className={styles.mono}>{linked}</span>: when Blnk Cloud opens KYC Review
              as this user, you are signed in without your password. Sensitive actions still ask for your code.
            </p>
            <div className={styles.actions}>
              <Button onClick={() => link.mutate(false)} disabled={link.isPending}>
                Unlink
              </Button>
            </div>
          </>
        ) : offered !== null ? (
          <>
            <p className={styles.text}>
              Blnk Cloud opened KYC Review as user <span className={styles.mono}>{offered}</span>. Link it, and its
              later launches sign you in without your password.
            </p>
            <div className={styles.actions}>
              <Button variant="primary" onClick={() => link.mutate(true)} disabled={link.isPending}>
                Link this Blnk Cloud user
              </Button>
            </div>
          </>
        ) : (
          <p className={styles.text}>
            Blnk Cloud did not name its user when it opened KYC Review, so there is nothing to link: you sign in with
            your email and password.
          </p>
        )}
        <MutationFeedback mutation={link} pending="Saving…" success="Saved." />
      </div>
    </Panel>
  );
}
