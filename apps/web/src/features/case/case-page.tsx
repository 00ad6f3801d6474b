import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { ApiError } from '../../api/api-error';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { useShortcuts } from '../../components/use-shortcuts';
import { useOpenShortcutHelp } from '../../shell/shortcut-help';
import { SHORTCUT_KEYS } from '../../shell/shortcuts';
import { QueryErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { RiskBadge } from '../../components/risk-badge';
import { Skeleton } from '../../components/skeleton';
import { StatusBadge } from '../../components/status-badge';
import { StatusPage } from '../../components/status-page';
import { AssignmentPanel } from './assignment-panel';
import { CaseAlertsPanel } from './case-alerts-panel';
import { ChangesPanel } from './changes-panel';
import { CaseFileActions } from './case-file-actions';
import styles from './case-page.module.css';
import { caseQueryOptions } from './case-queries';
import { ChecksPanel } from './checks-panel';
import { DecisionPanel } from './decision-panel';
import { HistoryPanel } from './history-panel';
import { HitsPanel } from './hits-panel';
import { identityName } from './identity-fields';
import { IdentityPanel } from './identity-panel';
import { InfoRequestPanel } from './info-request-panel';
import { MoneyPanel } from './money-panel';
import { NotesPanel } from './notes-panel';
import { RiskPanel } from './risk-panel';
import { useNextCase } from './use-next-case';
import { useWriteBackRefresh } from './use-write-back-refresh';
import { WriteBackPanel } from './write-back-panel';

const syncPending = (state: string | undefined) => state === 'pending' || state === 'failing';

/**
 * One identity under review. Keyed by the id, so moving to the next case starts it afresh
 * (no action chosen, the heading focused) as opening it from the queue does.
 */
export function CasePage() {
  const identityId = useParams()['identityId'] ?? '';
  return <CaseScreen key={identityId} identityId={identityId} />;
}

/** Everything to decide on the left, the decision on the right. */
function CaseScreen({ identityId }: { identityId: string }) {
  const query = useQuery(caseQueryOptions(useApi(), identityId));
  useWriteBackRefresh(identityId, query.data?.case.write_back);
  const next = useNextCase(identityId);
  const openHelp = useOpenShortcutHelp();
  useShortcuts({ [SHORTCUT_KEYS.next]: () => void next.go() });

  if (query.isPending) {
    return (
      <div className={styles.loading} aria-busy="true" aria-label="Loading the case">
        <Skeleton width="16rem" />
        <Skeleton width="60%" />
        <Skeleton width="40%" />
      </div>
    );
  }
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.code === 'not_found') {
      return (
        <StatusPage title="Case not found" actions={<Link to="/queue">Back to the queue</Link>}>
          <p>
            There is no identity <code>{identityId}</code> in this Blnk Cloud instance.
          </p>
        </StatusPage>
      );
    }
    return <QueryErrorState title="The case could not be loaded" query={query} />;
  }

  const { identity, case: kase } = query.data;
  const pending = syncPending(kase.write_back?.metadata.state) || syncPending(kase.write_back?.alert.state);
  return (
    <div className={styles.page}>
      <Link to="/queue" className={styles.back}>
        ← Queue
      </Link>
      <PageHeader
        title={identityName(identity)}
        actions={
          <>
            <Button onClick={openHelp} aria-keyshortcuts="?">
              Shortcuts
            </Button>
            <Button onClick={() => void next.go()} disabled={next.pending} aria-keyshortcuts="n">
              Next case
            </Button>
            <CaseFileActions identityId={identityId} />
          </>
        }
        badges={
          <>
            <StatusBadge status={kase.status} />
            <RiskBadge level={kase.risk.level} score={kase.risk.score} />
            {kase.due?.overdue === true && <Badge tone="danger">Overdue</Badge>}
            {pending && <Badge tone="warning">Sync pending</Badge>}
          </>
        }
        subtitle={
          <>
            <span className={styles.mono}>{identity.identity_id}</span> · {identity.identity_type} · case{' '}
            <span className={styles.mono}>{kase.case_id}</span>
          </>
        }
      />
      <p role="status" className={styles.shortcutNote}>
        {next.note}
      </p>
      <div className={styles.layout}>
        <div className={`${styles.column} ${styles.main}`}>
          <ChangesPanel kase={kase} />
          <IdentityPanel identity={identity} countries={kase.countries} />
          <HitsPanel identity={identity} hits={kase.hits} />
          <ChecksPanel checks={kase.checks} assessedAt={kase.assessed_at} duplicates={kase.duplicates} />
        </div>
        <div className={`${styles.column} ${styles.side}`}>
          <AssignmentPanel
            identityId={identityId}
            assignee={kase.assignee}
            due={kase.due}
            offers={kase.allowed_actions}
          />
          <InfoRequestPanel identityId={identityId} kase={kase} />
          <DecisionPanel identityId={identityId} kase={kase} />
          <NotesPanel identityId={identityId} />
          <WriteBackPanel writeBack={kase.write_back} />
          <RiskPanel risk={kase.risk} />
          <CaseAlertsPanel identityId={identityId} />
        </div>
        <div className={`${styles.column} ${styles.rest}`}>
          <MoneyPanel identityId={identityId} />
          <HistoryPanel identityId={identityId} />
        </div>
      </div>
    </div>
  );
}
