import { useEffect, useRef } from 'react';

// Single-key shortcuts (issue 12, decision 010). A key typed into a field is text, never a
// command; keys with Ctrl, Cmd or Alt belong to the browser; and while a dialog is open its
// own keys (Esc, Tab, Enter) are the only ones that act.

const EDITABLE = 'input, textarea, select, [contenteditable=""], [contenteditable="true"]';

/** Whether a key press should be left alone by every shortcut. */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return true;
  const target = event.target;
  if (target instanceof Element && target.closest(EDITABLE) !== null) return true;
  return document.querySelector('[role="dialog"][data-state="open"], [role="alertdialog"][data-state="open"]') !== null;
}

/** Keys (as `KeyboardEvent.key`) to actions; the latest handlers are used without re-subscribing. */
export function useShortcuts(keys: Readonly<Record<string, () => void>>, enabled = true): void {
  const latest = useRef(keys);
  useEffect(() => {
    latest.current = keys;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event)) return;
      const action = latest.current[event.key];
      if (action === undefined) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
