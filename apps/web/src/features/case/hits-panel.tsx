import type { CaseHitDto, Corroboration } from '@kyc-review/contracts';
import { Badge, type Tone } from '../../components/badge';
import { Button } from '../../components/button';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import { useHitDisposition } from './case-mutations';
import styles from './case-page.module.css';

const CORROBORATION: Readonly<Record<Corroboration, { text: string; tone: Tone }>> = {
  corroborates: { text: 'matches', tone: 'danger' },
  contradicts: { text: 'differs', tone: 'success' },
  unknown: { text: 'unknown', tone: 'neutral' },
};

const DISPOSITION: Readonly<Record<CaseHitDto['disposition'], { text: string; tone: Tone }>> = {
  open: { text: 'Open', tone: 'warning' },
  confirmed: { text: 'Confirmed match', tone: 'danger' },
  false_positive: { text: 'False positive', tone: 'neutral' },
};

/** Watchlist hits at or above the threshold, each with its matched entry and a verdict. */
export function HitsPanel({ identityId, hits }: { identityId: string; hits: CaseHitDto[] }) {
  const open = hits.filter((hit) => hit.disposition === 'open').length;
  return (
    <Panel
      title="Watchlist hits"
      aside={
        hits.length > 0 && (
          <span>
            {open} open of {hits.length}
          </span>
        )
      }
    >
      {hits.length === 0 ? (
        <p className={styles.muted}>No watchlist entry matched this identity at or above the threshold.</p>
      ) : (
        <ul className={styles.hits}>
          {hits.map((hit) => (
            <HitItem key={hit.hit_id} identityId={identityId} hit={hit} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

function HitItem({ identityId, hit }: { identityId: string; hit: CaseHitDto }) {
  const { can } = useSession();
  const dispose = useHitDisposition(identityId);
  const { entry } = hit;
  const disposition = DISPOSITION[hit.disposition];
  const strongAliases = entry.aliases.filter((a) => a.kind === 'strong').map((a) => a.name);
  const weakAliases = entry.aliases.filter((a) => a.kind === 'weak').map((a) => a.name);
  return (
    <li className={styles.hit} aria-label={`Hit: ${entry.name}`}>
      <div className={styles.hitHead}>
        <strong>{hit.matched_name}</strong>
        <Badge tone="danger">Score {Math.round(hit.score * 100)}%</Badge>
        <Badge tone={disposition.tone}>{disposition.text}</Badge>
      </div>
      <p className={styles.muted}>
        Matched “{hit.query_name}”. {hit.explanation}
      </p>
      <dl className={styles.evidence}>
        <div>
          <dt>Entry</dt>
          <dd>
            {entry.name}
            {entry.entry_type !== 'unknown' && ` · ${entry.entry_type}`}
            {strongAliases.length > 0 && ` (aka ${strongAliases.join('; ')})`}
            {weakAliases.length > 0 && ` (weak aka ${weakAliases.join('; ')})`}
          </dd>
        </div>
        <div>
          <dt>List</dt>
          <dd>
            {entry.list} · {entry.topic}
            {entry.programmes.length > 0 && ` · ${entry.programmes.join(', ')}`}
            {entry.source !== null && ` · ${entry.source}`}
          </dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>
            {entry.dobs.length > 0 ? entry.dobs.join(', ') : '—'}{' '}
            <Badge tone={CORROBORATION[hit.dob].tone}>dob {CORROBORATION[hit.dob].text}</Badge>
          </dd>
        </div>
        <div>
          <dt>Nationality, country</dt>
          <dd>
            {[...entry.nationalities, ...entry.countries].join(', ') || '—'}{' '}
            <Badge tone={CORROBORATION[hit.country].tone}>country {CORROBORATION[hit.country].text}</Badge>
          </dd>
        </div>
        {hit.set_aside.length > 0 && (
          <div>
            <dt>Set aside</dt>
            <dd>{hit.set_aside.join(', ')}</dd>
          </div>
        )}
        {hit.disposed_by !== null && hit.disposed_at !== null && (
          <div>
            <dt>Decided</dt>
            <dd>
              by {hit.disposed_by_name ?? hit.disposed_by}, <TimeText iso={hit.disposed_at} />
            </dd>
          </div>
        )}
      </dl>
      {hit.disposition === 'open' && (
        <div className={styles.hitActions}>
          <Button
            onClick={() => dispose.mutate({ hitId: hit.hit_id, disposition: 'confirmed' })}
            disabled={dispose.isPending}
          >
            Confirm match
          </Button>
          <Button
            onClick={() => dispose.mutate({ hitId: hit.hit_id, disposition: 'false_positive' })}
            disabled={dispose.isPending}
          >
            False positive
          </Button>
          {!can('alerts:write') && (
            <span className={styles.muted}>
              A confirmed match raises no Cloud alert: the install lacks alerts:write.
            </span>
          )}
        </div>
      )}
      <MutationFeedback mutation={dispose} pending="Saving the verdict…" success="Verdict saved." />
    </li>
  );
}
