import type { ReactNode } from 'react';
import { CASE_NOTE_MAX_CHARS } from '@kyc-review/contracts';
import { controlClass, Field } from './field';

export interface NoteFieldProps {
  label: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  /** Defaults to the contract's limit for a case note (decision, verdict, override, reversal). */
  maxLength?: number;
}

/** The labelled free-text note every case action takes, limited as the contract limits it. */
export function NoteField({ label, error, value, onChange, maxLength = CASE_NOTE_MAX_CHARS }: NoteFieldProps) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <textarea
          {...control}
          className={controlClass}
          value={value}
          maxLength={maxLength}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
