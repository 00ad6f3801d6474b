import { controlClass, Field } from './field';

export interface ReasonFieldProps<C extends string> {
  /** The codes offered, in order (a contract enum's options, or a subset of them). */
  codes: readonly C[];
  /** What a person reads for each code. */
  labels: Readonly<Record<C, string>>;
  value: C | '';
  onChange: (code: C | '') => void;
  error?: string | undefined;
}

/** The "Reason" select a case action takes: one of the contract's reason codes, or none chosen yet. */
export function ReasonField<C extends string>({ codes, labels, value, onChange, error }: ReasonFieldProps<C>) {
  return (
    <Field label="Reason" error={error}>
      {(control) => (
        <select
          {...control}
          className={controlClass}
          value={value}
          onChange={(e) => onChange(codes.find((code) => code === e.target.value) ?? '')}
        >
          <option value="">Choose a reason…</option>
          {codes.map((code) => (
            <option key={code} value={code}>
              {labels[code]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
