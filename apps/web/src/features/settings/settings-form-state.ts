import { DueReason, KycSettings, RiskLevel, RiskReasonCode } from '@kyc-review/contracts';

/** The form holds what the user typed (strings); it becomes KycSettings only when it parses. */
export interface SettingsFormState {
  min_age: string;
  watchlist_threshold: string;
  as_of: string;
  call_for_action: string;
  increased_monitoring: string;
  band_medium: string;
  band_high: string;
  weights: Record<string, string>;
  /** Due days by `<reason>.<risk level>`. */
  due: Record<string, string>;
}

/** The form key of one due-days cell. */
export const dueKey = (reason: DueReason, level: RiskLevel) => `${reason}.${level}`;

/** Field name in the form → the message to show under it. */
export type SettingsErrors = Record<string, string>;

export function toFormState(settings: KycSettings): SettingsFormState {
  const weights: Record<string, string> = {};
  for (const code of RiskReasonCode.options) weights[code] = String(settings.risk_weights[code]);
  return {
    min_age: String(settings.min_age),
    watchlist_threshold: String(settings.watchlist_threshold),
    as_of: settings.fatf.as_of,
    call_for_action: settings.fatf.call_for_action.join(', '),
    increased_monitoring: settings.fatf.increased_monitoring.join(', '),
    band_medium: String(settings.risk_bands.medium),
    band_high: String(settings.risk_bands.high),
    weights,
    due: Object.fromEntries(
      DueReason.options.flatMap((reason) =>
        RiskLevel.options.map((level) => [dueKey(reason, level), String(settings.due_days[reason][level])]),
      ),
    ),
  };
}

/** "kp, IR ir" → ["KP", "IR"]: commas or spaces, any case, duplicates dropped. */
export const parseCodes = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .filter(Boolean)
      .map((c) => c.toUpperCase()),
  ),
];

const toNumber = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

// Maps a KycSettings issue path to the form field that shows it.
function fieldOf(path: readonly PropertyKey[]): string {
  const [first, second] = path;
  if (first === 'fatf') return second === 'as_of' ? 'as_of' : String(second);
  if (first === 'risk_bands') return second === 'high' ? 'band_high' : 'band_medium';
  if (first === 'risk_weights') return `weight.${String(second)}`;
  if (first === 'due_days') return `due.${String(second)}.${String(path[2])}`;
  return String(first);
}

export function fromFormState(form: SettingsFormState): { settings: KycSettings } | { errors: SettingsErrors } {
  const weights: Record<string, number> = {};
  for (const code of RiskReasonCode.options) weights[code] = toNumber(form.weights[code] ?? '');
  const parsed = KycSettings.safeParse({
    min_age: toNumber(form.min_age),
    watchlist_threshold: toNumber(form.watchlist_threshold),
    fatf: {
      as_of: form.as_of,
      call_for_action: parseCodes(form.call_for_action),
      increased_monitoring: parseCodes(form.increased_monitoring),
    },
    risk_weights: weights,
    risk_bands: { medium: toNumber(form.band_medium), high: toNumber(form.band_high) },
    due_days: Object.fromEntries(
      DueReason.options.map((reason) => [
        reason,
        Object.fromEntries(RiskLevel.options.map((level) => [level, toNumber(form.due[dueKey(reason, level)] ?? '')])),
      ]),
    ),
  });
  if (parsed.success) return { settings: parsed.data };
  const errors: SettingsErrors = {};
  for (const issue of parsed.error.issues) {
    const field = fieldOf(issue.path);
    // A list's bad code is reported once, with the code itself.
    const index = issue.path[2];
    errors[field] ??=
      typeof index === 'number' && issue.path[0] === 'fatf'
        ? `Entry ${String(index + 1)}: ${issue.message}`
        : readable(issue.message);
  }
  return { errors };
}

/** zod says "expected number, received NaN" for an empty or non-numeric field. */
const readable = (message: string) => (message.includes('NaN') ? 'Enter a number.' : message);
