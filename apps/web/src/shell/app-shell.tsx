import { Tooltip } from 'radix-ui';
import { Outlet } from 'react-router';
import { StepUpDialog } from '../features/sign-in/step-up-dialog';
import styles from './app-shell.module.css';
import { CloudUserOffer } from './cloud-user-offer';
import { ShortcutHelp } from './shortcut-help';
import { TopBar } from './top-bar';

/** The layout every signed-in screen renders in. */
export function AppShell() {
  return (
    <Tooltip.Provider delayDuration={300}>
      <ShortcutHelp>
        <div className={styles.shell}>
          <TopBar />
          <main className={styles.main}>
            <CloudUserOffer />
            <Outlet />
          </main>
          <StepUpDialog />
        </div>
      </ShortcutHelp>
    </Tooltip.Provider>
  );
}
