import { PASSWORD_MIN_LENGTH } from '@kyc-review/contracts';
import { TextField } from './auth-form';

/** What is wrong with a chosen password before the BFF is asked (it checks again, and for common ones). */
export function newPasswordProblem(password: string, confirm: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters for the password.`;
  if (password !== confirm) return 'The two passwords are not the same.';
  return null;
}

export interface NewPasswordProps {
  password: string;
  confirm: string;
  onPasswordChange: (value: string) => void;
  onConfirmChange: (value: string) => void;
  /** The BFF's message for the password field. */
  error?: string | undefined;
}

/** A new password, typed twice (bootstrap, invitation). */
export function NewPassword({ password, confirm, onPasswordChange, onConfirmChange, error }: NewPasswordProps) {
  return (
    <>
      <TextField
        label="Password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters; a passphrase is best.`}
        error={error}
        type="password"
        autoComplete="new-password"
        value={password}
        onValueChange={onPasswordChange}
      />
      <TextField
        label="Password again"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onValueChange={onConfirmChange}
      />
    </>
  );
}
