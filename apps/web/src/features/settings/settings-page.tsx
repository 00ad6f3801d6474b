import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { QueryErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Skeleton } from '../../components/skeleton';
import { useSession } from '../../session/session-context';
import { SettingsForm } from './settings-form';
import styles from './settings.module.css';
import { settingsQueryOptions, useSaveSettings } from './settings-queries';
import { SettingsHistoryPanel } from './settings-history-panel';
import { WatchlistImportPanel } from './watchlist-import-panel';
import { WatchlistPanel } from './watchlist-panel';
import { WatchlistVersionsPanel } from './watchlist-versions-panel';

/** The checks' settings (threshold, minimum age, FATF lists, risk weights) and the watchlist. */
export function SettingsPage() {
  const query = useQuery(settingsQueryOptions(useApi()));
  // Held here, not in the form: the form restarts after a save and the outcome must stay on screen.
  const save = useSaveSettings();
  // The BFF decides (role lead or admin) and enforces it; the page only follows.
  const readOnly = !useSession().session.can_edit_settings;
  return (
    <div className={styles.page}>
      <PageHeader
        title="Settings"
        subtitle="How identities are checked and scored for this install. Changes re-assess every case."
      />
      {readOnly && (
        <p role="note" className={styles.notice}>
          Only a lead or an admin of KYC Review can change settings and import watchlists.
        </p>
      )}
      <div className={styles.layout}>
        <Panel title="Checks and risk">
          {query.isPending ? (
            <div aria-busy="true" aria-label="Loading the settings">
              <Skeleton width="50%" />
            </div>
          ) : query.isError ? (
            <QueryErrorState title="The settings could not be loaded" query={query} />
          ) : (
            // Keyed by the saved version, so the form restarts from what the server holds after a save.
            <SettingsForm
              key={query.data.updated_at ?? 'defaults'}
              saved={query.data}
              save={save}
              readOnly={readOnly}
            />
          )}
        </Panel>
        <WatchlistPanel />
      </div>
      <WatchlistImportPanel readOnly={readOnly} />
      <WatchlistVersionsPanel readOnly={readOnly} />
      {/* Who changed what is for leads and admins, as the BFF enforces (role_required). */}
      {!readOnly && <SettingsHistoryPanel />}
    </div>
  );
}
