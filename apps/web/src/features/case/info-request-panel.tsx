import { InfoReceivedBody, type CaseDto, type InfoRequestDto } from '@kyc-review/contracts';
import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useState, type SyntheticEvent } from 'react';
import { useApi } from '../../api/api-context';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { QueryErrorState } from '../../components/error-state';
import { Field, controlClass } from '../../components/field';
import { MutationFeedback } from '../../components/mutation-feedback';
import { Panel } from '../../components/panel';
import { TimeText } from '../../components/time-text';
import styles from './info-request.module.css';
import { infoRequestsQueryOptions, useInfoReceived } from './info-request-queries';

/**
 * What was asked of the customer (decision 021): the open request with its items and due
 * date, and "Information received", which puts the case back in review with the answer
 * noted. Earlier requests stay listed with their answers. Hidden while nothing was asked.
 */
export function InfoRequestPanel({ identityId, kase }: { identityId: string; kase: CaseDto }) {
  const query = useQuery(infoRequestsQueryOptions(useApi(), identityId));
  if (query.isPending) return null;
  if (query.isError)
    return (
      <Panel title="Information requested">
        <QueryErrorState title="The requests could not be loaded" query={query} />
      </Panel>
    );
  const items = query.data.items;
  if (items.length === 0) return null;
  const waiting = kase.status === 'info_requested';
  const first = items[0];
  const open = waiting && first !== undefined && first.received_at === null ? first : undefined;
  const earlier = open === undefined ? items : items.slice(1);
  return (
    <Panel title="Information requested" aside={open?.overdue === true && <Badge tone="danger">Overdue</Badge>}>
      {open !== undefined && (
        <>
          <RequestBody request={open} />
          {kase.allowed_actions.info_received.allowed ? (
            <ReceivedDialog identityId={identityId} />
          ) : (
            <p className={styles.meta}>{kase.allowed_actions.info_received.blockers[0]?.message}</p>
          )}
        </>
      )}
      {earlier.length > 0 && (
        <details className={styles.earlier} open={open === undefined}>
          <summary>Earlier requests ({String(earlier.length)})</summary>
          <ol className={styles.list}>
            {earlier.map((r) => (
              <li key={r.request_id}>
                <RequestBody request={r} />
              </li>
            ))}
          </ol>
        </details>
      )}
    </Panel>
  );
}

function RequestBody({ request }: { request: InfoRequestDto }) {
  return (
    <div className={styles.request}>
      <p className={styles.meta}>
        Asked by {request.asked_by_name ?? 'a reviewer'} · <TimeText iso={request.asked_at} format="absolute" />
      </p>
      <p className={styles.text}>{request.text}</p>
      {request.items.length > 0 && (
        <ul className={styles.items} aria-label="Items asked for">
          {request.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      )}
      {request.due_at !== null && (
        <p className={styles.meta}>
          Due <TimeText iso={request.due_at} format="absolute" />
          {request.overdue && ' (overdue)'}
        </p>
      )}
      {request.received_at !== null && (
        <p className={styles.answer}>
          <span className={styles.meta}>
            Received · {request.received_by_name ?? 'a reviewer'} ·{' '}
            <TimeText iso={request.received_at} format="absolute" />
          </span>
          <span className={styles.text}>{request.answer}</span>
        </p>
      )}
    </div>
  );
}

/** Opened by its trigger, so focus returns to it on close and on Esc. */
function ReceivedDialog({ identityId }: { identityId: string }) {
  const [open, setOpen] = useState(false);
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<string | undefined>();
  const received = useInfoReceived(identityId);

  const onSubmit = (event: SyntheticEvent) => {
    event.preventDefault();
    const parsed = InfoReceivedBody.safeParse({ answer });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Note what came back.');
      return;
    }
    setError(undefined);
    received.mutate(parsed.data, {
      onSuccess: () => {
        setAnswer('');
        setOpen(false);
      },
    });
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button variant="primary">Information received…</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog}>
          <Dialog.Title>Information received</Dialog.Title>
          <Dialog.Description className={styles.meta}>
            The case goes back in review and its due date restarts. The answer is kept with the request and in the
            history.
          </Dialog.Description>
          <form onSubmit={onSubmit} noValidate className={styles.form}>
            <Field label="What the customer sent (required)" error={error}>
              {(control) => (
                <textarea
                  {...control}
                  className={controlClass}
                  rows={4}
                  value={answer}
                  onChange={(e) => setAnswer(e.target.value)}
                />
              )}
            </Field>
            <MutationFeedback mutation={received} pending="Saving…" success="Back in review." />
            <div className={styles.actions}>
              <Dialog.Close asChild>
                <Button>Cancel</Button>
              </Dialog.Close>
              <Button type="submit" variant="primary" disabled={received.isPending}>
                Back to review
              </Button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
