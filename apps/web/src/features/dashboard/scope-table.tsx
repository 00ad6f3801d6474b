import { ALL_PERMISSIONS } from '@kyc-review/contracts';
import { useSession } from '../../session/session-context';
import { SCOPES } from '../../session/scopes';
import styles from './scope-table.module.css';
import { cx } from '../../components/class-names';

/** Every scope, whether it is granted, and what it changes: the legend for the top bar's badges. */
export function ScopeTable() {
  const { can } = useSession();
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th scope="col">Scope</th>
          <th scope="col">Status</th>
          <th scope="col">With it</th>
          <th scope="col">Without it</th>
        </tr>
      </thead>
      <tbody>
        {ALL_PERMISSIONS.map((scope) => {
          const granted = can(scope);
          return (
            <tr key={scope}>
              <th scope="row">
                <code>{scope}</code>
              </th>
              <td>
                <span className={cx(styles.status, granted ? styles.granted : styles.missing)}>
                  {granted ? 'Granted' : 'Not granted'}
                </span>
              </td>
              <td>{SCOPES[scope].allows}</td>
              <td>{SCOPES[scope].without}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
