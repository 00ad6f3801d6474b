import { Dialog } from 'radix-ui';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { Button } from '../components/button';
import dialog from '../components/confirm-dialog.module.css';
import { useReturnFocus } from '../components/use-return-focus';
import { useShortcuts } from '../components/use-shortcuts';
import styles from './shortcut-help.module.css';
import { SHORTCUT_GROUPS, SHORTCUT_KEYS } from './shortcuts';

const OpenHelp = createContext<() => void>(() => undefined);

/** Opens the shortcuts dialog (for a visible "Keyboard shortcuts" button beside the `?` key). */
export const useOpenShortcutHelp = () => useContext(OpenHelp);

/**
 * The keyboard shortcuts dialog, opened with `?` anywhere or from a button. Focus goes back
 * to what had it when the dialog opened, whether it closes with Close, Esc or a click outside.
 */
export function ShortcutHelp({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  useShortcuts({ [SHORTCUT_KEYS.help]: () => setOpen(true) });
  const returnFocus = useReturnFocus();
  return (
    <OpenHelp.Provider value={() => setOpen(true)}>
      {children}
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className={dialog.overlay} />
          <Dialog.Content className={dialog.content} {...returnFocus}>
            <Dialog.Title>Keyboard shortcuts</Dialog.Title>
            <Dialog.Description className={styles.hint}>
              Single keys, ignored while you type in a field. A shortcut never decides alone: you confirm.
            </Dialog.Description>
            <div className={styles.groups}>
              {SHORTCUT_GROUPS.map((group) => (
                <section key={group.where} className={styles.group} aria-labelledby={`shortcuts-${group.where}`}>
                  <h3 id={`shortcuts-${group.where}`}>{group.where}</h3>
                  <dl className={styles.list}>
                    {group.shortcuts.map((s) => (
                      <div key={s.key} className={styles.row}>
                        <dt>
                          <kbd className={styles.key}>{s.label}</kbd>
                        </dt>
                        <dd>{s.action}</dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ))}
            </div>
            <div className={dialog.actions}>
              <Dialog.Close asChild>
                <Button>Close</Button>
              </Dialog.Close>
            </div>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </OpenHelp.Provider>
  );
}
