import { useRef } from 'react';

/**
 * Gives focus back to whatever had it when a dialog opened, once it closes (by a button,
 * Esc or a click outside). Radix's Dialog does this only for a dialog opened from its own
 * Trigger; one opened from a form submit or a keyboard shortcut has none, and focus would
 * fall to the page. Spread the result on `Dialog.Content`: the opener is read as the dialog
 * mounts, before focus moves inside it.
 */
export function useReturnFocus(): {
  onOpenAutoFocus: (event: Event) => void;
  onCloseAutoFocus: (event: Event) => void;
} {
  const opener = useRef<HTMLElement | null>(null);
  return {
    onOpenAutoFocus: () => {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
    },
    onCloseAutoFocus: (event) => {
      const target = opener.current;
      opener.current = null;
      if (target === null || !target.isConnected) return;
      event.preventDefault();
      target.focus();
    },
  };
}
