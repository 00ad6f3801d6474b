import { roleAtLeast } from '@kyc-review/contracts';
import { NavLink } from 'react-router';
import { cx } from '../components/class-names';
import { useSession } from '../session/session-context';
import styles from './main-nav.module.css';
import { NAV_ITEMS } from './nav-items';

/** The primary navigation; NavLink marks the current page (aria-current="page"). */
export function MainNav() {
  const { can, session } = useSession();
  const role = session.reviewer?.role ?? 'reviewer';
  const items = NAV_ITEMS.filter((item) => item.role === undefined || roleAtLeast(role, item.role));
  return (
    <nav aria-label="Main" className={styles.nav}>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item.to}>
            {item.requires !== undefined && !can(item.requires) ? (
              <span className={cx(styles.link, styles.disabled)} aria-disabled="true" title={`Needs ${item.requires}`}>
                {item.label}
              </span>
            ) : (
              <NavLink
                to={item.to}
                end={item.to === '/'}
                className={({ isActive }) => cx(styles.link, isActive && styles.active)}
              >
                {item.label}
              </NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
