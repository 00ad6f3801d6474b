import { REVIEWER_ROLES, type CreatedInvitationDto, type ReviewerRole } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { Button } from '../../components/button';
import { controlClass, Field } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { fieldError } from '../sign-in/sign-in-api';
import { ROLE_LABEL } from './role-label';
import styles from './reviewers.module.css';
import { useInvite } from './reviewers-queries';

/** An invitation's code, the only time it is shown: the admin hands it to the colleague themselves. */
function CreatedCode({ created, onDone }: { created: CreatedInvitationDto; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const copy = () =>
    void navigator.clipboard.writeText(created.code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className={styles.code} role="status">
      <p className={styles.muted}>
        Give this code to <strong>{created.invitation.display_name}</strong> ({ROLE_LABEL[created.invitation.role]}).
        They choose “I have an invitation” when they open KYC Review. It works once, until{' '}
        <TimeText iso={created.invitation.expires_at} format="absolute" />, and is shown only now.
      </p>
      <code aria-label="Invitation code">{created.code}</code>
      <div className={styles.actions}>
        <Button onClick={copy}>{copied ? 'Copied' : 'Copy code'}</Button>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

/** An admin invites a colleague by name, email and role (decision 017). */
export function InvitePanel() {
  const invite = useInvite();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ReviewerRole>('reviewer');
  const [created, setCreated] = useState<CreatedInvitationDto | null>(null);
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    invite.mutate(
      { display_name: name, email, role },
      {
        onSuccess: (answer) => {
          setCreated(answer);
          setName('');
          setEmail('');
          setRole('reviewer');
        },
      },
    );
  };
  if (created !== null)
    return (
      <Panel title="Invite a colleague">
        <CreatedCode
          created={created}
          onDone={() => {
            setCreated(null);
            invite.reset();
          }}
        />
      </Panel>
    );
  const nameError = fieldError(invite.error, 'display_name');
  const emailError = fieldError(invite.error, 'email');
  return (
    <Panel title="Invite a colleague">
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field label="Name" hint="As it will appear on their decisions." error={nameError}>
          {(control) => (
            <input {...control} className={controlClass} value={name} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Email" error={emailError}>
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Role" hint="Leads and admins need an authenticator app.">
          {(control) => (
            <select
              {...control}
              className={controlClass}
              value={role}
              onChange={(e) => setRole(REVIEWER_ROLES.find((r) => r === e.target.value) ?? 'reviewer')}
            >
              {REVIEWER_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className={styles.actions}>
          <Button
            variant="primary"
            type="submit"
            disabled={invite.isPending || name.trim() === '' || email.trim() === ''}
          >
            Create invitation
          </Button>
        </div>
        {nameError === undefined && emailError === undefined && (
          <MutationFeedback mutation={invite} pending="Creating the invitation…" success="" />
        )}
      </form>
    </Panel>
  );
}
