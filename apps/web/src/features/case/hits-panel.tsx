import { roleAtLeast, type CaseHitDto, type Corroboration, type IdentityDto } from '@kyc-review/contracts';
import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Badge, type Tone } from '../../components/badge';
import { actorName } from '../../components/actor-name';
import { Button } from '../../components/button';
import { NoteField } from '../../components/note-field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import { useSession } from '../../session/session-context';
import { useHitReversal } from './case-mutations';
import styles from './case-page.module.css';
import { HIT_REASONS, HitVerdict } from './hit-verdict';

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

/**
 * Watchlist hits at or above the threshold, each with the customer and the list entry side
 * by side and a verdict. The BFF keeps their order (score, then id) whatever the verdicts,
 * so a verdict never moves a card under the reviewer's cursor.
 */
export function HitsPanel({ identity, hits }: { identity: IdentityDto; hits: CaseHitDto[] }) {
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
            <HitItem key={hit.entry.entry_id} identity={identity} hit={hit} />
          ))}
        </ul>
      )}
    </Panel>
  );
}

const dash = (text: string | null | undefined) => (text == null || text.trim() === '' ? '—' : text);
const listed = (values: readonly string[]) => (values.length > 0 ? values.join(', ') : '—');

type Row = { label: string; customer: string; entry: string; outcome: Corroboration | null };

/** How each attribute compared; hits stored before attributes were recorded fall back to the combined verdicts. */
function outcomeOf(hit: CaseHitDto, attribute: 'dob' | 'nationality' | 'country'): Corroboration | null {
  const compared = hit.attributes.find((a) => a.attribute === attribute);
  if (compared !== undefined) return compared.outcome;
  if (hit.attributes.length > 0) return null;
  return attribute === 'dob' ? hit.dob : attribute === 'country' ? hit.country : null;
}

