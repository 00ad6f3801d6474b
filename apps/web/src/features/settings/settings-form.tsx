import { DueReason, RiskLevel, RiskReasonCode, type KycSettings, type SettingsDto } from '@kyc-review/contracts';
import { useState, type SyntheticEvent } from 'react';
import { actorName } from '../../components/actor-name';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field, controlClass, type FieldControlProps } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { TimeText } from '../../components/time-text';
import { RISK_REASON_LABELS } from './risk-reason-labels';
import { DUE_REASON_LABELS } from './settings-field-label';
import { RISK_LABELS } from '../../components/risk-badge';
import { dueKey, fromFormState, toFormState, type SettingsErrors, type SettingsFormState } from './settings-form-state';
import styles from './settings.module.css';
import { useSettingsImpact, type useSaveSettings } from './settings-queries';
import { SettingsImpactSummary } from './settings-impact-summary';

export interface SettingsFormProps {
  saved: SettingsDto;
  save: ReturnType<typeof useSaveSettings>;
  /** The reviewer's role is below lead: values shown read-only, no Save. */
  readOnly: boolean;
}

/**
 * The settings as one form: validated in place with the contract's schema; Save first asks the
 * BFF what the change would do to the cases and shows it, and the save happens on confirm.
 */
export function SettingsForm({ saved, save, readOnly }: SettingsFormProps) {
  const [form, setForm] = useState<SettingsFormState>(() => toFormState(saved.settings));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const impact = useSettingsImpact();
  // The settings the impact shown was computed for: confirming saves exactly these.
  const [proposed, setProposed] = useState<KycSettings | null>(null);
  const set = (changes: Partial<SettingsFormState>) => setForm((current) => ({ ...current, ...changes }));

  const onSubmit = (event: SyntheticEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The BFF refuses it anyway (role_required); this only avoids a pointless request.
    if (readOnly) return;
    const result = fromFormState(form);
    if ('errors' in result) {
      setErrors(result.errors);
      // Focus the first invalid control (after the render that marks it) so keyboard and
      // screen-reader users land on the problem.
      const formElement = event.currentTarget;
      requestAnimationFrame(() => formElement.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    impact.mutate(result.settings, { onSuccess: () => setProposed(result.settings) });
  };

  const number =
    (name: 'min_age' | 'watchlist_threshold' | 'band_medium' | 'band_high', step: string) =>
    (control: FieldControlProps) => (
      <input
        {...control}
        className={controlClass}
        type="number"
        step={step}
        inputMode="decimal"
        readOnly={readOnly}
        value={form[name]}
        onChange={(e) => set({ [name]: e.target.value })}
      />
    );

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <div className={styles.row}>
        <Field label="Minimum age" hint="Younger identities fail the age check." error={errors['min_age']}>
          {number('min_age', '1')}
        </Field>
        <Field
          label="Watchlist threshold"
          hint="Hits scoring at or above it (0.5–1) are shown."
          error={errors['watchlist_threshold']}
        >
          {number('watchlist_threshold', '0.01')}
        </Field>
      </div>
      <fieldset className={styles.group}>
        <legend>FATF country lists</legend>
        <Field
          label="As of"
          hint="When the lists were last checked against fatf-gafi.org."
          error={errors['as_of']}
          className={styles.narrow}
        >
          {(control) => (
            <input
              {...control}
              className={controlClass}
              type="date"
              readOnly={readOnly}
              value={form.as_of}
              onChange={(e) => set({ as_of: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Call for action (high risk)"
          hint="ISO 3166 alpha-2 codes, separated by commas."
          error={errors['call_for_action']}
        >
          {(control) => (
            <textarea
              {...control}
              className={controlClass}
              rows={2}
              readOnly={readOnly}
              value={form.call_for_action}
              onChange={(e) => set({ call_for_action: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Increased monitoring (elevated risk)"
          hint="ISO 3166 alpha-2 codes, separated by commas."
          error={errors['increased_monitoring']}
        >
          {(control) => (
            <textarea
              {...control}
              className={controlClass}
              rows={3}
              readOnly={readOnly}
              value={form.increased_monitoring}
              onChange={(e) => set({ increased_monitoring: e.target.value })}
            />
          )}
        </Field>
      </fieldset>
      <fieldset className={styles.group}>
        <legend>Risk score</legend>
        <div className={styles.row}>
          <Field label="Medium from" error={errors['band_medium']}>
            {number('band_medium', '0.01')}
          </Field>
          <Field label="High from" error={errors['band_high']}>
            {number('band_high', '0.01')}
          </Field>
        </div>
        <p className={styles.muted}>Weight of each risk factor (0–1); the score is their sum, capped at 1.</p>
        <div className={styles.weights}>
          {RiskReasonCode.options.map((code) => (
            <Field key={code} label={RISK_REASON_LABELS[code]} error={errors[`weight.${code}`]}>
              {(control) => (
                <input
                  {...control}
                  className={controlClass}
                  type="number"
                  step="0.01"
                  inputMode="decimal"
                  readOnly={readOnly}
                  value={form.weights[code] ?? ''}
                  onChange={(e) => set({ weights: { ...form.weights, [code]: e.target.value } })}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset className={styles.group}>
        <legend>Due dates</legend>
        <p className={styles.muted}>
          Days a case may wait before it is overdue, from when it entered the queue (1–365). Applies to open cases at
          once.
        </p>
        <div className={styles.dueGrid}>
          {DueReason.options.map((reason) => (
            <fieldset key={reason} className={styles.dueRow}>
              <legend>{DUE_REASON_LABELS[reason]}</legend>
              {RiskLevel.options.map((level) => {
                const key = dueKey(reason, level);
                return (
                  <Field key={key} label={`${RISK_LABELS[level]} risk`} error={errors[`due.${key}`]}>
                    {(control) => (
                      <input
                        {...control}
                        className={controlClass}
                        type="number"
                        step="1"
                        min="1"
                        max="365"
                        inputMode="numeric"
                        readOnly={readOnly}
                        value={form.due[key] ?? ''}
                        onChange={(e) => set({ due: { ...form.due, [key]: e.target.value } })}
                      />
                    )}
                  </Field>
                );
              })}
            </fieldset>
          ))}
        </div>
      </fieldset>
      <div className={styles.actions}>
        {!readOnly && (
          <>
            <Button type="submit" variant="primary" disabled={save.isPending || impact.isPending}>
              Save settings
            </Button>
            {save.status === 'idle' ? (
              <MutationFeedback
                mutation={impact}
                pending="Working out what the change would do to the cases…"
                success="Confirm the change to save it."
              />
            ) : (
              <MutationFeedback mutation={save} pending="Saving and re-assessing cases…" success="Settings saved." />
            )}
          </>
        )}
        {saved.updated_at !== null && (
          <span className={styles.muted}>
            Last changed <TimeText iso={saved.updated_at} />
            {saved.updated_by !== null && ` by ${actorName(saved.updated_by, saved.updated_by_name)}`}
          </span>
        )}
      </div>
      <ConfirmDialog
        open={proposed !== null && impact.data !== undefined}
        onOpenChange={(open) => {
          if (!open) setProposed(null);
        }}
        title="Save these settings?"
        confirmLabel="Save settings"
        onConfirm={() => {
          if (proposed !== null) save.mutate(proposed);
        }}
      >
        {impact.data !== undefined && <SettingsImpactSummary impact={impact.data} />}
      </ConfirmDialog>
    </form>
  );
}
