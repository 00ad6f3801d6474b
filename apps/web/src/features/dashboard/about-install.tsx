import { useSession } from '../../session/session-context';
import { TimeText } from '../../components/time-text';
import styles from './dashboard-page.module.css';
import { ScopeTable } from './scope-table';

/** The session and the install's scopes, folded away: useful to support, not to the daily work. */
export function AboutInstall() {
  const { session } = useSession();
  return (
    <details className={styles.about}>
      <summary>About this install</summary>
      <dl className={styles.facts}>
        <dt>User</dt>
        <dd>{session.user_id ?? 'Not shared by Blnk Cloud'}</dd>
        <dt>Organization</dt>
        <dd>{session.organization_id ?? 'Not shared by Blnk Cloud'}</dd>
        <dt>Instance</dt>
        <dd>{session.instance_id}</dd>
        <dt>Install</dt>
        <dd>{session.installed_app_id}</dd>
        <dt>Ends if idle</dt>
        <dd className={styles.plain}>
          <TimeText iso={session.expires_at} format="absolute" />, later as you keep working
        </dd>
      </dl>
      <p className={styles.note}>
        Scopes are chosen when the app is installed in Blnk Cloud. To change them, a workspace admin reinstalls the app.
      </p>
      <ScopeTable />
    </details>
  );
}