/** The customer and the list entry side by side, each attribute with how it compared. */
function SideBySide({ identity, hit }: { identity: IdentityDto; hit: CaseHitDto }) {
  const { entry } = hit;
  const organization = identity.identity_type === 'organization';
  const customerName = organization
    ? identity.organization_name
    : [identity.first_name, identity.last_name].filter((p) => p.trim() !== '').join(' ');
  const strong = entry.aliases.filter((a) => a.kind === 'strong').map((a) => a.name);
  const weak = entry.aliases.filter((a) => a.kind === 'weak').map((a) => a.name);
  const rows: Row[] = [
    {
      label: 'Name',
      customer: dash(customerName),
      entry: `${entry.name}${entry.entry_type === 'unknown' ? '' : ` (${entry.entry_type})`}`,
      outcome: null,
    },
    {
      label: 'Other names, aliases',
      customer: organization ? '—' : dash(identity.other_names),
      entry:
        [strong.join('; '), weak.length > 0 ? `weak: ${weak.join('; ')}` : ''].filter((t) => t !== '').join(' · ') ||
        '—',
      outcome: null,
    },
    { label: 'Matched name', customer: dash(hit.query_name), entry: hit.matched_name, outcome: null },
    {
      label: 'Date of birth',
      customer: dash(identity.dob?.slice(0, 10)),
      entry: listed(entry.dobs),
      outcome: outcomeOf(hit, 'dob'),
    },
    {
      label: 'Nationality',
      customer: dash(identity.nationality),
      entry: listed(entry.nationalities),
      outcome: outcomeOf(hit, 'nationality'),
    },
    {
      label: 'Country',
      customer: dash(identity.country),
      entry: listed(entry.countries),
      outcome: outcomeOf(hit, 'country'),
    },
    { label: 'List', customer: '', entry: `${entry.list} · ${entry.topic}`, outcome: null },
    { label: 'Programme', customer: '', entry: listed(entry.programmes), outcome: null },
    { label: 'Source', customer: '', entry: dash(entry.source), outcome: null },
  ];
  return (
    <table className={styles.sideBySide}>
      <thead>
        <tr>
          <th scope="col">Attribute</th>
          <th scope="col">Customer</th>
          <th scope="col">List entry</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>
              {/* The customer's attribute is what was compared, against everything the entry lists. */}
              {row.customer}{' '}
              {row.outcome !== null && (
                <Badge tone={CORROBORATION[row.outcome].tone}>{CORROBORATION[row.outcome].text}</Badge>
              )}
            </td>
            <td>{row.entry}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HitItem({ identity, hit }: { identity: IdentityDto; hit: CaseHitDto }) {
  const card = useRef<HTMLLIElement>(null);
  const disposition = DISPOSITION[hit.disposition];
  // After a verdict or a reversal the form that had the focus is gone: the card takes it,
  // so the reviewer stays where they were (unless they already moved on).
  const shown = useRef(hit.disposition);
  useEffect(() => {
    if (shown.current === hit.disposition) return;
    shown.current = hit.disposition;
    const active = document.activeElement;
    if (active === null || active === document.body || card.current?.contains(active) === true) card.current?.focus();
  }, [hit.disposition]);
  return (
    <li ref={card} tabIndex={-1} className={styles.hit} aria-label={`Hit: ${hit.entry.name}`}>
      <div className={styles.hitHead}>
        <strong>{hit.entry.name}</strong>
        <Badge tone="danger">Match {Math.round(hit.score * 100)}%</Badge>
        <Badge tone={disposition.tone}>{disposition.text}</Badge>
      </div>
      <p className={styles.muted}>{hit.explanation}</p>
      <SideBySide identity={identity} hit={hit} />
      {hit.set_aside.length > 0 && <p className={styles.muted}>Not compared: {hit.set_aside.join(', ')}</p>}
      {hit.disposed_by !== null && hit.disposed_at !== null && (
        <p className={styles.verdictLine}>
          {hit.reason_code === null ? 'No reason recorded' : HIT_REASONS[hit.reason_code]}
          {hit.note !== null && `: “${hit.note}”`} — {actorName(hit.disposed_by, hit.disposed_by_name)},{' '}
          <TimeText iso={hit.disposed_at} />
        </p>
      )}
      {hit.disposition === 'open' ? (
        <HitVerdict identityId={identity.identity_id} hitId={hit.hit_id} entryName={hit.entry.name} />
      ) : (
        <Reversal identityId={identity.identity_id} hitId={hit.hit_id} />
      )}
    </li>
  );
}

/** A lead re-opens a hit, with a reason; others see who may. */
function Reversal({ identityId, hitId }: { identityId: string; hitId: string }) {
  const reviewer = useSession().session.reviewer;
  const lead = reviewer !== null && roleAtLeast(reviewer.role, 'lead');
  const reverse = useHitReversal(identityId);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  if (!lead) return <p className={styles.muted}>Only a compliance lead can reverse this verdict.</p>;
  if (!open)
    return (
      <div className={styles.hitActions}>
        <Button onClick={() => setOpen(true)}>Reverse verdict…</Button>
        <MutationFeedback mutation={reverse} pending="Reversing…" success="Verdict reversed: the hit is open again." />
      </div>
    );
  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (note.trim() === '') {
      setError('Say why the verdict is reversed.');
      return;
    }
    reverse.mutate(
      { hitId, note },
      {
        onSuccess: () => {
          setOpen(false);
          setNote('');
        },
      },
    );
  };
  return (
    <form className={styles.verdictForm} onSubmit={onSubmit} noValidate aria-label="Reverse the verdict">
      <NoteField label="Why reverse it (required)" error={error} value={note} onChange={setNote} />
      <div className={styles.hitActions}>
        <Button type="submit" variant="primary" disabled={reverse.isPending}>
          Reverse verdict
        </Button>
        <Button onClick={() => setOpen(false)}>Cancel</Button>
      </div>
      <MutationFeedback mutation={reverse} pending="Reversing…" success="Verdict reversed." />
    </form>
  );
}
