import { Tooltip } from 'radix-ui';
import { Outlet } from 'react-router';
import styles from './app-shell.module.css';
import { TopBar } from './top-bar';

/** The layout every signed-in screen renders in. */
export function AppShell() {
  return (
    <Tooltip.Provider delayDuration={300}>
      <div className={styles.shell}>
        <TopBar />
        <main className={styles.main}>
          <Outlet />
        </main>
      </div>
    </Tooltip.Provider>
  );
}
