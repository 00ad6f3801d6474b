import type { TotpEnrolmentDto } from '@kyc-review/contracts';
import { TextField } from './auth-form';
import styles from './sign-in.module.css';

export interface TotpSetupProps {
  enrolment: TotpEnrolmentDto;
  code: string;
  onCodeChange: (code: string) => void;
  error?: string | undefined;
}

/** Scan the QR code (or type the secret) into an authenticator app, then prove it with a code. */
export function TotpSetup({ enrolment, code, onCodeChange, error }: TotpSetupProps) {
  return (
    <>
      <p>
        Scan this code with an authenticator app (for example 1Password, Google Authenticator or Microsoft
        Authenticator), or type the setup key into it.
      </p>
      <div className={styles.qr}>
        <img src={enrolment.qr_svg_data_url} alt="QR code for your authenticator app" />
        <div>
          <span>Setup key</span>
          <code className={styles.secret} data-testid="totp-secret">
            {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
          </code>
        </div>
      </div>
      <TextField
        label="6-digit code from the app"
        error={error}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={8}
        value={code}
        onValueChange={onCodeChange}
      />
    </>
  );
}
