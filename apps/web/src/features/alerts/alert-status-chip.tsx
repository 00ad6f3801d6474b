import type { AlertStatusDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import styles from './alert-status.module.css';
import { alertStatusesQueryOptions } from './alerts-queries';

/** A status Cloud does not (or no longer) list: shown by its key, without a colour. */
export const unlistedStatus = (key: string): AlertStatusDto => ({ key, name: key, colour: null });

/** A colour swatch; decoration only, the name beside it carries the meaning. */
export function StatusSwatch({ colour }: { colour: string | null }) {
  return (
    <span
      className={colour === null ? `${styles.swatch} ${styles.swatchNone}` : styles.swatch}
      style={colour === null ? undefined : { background: colour }}
      aria-hidden="true"
    />
  );
}

/** An alert's status by its organisation's name and colour (the key until Cloud's list arrives). */
export function AlertStatusChip({ statusKey }: { statusKey: string }) {
  const api = useApi();
  const statuses = useQuery(alertStatusesQueryOptions(api));
  const status = statuses.data?.data.find((s) => s.key === statusKey) ?? unlistedStatus(statusKey);
  return (
    <span className={styles.chip} title={status.name === status.key ? undefined : status.key}>
      <StatusSwatch colour={status.colour} />
      {status.name}
    </span>
  );
}
