import { Button } from '../../components/button';
import { MutationFeedback } from '../../components/mutation-feedback';
import { useSession } from '../../session/session-context';
import { useReveal } from './case-mutations';
import styles from './case-page.module.css';
import { revealableField } from './identity-fields';

export interface TokenizedValueProps {
  identityId: string;
  field: string;
  label: string;
}

/**
 * A tokenized field: masked, with Reveal when the install has data:write (Cloud detokenizes
 * it), otherwise a disabled button that says why. Revealed values live in memory only.
 */
export function TokenizedValue({ identityId, field, label }: TokenizedValueProps) {
  const { can } = useSession();
  const reveal = useReveal(identityId);
  const revealable = revealableField(field);

  if (reveal.data !== undefined) return <span className={styles.revealed}>{reveal.data.value}</span>;

  const reason =
    revealable === null
      ? 'This field cannot be revealed from the app.'
      : can('data:write')
        ? null
        : 'Revealing needs the data:write scope, which this install lacks.';
  return (
    <span className={styles.tokenized}>
      <span aria-label={`${label} is tokenized`}>••••••</span>
      <Button
        className={styles.smallButton}
        onClick={() => {
          if (revealable !== null) reveal.mutate(revealable);
        }}
        disabled={reason !== null || reveal.isPending}
        title={reason ?? undefined}
        aria-label={`Reveal ${label.toLowerCase()}`}
      >
        Reveal
      </Button>
      {reason !== null && <span className={styles.muted}>{reason}</span>}
      {reveal.status !== 'idle' && <MutationFeedback mutation={reveal} pending="Revealing…" success="" />}
    </span>
  );
}
