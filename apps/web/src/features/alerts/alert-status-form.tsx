import { UpdateAlertBody, type AlertDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { Field, controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import styles from './alerts.module.css';
import { alertStatusesQueryOptions, useUpdateAlert } from './alerts-queries';

/** Sets the alert's status (and optionally its description); disabled, with the reason, without alerts:write. */
export function AlertStatusForm({ alert, canWrite }: { alert: AlertDto; canWrite: boolean }) {
  const api = useApi();
  const statuses = useQuery(alertStatusesQueryOptions(api));
  const update = useUpdateAlert(alert.anomaly_id);
  const [status, setStatus] = useState(alert.status);
  const [description, setDescription] = useState(alert.description);
  const [error, setError] = useState<string | undefined>();

  // The current status stays selectable even when Cloud's list no longer has it.
  const options = [...new Set([alert.status, ...(statuses.data?.data ?? [])])];
  const changed = status !== alert.status || description.trim() !== alert.description.trim();

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = UpdateAlertBody.safeParse({
      ...(status === alert.status ? {} : { status }),
      ...(description.trim() === alert.description.trim() ? {} : { description }),
    });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Check the values.');
      return;
    }
    setError(undefined);
    update.mutate(parsed.data);
  };

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate>
      <Field
        label="Status"
        hint={
          statuses.isError ? 'The list of statuses could not be loaded; only the current one is offered.' : undefined
        }
      >
        {(control) => (
          <select
            {...control}
            className={controlClass}
            value={status}
            disabled={!canWrite}
            onChange={(e) => setStatus(e.target.value)}
          >
            {options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Description" error={error}>
        {(control) => (
          <textarea
            {...control}
            className={controlClass}
            value={description}
            maxLength={2000}
            readOnly={!canWrite}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <div className={styles.formActions}>
        <Button type="submit" variant="primary" disabled={!canWrite || !changed || update.isPending}>
          Save
        </Button>
        <MutationFeedback mutation={update} pending="Saving…" success="Alert updated." />
      </div>
    </form>
  );
}
