import { OPEN_STATUSES, type CaseStatus, type DashboardDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { actorName } from '../../components/actor-name';
import { QueryErrorState } from '../../components/error-state';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { RISK_LABELS } from '../../components/risk-badge';
import { Skeleton } from '../../components/skeleton';
import { STATUS_LABELS } from '../../components/status-badge';
import { useSession } from '../../session/session-context';
import { AboutInstall } from './about-install';
import { AuditExportForm } from './audit-export-form';
import { ChartFigure, FigureTable, loadBarChart } from './chart-figure';
import styles from './dashboard-page.module.css';
import { dashboardQueryOptions } from './dashboard-queries';

const OUTCOMES: readonly { key: string; label: string }[] = [
  { key: 'approve', label: 'Approved' },
  { key: 'approve_first_of_two', label: 'First of two approvals' },
  { key: 'reject', label: 'Rejected' },
  { key: 'request_info', label: 'Information requested' },
  { key: 'escalate', label: 'Escalated' },
  { key: 'reopen', label: 'Reopened' },
];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

function Stat({ label, value, hint }: { label: string; value: string | number; hint?: string | undefined }) {
  return (
    <div className={styles.stat}>
      <dt>{label}</dt>
      <dd>
        <span className={styles.statValue}>{value}</span>
        {hint !== undefined && <span className={styles.statHint}>{hint}</span>}
      </dd>
    </div>
  );
}

const OPEN: ReadonlySet<CaseStatus> = new Set(OPEN_STATUSES);
const counted = (rows: DashboardDto['backlog']['by_status']) =>
  rows.map((s) => `${STATUS_LABELS[s.status]} ${String(s.count)}`).join(', ');

/** The backlog chart's sentence: every case it draws, split into the open ones and the decided ones. */
export function backlogSentence(backlog: DashboardDto['backlog']): string {
  const open = backlog.by_status.filter((s) => OPEN.has(s.status));
  const decided = backlog.by_status.filter((s) => !OPEN.has(s.status));
  const all = backlog.by_status.reduce((sum, s) => sum + s.count, 0);
  const cases = all === 1 ? '1 case' : `${String(all)} cases`;
  const decidedPart = decided.length === 0 ? '' : ` Decided: ${counted(decided)}.`;
  return `${cases} in all, ${String(backlog.open)} of them open: ${counted(open)}.${decidedPart}`;
}

function Figures({ data }: { data: DashboardDto }) {
  const { backlog, ageing, screening, write_backs: writeBacks } = data;
  // Open statuses first, then the decided ones: the order the sentence reads them in.
  const statusRows = [...backlog.by_status]
    .sort((a, b) => Number(!OPEN.has(a.status)) - Number(!OPEN.has(b.status)))
    .map((s) => [STATUS_LABELS[s.status], s.count] as const);
  const riskRows = backlog.by_risk.map((r) => [RISK_LABELS[r.risk_level], r.count] as const);
  const decided = data.decisions_per_day.reduce((sum, d) => sum + d.total, 0);
  const outcomes = OUTCOMES.filter((o) => data.decisions_per_day.some((d) => (d.counts[o.key] ?? 0) > 0));
  const busiest = data.decisions_per_day.reduce<DashboardDto['decisions_per_day'][number] | undefined>(
    (a, b) => (a === undefined || b.total > a.total ? b : a),
    undefined,
  );
  return (
    <>
      {data.syncing && (
        <p role="status" className={styles.syncing}>
          Reading the identities from Blnk Cloud: the figures grow as they arrive.
        </p>
      )}
      <dl className={styles.stats} aria-label="Key figures">
        <Stat label="Open cases" value={backlog.open} />
        <Stat label="Overdue" value={ageing.overdue} hint="past their due days" />
        <Stat
          label="Hit rate"
          value={percent(screening.hit_rate)}
          hint={`${screening.with_hits} of ${screening.listed} cases`}
        />
        <Stat
          label="False-positive rate"
          value={percent(screening.false_positive_rate)}
          hint={`${screening.false_positives} of ${screening.verdicts} verdicts`}
        />
        <Stat
          label="Write-backs pending"
          value={writeBacks.pending + writeBacks.failing}
          hint={
            writeBacks.failing > 0 ? `${writeBacks.failing} failing, retried until Cloud takes them` : 'none failing'
          }
        />
      </dl>
      <div className={styles.grid}>
        <ChartFigure
          title="Backlog by status"
          summary={backlogSentence(backlog)}
          labels={statusRows.map(([l]) => l)}
          horizontal
          series={[{ name: 'Cases', values: statusRows.map(([, n]) => n) }]}
          table={<FigureTable caption="Cases by status" head={['Status', 'Cases']} rows={statusRows} />}
        />
        <ChartFigure
          title="Open cases by risk"
          summary={`Open cases by risk level: ${riskRows.map(([l, n]) => `${l} ${n}`).join(', ')}.`}
          labels={riskRows.map(([l]) => l)}
          series={[{ name: 'Open cases', values: riskRows.map(([, n]) => n) }]}
          table={<FigureTable caption="Open cases by risk level" head={['Risk', 'Open cases']} rows={riskRows} />}
        />
        <ChartFigure
          title="Ageing"
          summary={`Open cases by days in the queue; ${ageing.overdue} are overdue.`}
          labels={ageing.buckets.map((b) => b.label)}
          series={[{ name: 'Open cases', values: ageing.buckets.map((b) => b.count) }]}
          table={
            <FigureTable
              caption="Open cases by days in the queue"
              head={['Days in queue', 'Open cases']}
              rows={ageing.buckets.map((b) => [b.label, b.count])}
            />
          }
        />
        <ChartFigure
          title="Decisions, last 30 days"
          summary={
            decided === 0
              ? 'No decisions in the last 30 days.'
              : `${decided} decisions in the last 30 days; the busiest day was ${busiest === undefined ? '' : `${dayLabel(busiest.day)} with ${busiest.total}`}.`
          }
          labels={data.decisions_per_day.map((d) => dayLabel(d.day))}
          labelEvery={5}
          series={outcomes.map((o) => ({
            name: o.label,
            values: data.decisions_per_day.map((d) => d.counts[o.key] ?? 0),
          }))}
          foldTable
          table={
            <FigureTable
              caption="Decisions per day by outcome"
              head={['Day (UTC)', ...outcomes.map((o) => o.label), 'Total']}
              rows={data.decisions_per_day
                .filter((d) => d.total > 0)
                .map((d) => [dayLabel(d.day), ...outcomes.map((o) => d.counts[o.key] ?? 0), d.total])}
            />
          }
        />
      </div>
      {outcomes.length > 0 && (
        <ul className={styles.legend} aria-label="Outcomes in the decisions chart">
          {outcomes.map((o, i) => (
            <li key={o.key}>
              <span className={styles.swatch} data-series={i} aria-hidden="true" />
              {o.label}
            </li>
          ))}
        </ul>
      )}
      <Panel title="Reviewers">
        {data.reviewers.length === 0 ? (
          <p className={styles.note}>Nobody has open assigned cases or decided a case in the last 7 days.</p>
        ) : (
          <FigureTable
            caption="Open assigned cases and decisions in the last 7 days, per reviewer"
            head={['Reviewer', 'Open assigned', 'Decisions, last 7 days']}
            rows={data.reviewers.map((r) => [
              actorName(r.reviewer_id, r.display_name),
              r.open_assigned,
              r.decisions_7d,
            ])}
          />
        )}
      </Panel>
    </>
  );
}

/** The landing page: the lead's view of the backlog, its ageing and the outcomes. */
export function DashboardPage() {
  const query = useQuery(dashboardQueryOptions(useApi()));
  const { session } = useSession();
  // The charts' code loads while the figures are asked for, not once they have arrived.
  useEffect(() => void loadBarChart(), []);
  return (
    <div className={styles.page}>
      <PageHeader
        title="Dashboard"
        subtitle={
          <>
            The backlog and outcomes of this Blnk Cloud instance. Work the cases in the <Link to="/queue">queue</Link>.
          </>
        }
      />
      {query.isPending ? (
        <div aria-busy="true" aria-label="Loading the dashboard" className={styles.loading}>
          <Skeleton width="100%" />
          <Skeleton width="80%" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="The dashboard could not be loaded" query={query} />
      ) : (
        <Figures data={query.data} />
      )}
      {session.can_edit_settings && <AuditExportForm />}
      <AboutInstall />
    </div>
  );
}
