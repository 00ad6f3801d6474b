import { Button } from '../../components/button';
import { StatusPage } from '../../components/status-page';
import styles from './sign-in.module.css';

/** Shown once, right after they are made: the codes that replace a lost authenticator. */
export function RecoveryCodes({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  return (
    <StatusPage
      title="Save your recovery codes"
      actions={
        <Button variant="primary" onClick={onDone}>
          I have saved these codes
        </Button>
      }
    >
      <p>
        If you lose your authenticator app, each of these codes signs you in once instead of a 6-digit code. Store them
        somewhere safe, such as your password manager. They are shown only now.
      </p>
      <ul className={styles.codes} aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </StatusPage>
  );
}
