import { UpdateAlertBody, type AlertDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Button } from '../../components/button';
import { Field, controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { StatusSwatch, unlistedStatus } from './alert-status-chip';
import statusStyles from './alert-status.module.css';
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
  const hintId = useId();

  // Every status Cloud lists, custom ones included; the current one stays selectable even
  // when Cloud's list no longer has it.
  const listed = statuses.data?.data ?? [];
  const options = listed.some((s) => s.key === alert.status) ? listed : [unlistedStatus(alert.status), ...listed];
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
      <fieldset className={statusStyles.picker} aria-describedby={hintId}>
        <legend>Status</legend>
        {options.map((option) => (
          <label key={option.key} className={statusStyles.option}>
            <input
              type="radio"
              name="status"
              value={option.key}
              checked={status === option.key}
              disabled={!canWrite}
              onChange={() => setStatus(option.key)}
            />
            <StatusSwatch colour={option.colour} />
            <span>{option.name}</span>
            {option.name === option.key ? null : <code className={statusStyles.key}>{option.key}</code>}
          </label>
        ))}
        <span id={hintId} className={statusStyles.hint}>
          {statuses.isPending
            ? 'Loading the statuses your organisation defined in Blnk Cloud…'
            : statuses.isError
              ? 'The list of statuses could not be loaded; only the current one is offered.'
              : 'The statuses your organisation defined in Blnk Cloud.'}
        </span>
      </fieldset>
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
