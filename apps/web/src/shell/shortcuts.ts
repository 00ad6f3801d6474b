// Every keyboard shortcut of the app, in one list: the help dialog shows it and the screens
// bind the same keys (decision 010). A shortcut never decides by itself: Approve and Reject
// choose the action and move focus to what is left to fill or confirm.

export interface Shortcut {
  readonly key: string;
  /** How the key is written on the keycap in the help dialog. */
  readonly label: string;
  readonly action: string;
}

export interface ShortcutGroup {
  readonly where: string;
  readonly shortcuts: readonly Shortcut[];
}

export const SHORTCUT_KEYS = {
  help: '?',
  approve: 'a',
  reject: 'r',
  claim: 'c',
  next: 'n',
} as const;

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    where: 'Anywhere',
    shortcuts: [{ key: SHORTCUT_KEYS.help, label: '?', action: 'Show these shortcuts' }],
  },
  {
    where: 'Queue',
    shortcuts: [
      { key: 'ArrowDown', label: '↓ / ↑', action: 'Move between cases' },
      { key: 'Enter', label: 'Enter', action: 'Open the case' },
    ],
  },
  {
    where: 'Case',
    shortcuts: [
      { key: SHORTCUT_KEYS.approve, label: 'A', action: 'Approve: choose it, then confirm with Enter' },
      { key: SHORTCUT_KEYS.reject, label: 'R', action: 'Reject: choose it, then give the reason' },
      { key: SHORTCUT_KEYS.claim, label: 'C', action: 'Claim the case' },
      { key: SHORTCUT_KEYS.next, label: 'N', action: 'Next case in the queue view you came from' },
    ],
  },
  {
    where: 'Dialogs',
    shortcuts: [{ key: 'Escape', label: 'Esc', action: 'Close, back to where you were' }],
  },
];
