import { Dialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { Button } from './button';
import { cx } from './class-names';
import styles from './confirm-dialog.module.css';
import { useReturnFocus } from './use-return-focus';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  tone?: 'neutral' | 'danger';
}

/**
 * A modal question before a consequential action. Radix traps focus inside, closes on
 * Escape and gives focus back to what opened it (useReturnFocus: also when no Trigger opened it); "Cancel" gets the first focus so Enter
 * never confirms by accident.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  onConfirm,
  tone = 'neutral',
}: ConfirmDialogProps) {
  const returnFocus = useReturnFocus();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={cx(styles.content, tone === 'danger' && styles.danger)} {...returnFocus}>
          <Dialog.Title>{title}</Dialog.Title>
          <Dialog.Description asChild>
            <div className={styles.description}>{children}</div>
          </Dialog.Description>
          <div className={styles.actions}>
            <Dialog.Close asChild>
              <Button>Cancel</Button>
            </Dialog.Close>
            <Button
              variant="primary"
              onClick={() => {
                onOpenChange(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
