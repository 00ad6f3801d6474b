import type { InputHTMLAttributes, ReactNode, SyntheticEvent } from 'react';
import { errorMessage } from '../../components/error-state';
import { controlClass, Field } from '../../components/field';
import styles from './sign-in.module.css';

// The pieces every sign-in screen is made of (bootstrap, sign-in, second factor, authenticator
// set-up, invitation), so each screen states only what is its own.

/** The hint under every second-factor field: a recovery code stands in for a lost authenticator. */
export const RECOVERY_HINT = 'Lost your authenticator? Enter one of your recovery codes (xxxxx-xxxxx) instead.';

export interface TextFieldProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id' | 'className'
> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  value: string;
  onValueChange: (value: string) => void;
}

/** A labelled text input with its hint and inline error, wired for assistive tech. */
export function TextField({ label, hint, error, value, onValueChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...input}
          {...control}
          className={controlClass}
          required
          value={value}
          onChange={(e) => onValueChange(e.target.value)}
        />
      )}
    </Field>
  );
}

/** "Remember this browser for 30 days" (a second, httpOnly cookie; decision 017). */
export function RememberBrowser({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <label className={styles.row}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Remember this browser for 30 days
    </label>
  );
}

/** The message of a failed step that no field names (a field's own message shows under it). */
export function FormAlert({ message }: { message: string | null | undefined }) {
  if (message === null || message === undefined) return null;
  return (
    <p role="alert" className={styles.alert}>
      {message}
    </p>
  );
}

/** The failed mutation's message unless it is about one of `fields` (shown there instead). */
export function unfieldedError(error: unknown, fieldMessages: readonly (string | undefined)[]): string | null {
  if (error === null || error === undefined) return null;
  return fieldMessages.some((m) => m !== undefined) ? null : errorMessage(error);
}

export interface AuthFormProps {
  onSubmit: () => void;
  children: ReactNode;
  /** The buttons under the fields: the primary submit first. */
  actions: ReactNode;
}

/** A sign-in step's form: fields, then its actions; the browser's own validation bubbles stay off. */
export function AuthForm({ onSubmit, children, actions }: AuthFormProps) {
  const submit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {children}
      <div className={styles.actions}>{actions}</div>
    </form>
  );
}

/** A quiet, link-looking button for the secondary step ("Back", "I have an invitation"). */
export function TextButton({
  onClick,
  disabled,
  children,
}: {
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button type="button" className={styles.link} onClick={onClick} disabled={disabled}>
      {children}
    </button>
  );
}
