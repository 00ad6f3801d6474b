import type { AlertPersonDto } from '@kyc-review/contracts';
import styles from './alerts.module.css';

/** A Cloud user the app cannot name: no reviewer of this install is linked to them (decision 017). */
export const UNLINKED_CLOUD_USER = 'A Blnk Cloud user not linked to a reviewer';

/** Who an alert is assigned or escalated to, by name; a Cloud user with no reviewer is said to be one. */
export function AlertPerson({ person }: { person: AlertPersonDto }) {
  switch (person.kind) {
    case 'reviewer':
      return <span>{person.name}</span>;
    case 'cloud_name':
      return (
        <span>
          {person.name} <span className={styles.muted}>(in Blnk Cloud)</span>
        </span>
      );
    case 'cloud_user':
      // The id is kept as a hint only, for matching it in Blnk Cloud.
      return <span title={`Blnk Cloud user ${person.cloud_user_id}`}>{UNLINKED_CLOUD_USER}</span>;
  }
}

/** The people in a list, or "Nobody". */
export function AlertPeople({ people }: { people: readonly AlertPersonDto[] }) {
  if (people.length === 0) return <span className={styles.muted}>Nobody</span>;
  return (
    <ul className={styles.people}>
      {people.map((p, i) => (
        <li key={`${p.cloud_user_id ?? p.name}-${String(i)}`}>
          <AlertPerson person={p} />
        </li>
      ))}
    </ul>
  );
}
