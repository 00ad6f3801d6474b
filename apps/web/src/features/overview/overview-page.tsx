import { Link } from 'react-router';
import { useSession } from '../../session/session-context';
import styles from './overview-page.module.css';
import { ScopeTable } from './scope-table';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** The landing page: who is here, what this install may do, and what this release offers. */
export function OverviewPage() {
  const { session } = useSession();
  return (
    <div className={styles.page}>
      <div>
        <h1>Overview</h1>
        <p className={styles.lead}>KYC Review for this Blnk Cloud instance.</p>
      </div>

      <section className={styles.card} aria-labelledby="install-title">
        <h2 id="install-title">This session</h2>
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
            <time dateTime={session.expires_at}>{formatTime(session.expires_at)}</time>, later as you keep working
          </dd>
        </dl>
      </section>

      <section className={styles.card} aria-labelledby="scopes-title">
        <h2 id="scopes-title">What this install may do</h2>
        <p className={styles.note}>
          Scopes are chosen when the app is installed in Blnk Cloud. To change them, a workspace admin reinstalls the
          app.
        </p>
        <ScopeTable />
      </section>

      <section className={styles.card} aria-labelledby="release-title">
        <h2 id="release-title">Where to start</h2>
        <p className={styles.note}>
          The <Link to="/queue">review queue</Link> lists the identities of this instance with their risk and review
          status; open one to see its checks and decide. Alerts shows the Cloud alerts on reviewed identities, and
          Settings holds the thresholds, country lists and the watchlist.
        </p>
      </section>
    </div>
  );
}
