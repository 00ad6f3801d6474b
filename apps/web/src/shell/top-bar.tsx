import { ALL_PERMISSIONS } from '@kyc-review/contracts';
import { Link } from 'react-router';
import { ScopeBadge } from '../components/scope-badge';
import { useSignOut } from '../features/sign-in/sign-in-api';
import { useSession } from '../session/session-context';
import { MainNav } from './main-nav';
import styles from './top-bar.module.css';

/**
 * One compact row: the app, its navigation, then who is signed in and what the install may do
 * (on two rows in a narrow frame, the navigation first).
 */
export function TopBar() {
  const { session, can } = useSession();
  const signOut = useSignOut();
  // The shell renders only for a signed-in reviewer (session-gate.tsx).
  const name = session.reviewer?.display_name ?? '';
  const role = session.reviewer?.role ?? '';
  return (
    <header className={styles.bar}>
      <span className={styles.brand}>KYC Review</span>
      <MainNav />
      <div className={styles.session}>
        <span className={styles.user}>
          <span className={styles.label}>Signed in as</span>
          <Link to="/account" className={styles.userId} title={`${session.reviewer?.email ?? name}: my account`}>
            {name}
          </Link>
          <span className={styles.label}>· {role}</span>
        </span>
        <button type="button" className={styles.signOut} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
          Sign out
        </button>
        <ul className={styles.scopes} aria-label="Scopes of this install">
          {ALL_PERMISSIONS.map((scope) => (
            <li key={scope}>
              <ScopeBadge scope={scope} granted={can(scope)} />
            </li>
          ))}
        </ul>
      </div>
    </header>
  );
}
